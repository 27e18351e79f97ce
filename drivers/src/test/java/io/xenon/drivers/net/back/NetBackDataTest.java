package io.xenon.drivers.net.back;

import static io.xenon.abi.netif.Netif.NETIF_RSP_ERROR;
import static io.xenon.abi.netif.Netif.NETIF_RSP_NULL;
import static io.xenon.abi.netif.Netif.NETIF_RSP_OKAY;
import static io.xenon.abi.netif.Netif.NETTXF_extra_info;
import static io.xenon.abi.netif.Netif.NETTXF_more_data;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.drivers.net.NetifRx;
import io.xenon.drivers.net.NetifTx;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.gnttab.GrantTable;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.mm.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** netback's tx gathering and checks, and its rx copy, against real grant tables. */
class NetBackDataTest {

    private static final int FIRST_REF = 8;

    private final Host host = new Host(128, 1);
    private final GrantTables grants = new GrantTables();
    private final Domain guest;
    private final GrantTable table;
    private final List<byte[]> out = new ArrayList<>();
    private final NetBackMetrics metrics = new NetBackMetrics(1, "vif1.0");
    private final NetBackTx tx;

    NetBackDataTest() throws Exception {
        grants.create(host.createDom0(32, 1));
        guest = host.create(DomainConfigs.read("name = 'g'\nkernel = '/k'\nmemory = 16\n", "g.cfg", List.of()));
        table = grants.create(guest);
        tx = new NetBackTx(grants, DomId.DOM0, guest.id(), metrics, out::addAll);
    }

