package io.xenon.toolstack.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.DomId;
import io.xenon.abi.ShutdownReason;
import io.xenon.actors.HypervisorActor;
import io.xenon.drivers.DeviceStats;
import io.xenon.runtime.domain.DomainInfo;
import io.xenon.runtime.domain.RunState;
import io.xenon.runtime.domain.VcpuInfo;
import io.xenon.toolstack.api.TopView;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A hypervisor snapshot and device totals turned into xentop's sample. */
class TopViewsTest {

    private static DomainInfo info(int domid, boolean blocked, boolean paused, boolean shutdown, ShutdownReason reason,
            boolean dying, long maxKiB) {
        List<VcpuInfo> vcpus = List.of(new VcpuInfo(0, true, 0, RunState.BLOCKED, 2_000_000_000L, null, null),
                new VcpuInfo(1, false, -1, RunState.OFFLINE, 0, null, null));
        return new DomainInfo(DomId.of(domid), "d" + domid, UUID.randomUUID(), 65536, 65536, maxKiB, 1, 2, false,
                blocked, paused, shutdown, reason, dying, 2_000_000_000L, 0, 0, 0, vcpus);
    }

    @Test
    void stateLettersFollowXentopsOrderWithCrashApartFromShutdown() {
        assertEquals("--b---", TopViews.state(info(1, true, false, false, null, false, 1)));
        assertEquals("-s----", TopViews.state(info(1, false, false, true, ShutdownReason.POWEROFF, false, 1)));
        assertEquals("---c--", TopViews.state(info(1, false, false, true, ShutdownReason.CRASH, false, 1)));
        assertEquals("d---p-", TopViews.state(info(1, false, true, false, null, true, 1)));
    }

    @Test
    void devicesOfTheDomainBecomeNetsAndVbdsWithSectors() {
        long[] vif = new long[DeviceStats.Counter.values().length];
        vif[DeviceStats.Counter.FROM_GUEST_BYTES.ordinal()] = 100;
        vif[DeviceStats.Counter.TO_GUEST_BYTES.ordinal()] = 200;
        long[] vbd = new long[DeviceStats.Counter.values().length];
        vbd[DeviceStats.Counter.RD_REQS.ordinal()] = 3;
        vbd[DeviceStats.Counter.WR_BYTES.ordinal()] = 4096;
        List<DeviceStats.Sample> devices = List.of(
                new DeviceStats.Sample(new DeviceStats.Key(4, "vif", "vif4.2"), vif),
                new DeviceStats.Sample(new DeviceStats.Key(4, "vbd", "51712"), vbd),
                new DeviceStats.Sample(new DeviceStats.Key(5, "vif", "vif5.0"), vif));
        HypervisorActor.HostInfo host = new HypervisorActor.HostInfo(2, 4096, 3000, 0, "credit", "4.19", 4, 19, ".0",
                0, 1);
        TopView top = TopViews.top(List.of(info(4, true, false, false, null, false, 131072)), host, devices, 1, 2);
        TopView.Domain d = top.domains().get(0);
        assertEquals(List.of(new TopView.Net(2, "vif4.2", 100, 0, 200, 0, 0, 0)), d.nets());
        assertEquals(List.of(new TopView.Vbd(51712, 0, 3, 0, 0, 8)), d.vbds());
        assertEquals(List.of(2_000_000_000L, -1L), d.vcpuNanos());
        assertEquals(2, d.vcpus());
        assertEquals(131072, d.maxMemKiB());
        assertEquals(4096L * 1024, top.totalKiB());
        assertEquals("4.19.0", top.xenVersion());
        assertEquals(TopView.NO_LIMIT,
                TopViews.top(List.of(info(4, true, false, false, null, false, 0)), host, List.of(), 1, 2)
                        .domains().get(0).maxMemKiB());
    }
}
