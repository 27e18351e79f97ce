package io.xenon.network.gateway;

import static io.xenon.network.Frames.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.Network;
import io.xenon.network.packet.DhcpMessage;
import io.xenon.network.packet.DhcpMessageType;
import io.xenon.network.packet.DhcpOptions;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewayTest {

    @RegisterExtension
    static final GatewayFixture FIXTURE = new GatewayFixture("gw");

    private static final Ipv4Address GW = Ipv4Address.parse("10.77.0.1");

    private Gateway gateway;
    private String name;

    /** A network of {@code mode} on 10.77.0.0/{@code prefix} with its gateway, plus {@code extra} keys. */
    private Network network(String mode, int prefix, String extra) throws Exception {
        FIXTURE.start("mode = " + mode + ", subnet = \"10.77.0.0/" + prefix + "\" " + extra, null);
        name = FIXTURE.name;
        gateway = FIXTURE.gateway;
        return FIXTURE.network;
    }

    private long counted(String metric, String reason) {
        return count(metric, gateway.metrics().tags().withTag("reason", reason));
    }

    @Test
    void answersArpForItsAddressWithItsFixedMac() throws Exception {
        Guest g = new Guest(network("host-only", 24, ""), "vif1.0", 1);
        MacAddress answer = g.arp(GW);
        assertEquals(gateway.mac(), answer);
        assertTrue(answer.isUnicast() && answer.isLocallyAdministered(), answer.toString());
        assertEquals(GatewayCore.mac(name, 0x58), answer, "derived from the network's name, the same every start");
        assertNull(g.arp(Ipv4Address.parse("10.77.0.9")), "no answer for an address that is not the gateway's");
    }

    @Test
    void answersPingWithValidChecksums() throws Exception {
        Guest g = new Guest(network("host-only", 24, ""), "vif1.0", 1);
        g.ip = Ipv4Address.parse("10.77.0.50");
        g.sendIp(gateway.mac(), Ipv4Packet.of(IpProtocol.ICMP, g.ip, GW, 9,
                IcmpMessage.echoRequest(0x4242, 3, "xenon".getBytes()).encode()));
        Ipv4Packet reply = g.awaitIp(IpProtocol.ICMP);
        assertNotNull(reply, "the reply decodes, so its header checksum verified");
        assertEquals(GW, reply.src());
        assertEquals(g.ip, reply.dst());
        IcmpMessage m = IcmpMessage.decode(reply.payload()).orNull();
        assertNotNull(m, "the ICMP checksum verifies");
        assertEquals(IcmpMessage.ECHO_REPLY, m.type());
        assertEquals(0x4242, m.identifier());
        assertEquals(3, m.sequence());
        assertArrayEquals("xenon".getBytes(), m.data().toArray());
    }

    @Test
    void dhcpHandsOutTheSecondHostWithTheGatewayAsRouterThenTheThird() throws Exception {
        Network n = network("nat", 24, "");
        Guest a = new Guest(n, "vif1.0", 1);
        Guest b = new Guest(n, "vif2.0", 2);
        assertEquals(Ipv4Address.parse("10.77.0.2"), a.dhcp("alpha"));
        assertEquals(List.of(GW), a.ack.options().routers());
        assertEquals(Ipv4Address.parse("255.255.255.0"), a.ack.options().subnetMask().orElseThrow());
        assertEquals(GW, a.ack.options().serverId().orElseThrow());
        assertEquals(List.of(GW), a.ack.options().dns());
        assertEquals(3600, a.ack.options().leaseTime().orElseThrow());
        assertEquals(Ipv4Address.parse("10.77.0.3"), b.dhcp("beta"));
        assertEquals(2, gateway.metrics().leases());
    }

    @Test
    void releaseFreesTheAddressForTheNextClient() throws Exception {
        Network n = network("host-only", 24, "");
        Guest a = new Guest(n, "vif1.0", 1);
        Ipv4Address first = a.dhcp(null);
        assertTrue(a.ack.options().routers().isEmpty(), "a host-only network gives no default route");
        a.sendIp(gateway.mac(), DhcpMessage.decode(releaseOf(a)).orNull().toUdp().toIpv4(a.ip, GW, 2));
        // Ports are separate queues: wait for the release before the next client asks.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (gateway.metrics().leases() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, gateway.metrics().leases(), "the release was taken");
        Guest b = new Guest(n, "vif2.0", 2);
        assertEquals(first, b.dhcp(null), "the released address is the first free one again");
        assertEquals(1, gateway.metrics().leases());
    }

    private static UdpDatagram releaseOf(Guest g) {
        DhcpMessage release = new DhcpMessage(DhcpMessage.BOOTREQUEST, 0, 77, 0, 0, g.ip, Ipv4Address.ANY,
                Ipv4Address.ANY, Ipv4Address.ANY, g.mac, DhcpOptions.builder()
                .messageType(DhcpMessageType.RELEASE).serverId(GW).build());
        return release.toUdp();
    }

    @Test
    void requestForAnAddressNotOfferedIsRefusedWithANak() throws Exception {
        Guest a = new Guest(network("host-only", 24, ""), "vif1.0", 1);
        a.sendDhcp(DhcpMessage.request(5, a.mac, Ipv4Address.parse("10.77.0.200"), GW, null));
        DhcpMessage nak = a.awaitDhcp();
        assertNotNull(nak);
        assertEquals(DhcpMessageType.NAK, nak.type());
    }

    @Test
    void malformedDhcpIsCountedAndDroppedAndTheServerGoesOn() throws Exception {
        Guest a = new Guest(network("host-only", 24, ""), "vif1.0", 1);
        byte[] bad = DhcpMessage.discover(1, a.mac, null).encode();
        bad[DhcpMessage.FIXED] = 0;
        a.sendIp(MacAddress.BROADCAST, UdpDatagram.of(68, 67, bad).toIpv4(Ipv4Address.ANY, Ipv4Address.BROADCAST, 1));
        byte[] truncated = new byte[DhcpMessage.FIXED + 2];
        a.sendIp(MacAddress.BROADCAST, UdpDatagram.of(68, 67, truncated).toIpv4(Ipv4Address.ANY, Ipv4Address.BROADCAST, 1));
        a.send(MacAddress.BROADCAST, EtherType.IPV4, new byte[] {0x45, 0, 0});
        assertEquals(Ipv4Address.parse("10.77.0.2"), a.dhcp(null), "a good exchange after the bad ones");
        assertEquals(1, counted("xenon.network.gateway.malformed", "BAD_MAGIC_COOKIE"));
        assertEquals(2, counted("xenon.network.gateway.malformed", "TRUNCATED"));
    }

    @Test
    void aClientSpeakingForAnotherMacIsIgnored() throws Exception {
        Guest a = new Guest(network("host-only", 24, ""), "vif1.0", 1);
        a.sendDhcp(DhcpMessage.discover(1, MacAddress.xen(99), null));
        a.dhcp(null);
        assertEquals(1, counted("xenon.network.gateway.drops", "dhcp-chaddr-mismatch"));
        assertEquals(1, gateway.metrics().leases());
    }

    @Test
    void isolatedGuestsGetDhcpAndReachTheGatewayButNotEachOther() throws Exception {
        Network n = network("isolated", 24, "");
        Guest a = new Guest(n, "vif1.0", 1);
        Guest b = new Guest(n, "vif2.0", 2);
        assertEquals(Ipv4Address.parse("10.77.0.2"), a.dhcp("a"));
        assertEquals(Ipv4Address.parse("10.77.0.3"), b.dhcp("b"));
        assertTrue(a.ack.options().routers().isEmpty(), "an isolated network gives no default route");
        assertNotNull(a.ping(gateway.mac(), GW, 1, 1), "a pings the gateway");
        assertNotNull(b.ping(gateway.mac(), GW, 2, 1), "b pings the gateway");
        b.vif.got.clear();
        a.sendIp(b.mac, Ipv4Packet.of(IpProtocol.ICMP, a.ip, b.ip, 5, IcmpMessage.echoRequest(3, 1, new byte[8]).encode()));
        a.sendIp(MacAddress.BROADCAST, UdpDatagram.of(1, 2, new byte[4]).toIpv4(a.ip, Ipv4Address.BROADCAST, 6));
        assertTrue(b.getsNone(f -> f.src().equals(a.mac)), "nothing of a's reaches b");
    }

    @Test
    void aSmallPoolRunsOutAndCountsTheRefusals() throws Exception {
        Network n = network("host-only", 29, "");
        List<Guest> guests = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Guest g = new Guest(n, "vif" + i + ".0", i);
            g.dhcp(null);
            guests.add(g);
        }
        assertEquals(Ipv4Address.parse("10.77.0.6"), guests.get(4).ip, "the pool is .2 to .6 of a /29");
        Guest late = new Guest(n, "vif6.0", 6);
        late.sendDhcp(DhcpMessage.discover(9, late.mac, null));
        assertNull(late.awaitDhcp(), "no offer from an empty pool");
        assertEquals(1, counted("xenon.network.gateway.drops", "pool-exhausted"));
        assertEquals(5, gateway.metrics().leases());
    }
}