    @Test
    void assemblesAFrameFromFragmentsChainedByMoreData() {
        byte[] a = fill(1, 1000, 7);
        byte[] b = fill(2, 600, 9);
        List<NetifTx.Response> rsp = run(
                new NetifTx.Request(grant(1), 100, NETTXF_more_data, 5, 1600),
                new NetifTx.Request(grant(2), 0, 0, 6, 600));
        assertEquals(List.of(new NetifTx.Response(5, NETIF_RSP_OKAY), new NetifTx.Response(6, NETIF_RSP_OKAY)), rsp);
        assertEquals(1, out.size());
        byte[] frame = out.get(0);
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 100, 1100), java.util.Arrays.copyOf(frame, 1000));
        assertArrayEquals(java.util.Arrays.copyOf(b, 600), java.util.Arrays.copyOfRange(frame, 1000, 1600));
    }

    @Test
    void aPacketSplitAcrossTwoRingKicksIsAnsweredWhenItsLastSlotArrives() {
        fill(1, 100, 4);
        fill(2, 50, 5);
        assertEquals(List.of(new NetifTx.Response(3, NETIF_RSP_OKAY)), tx.process(List.of(
                new NetifTx.Request(grant(1), 0, 0, 3, 60),
                new NetifTx.Request(grant(1), 0, NETTXF_more_data, 4, 150))));
        assertEquals(1, out.size());
        assertEquals(List.of(new NetifTx.Response(4, NETIF_RSP_OKAY), new NetifTx.Response(5, NETIF_RSP_OKAY)),
                tx.process(List.of(new NetifTx.Request(grant(2), 0, 0, 5, 50))));
        assertEquals(2, out.size());
        assertEquals(150, out.get(1).length);
    }

    @Test
    void anUngrantedPageIsAnsweredWithAnErrorAndTheNextFramePasses() {
        fill(1, 64, 3);
        List<NetifTx.Response> rsp = run(
                new NetifTx.Request(FIRST_REF + 40, 0, 0, 1, 64),
                new NetifTx.Request(grant(1), 0, 0, 2, 64));
        assertEquals(List.of(new NetifTx.Response(1, NETIF_RSP_ERROR), new NetifTx.Response(2, NETIF_RSP_OKAY)), rsp);
        assertEquals(1, out.size());
        assertEquals(0, grants.activeMappings());
    }

    @Test
    void refusesRuntsFragmentsThatDoNotAddUpAndFragmentsCrossingTheirPage() {
        fill(1, Page.SIZE, 1);
        int ref = grant(1);
        List<NetifTx.Response> rsp = run(
                new NetifTx.Request(ref, 0, 0, 1, 13),
                new NetifTx.Request(ref, 0, NETTXF_more_data, 2, 100),
                new NetifTx.Request(ref, 0, 0, 3, 100),
                new NetifTx.Request(ref, 4000, 0, 4, 200));
        assertEquals(List.of(new NetifTx.Response(1, NETIF_RSP_ERROR), new NetifTx.Response(2, NETIF_RSP_ERROR),
                new NetifTx.Response(3, NETIF_RSP_ERROR), new NetifTx.Response(4, NETIF_RSP_ERROR)), rsp);
        assertTrue(out.isEmpty());
    }

    @Test
    void anEndlessChainIsRefusedInPiecesWithoutWaitingForItsEnd() {
        int ref = grant(1);
        NetBackTx.Assembler assembler = new NetBackTx.Assembler();
        List<NetBackTx.Packet> packets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            assembler.apply(new NetifTx.Request(ref, 0, NETTXF_more_data, i, 64)).forEach(packets::add);
        }
        assertEquals(2, packets.size());
        assertEquals(18, packets.get(0).slots().size());
        assertEquals("too-many-slots", packets.get(1).refused());
        assembler.apply(new NetifTx.Request(ref, 0, 0, 40, 64)).forEach(packets::add);
        assertEquals("too-many-slots", packets.get(2).refused());
        assembler.apply(new NetifTx.Request(ref, 0, 0, 41, 64)).forEach(packets::add);
        assertEquals(null, packets.get(3).refused());
    }

    @Test
    void anExtraInfoSlotIsAnsweredNull() {
        fill(1, 64, 2);
        int extraMore = 1 << 8;
        List<NetifTx.Response> rsp = run(
                new NetifTx.Request(grant(1), 0, NETTXF_extra_info, 1, 64),
                new NetifTx.Request(extraMore | 1, 0, 0, 0, 0),
                new NetifTx.Request(1, 0, 0, 0, 0));
        assertEquals(List.of(new NetifTx.Response(1, NETIF_RSP_OKAY), new NetifTx.Response(0, NETIF_RSP_NULL),
                new NetifTx.Response(0, NETIF_RSP_NULL)), rsp);
        assertEquals(1, out.size());
    }

    @Test
    void rxCopiesIntoThePostedBufferAndRefusesABufferNotGrantedWritable() {
        NetBackRx rx = new NetBackRx(grants, DomId.DOM0, guest.id(), metrics);
        byte[] frame = new byte[90];
        java.util.Arrays.fill(frame, (byte) 0x5a);
        table.grantAccess(new GrantRef(FIRST_REF + 3), DomId.DOM0, 3, false);
        assertEquals(new NetifRx.Response(7, 0, 0, 90), deliver(rx, frame, new NetifRx.Request(7, FIRST_REF + 3)));
        byte[] got = new byte[90];
        guest.memory().page(3).read(0, got, 0, 90);
        assertArrayEquals(frame, got);
        table.grantAccess(new GrantRef(FIRST_REF + 4), DomId.DOM0, 4, true);
        assertEquals(NETIF_RSP_ERROR, deliver(rx, frame, new NetifRx.Request(8, FIRST_REF + 4)).status());
        assertEquals(0, grants.activeMappings());
    }

    private List<NetifTx.Response> run(NetifTx.Request... requests) {
        return tx.process(List.of(requests));
    }

    private static NetifRx.Response deliver(NetBackRx rx, byte[] frame, NetifRx.Request buffer) {
        return rx.deliver(List.of(frame), List.of(buffer)).get(0);
    }

    private byte[] fill(long gfn, int length, int seed) {
        byte[] bytes = new byte[Page.SIZE];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        guest.memory().page(gfn).write(0, bytes, 0, bytes.length);
        return bytes;
    }

    private int grant(long gfn) {
        table.grantAccess(new GrantRef(FIRST_REF + (int) gfn), DomId.DOM0, gfn, true);
        return FIRST_REF + (int) gfn;
    }
}
