package io.xenon.network.gateway;

import static io.xenon.network.Frames.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.Network;
import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.ByteSlice;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;
import io.xenon.network.tap.DeviceKind;
import io.xenon.network.tap.MemoryTap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kamon.tag.TagSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RouteTest {

    @RegisterExtension
    static final GatewayFixture FIXTURE = new GatewayFixture("rt");

    private static final Ipv4Address GW = Ipv4Address.parse("10.78.0.1");
    private static final Ipv4Address A = Ipv4Address.parse("10.78.0.5");
    private static final Ipv4Address B = Ipv4Address.parse("10.78.0.6");
    private static final Ipv4Address FAR = Ipv4Address.parse("192.0.2.7");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private String name;
    private Network network;
    private Gateway gateway;
    private MemoryTap host;

    /** A route network on 10.78.0.0/24, with a TUN uplink at 10.99.0.2/24 in memory if {@code uplink}. */
    private void start(boolean uplink) throws Exception {
        start(uplink ? DeviceKind.TUN : null);
    }

    /** A route network on 10.78.0.0/24, with an uplink of {@code kind} (null for none) at 10.99.0.2/24 in memory. */
    private void start(DeviceKind kind) throws Exception {
        FIXTURE.start("mode = route, subnet = \"10.78.0.0/24\"", kind);
        name = FIXTURE.name;
        network = FIXTURE.network;
        gateway = FIXTURE.gateway;
        host = FIXTURE.host;
    }

    private Guest guest(int nic, Ipv4Address... addresses) throws Exception {
        return new Guest(network, "vif" + nic + ".0", nic, addresses);
    }

    private long gatewayDrops(String reason) {
        return count("xenon.network.gateway.drops", gateway.metrics().tags().withTag("reason", reason));
    }

    private long portDrops(String port, String reason) {
        return count("xenon.network.port.drops", TagSet.of("network", name).withTag("port", port)
                .withTag("reason", reason));
    }

    private static void eventually(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (!done.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, what);
            Thread.sleep(20);
        }
    }

    private static Ipv4Packet ping(Ipv4Address src, Ipv4Address dst, int seq) {
        return Ipv4Packet.of(IpProtocol.ICMP, src, dst, 40 + seq,
                IcmpMessage.echoRequest(0x5151, seq, "route".getBytes()).encode());
    }

    private static boolean arpRequestFor(EthernetFrame f, Ipv4Address target) {
        ArpPacket a = f.etherType() == EtherType.ARP ? ArpPacket.decode(f.payload()).orNull() : null;
        return a != null && a.operation() == ArpPacket.REQUEST && a.targetIp().equals(target);
    }

    @Test
    void answersArpForAnotherGuestsAddressWithTheGatewaysMacButNotForTheAskersOwn() throws Exception {
        start(false);
        Guest a = guest(1, A);
        guest(2, B);
        eventually(() -> gateway.metrics().routes() == 2, "a /32 per address");
        assertEquals(gateway.mac(), a.arp(B), "proxy ARP: the gateway stands for the other guest");
        assertEquals(gateway.mac(), a.arp(GW));
        a.send(MacAddress.BROADCAST, EtherType.ARP, ArpPacket.request(a.mac, A, A).encode());
        assertTrue(a.getsNone(f -> f.etherType() == EtherType.ARP), "no answer for the asker's own address");
    }

    @Test
    void answersArpOnlyForAddressesItHasARouteFor() throws Exception {
        start(false);
        Guest a = guest(1, A);
        eventually(() -> gateway.metrics().routes() == 1, "a /32 for the guest");
        assertTrue(unanswered(a, B), "no vif holds B: no route, no proxy answer");
        assertTrue(unanswered(a, FAR), "outside the subnet with no uplink: no route, no proxy answer");
        guest(2, B);
        eventually(() -> gateway.metrics().routes() == 2, "a /32 for the second guest");
        assertEquals(gateway.mac(), a.arp(B), "B is routed to another vif now");
    }

    @Test
    void answersArpForAnOutsideAddressWhenAnUplinkCarriesIt() throws Exception {
        start(true);
        Guest a = guest(1, A);
        eventually(() -> gateway.metrics().routes() == 1, "a /32 for the guest");
        assertEquals(gateway.mac(), a.arp(FAR), "the uplink carries addresses outside the subnet");
        assertTrue(unanswered(a, B), "inside the subnet, no vif holds B");
    }

    /** Whether {@code guest}'s ARP request for {@code target} goes unanswered. */
    private static boolean unanswered(Guest guest, Ipv4Address target) throws InterruptedException {
        guest.send(MacAddress.BROADCAST, EtherType.ARP, ArpPacket.request(guest.mac, guest.ip, target).encode());
        return guest.getsNone(f -> f.etherType() == EtherType.ARP);
    }

    @Test
    void routesPingBetweenGuestsThroughTheGatewayWithTtlOneLess() throws Exception {
        start(false);
        Guest a = guest(1, A);
        Guest b = guest(2, B);
        eventually(() -> gateway.metrics().routes() == 2, "a /32 per address");
        a.sendIp(gateway.mac(), ping(A, B, 1));

        EthernetFrame ask = b.await(f -> arpRequestFor(f, B));
        assertNotNull(ask, "the gateway asks the guest at .6 for its MAC");
        assertEquals(gateway.mac(), ask.src());
        ArpPacket request = ArpPacket.decode(ask.payload()).orNull();
        b.send(ask.src(), EtherType.ARP, ArpPacket.replyTo(request, b.mac).encode());

        EthernetFrame in = b.await(f -> f.etherType() == EtherType.IPV4);
        assertNotNull(in, "the ping reaches .6");
        assertEquals(gateway.mac(), in.src(), "routed: the gateway is the L2 source");
        assertEquals(b.mac, in.dst());
        Ipv4Packet p = Ipv4Packet.decode(in.payload()).orNull();
        assertNotNull(p, "its IPv4 header checksum verifies");
        assertEquals(A, p.src(), "no translation");
        assertEquals(B, p.dst());
        assertEquals(Ipv4Packet.DEFAULT_TTL - 1, p.ttl());
        IcmpMessage m = IcmpMessage.decode(p.payload()).orNull();
        assertNotNull(m, "its ICMP checksum verifies");
        assertEquals(IcmpMessage.ECHO_REQUEST, m.type());

        b.sendIp(gateway.mac(), Ipv4Packet.of(IpProtocol.ICMP, B, A, 77, IcmpMessage.echoReplyTo(m).encode()));
        Ipv4Packet back = a.awaitIp(IpProtocol.ICMP);
        assertNotNull(back, "the reply comes back to .5");
        assertEquals(B, back.src());
        assertEquals(Ipv4Packet.DEFAULT_TTL - 1, back.ttl());
        IcmpMessage reply = IcmpMessage.decode(back.payload()).orNull();
        assertNotNull(reply);
        assertEquals(IcmpMessage.ECHO_REPLY, reply.type());
        assertEquals(1, reply.sequence());
        assertArrayEquals("route".getBytes(), reply.data().toArray());
        assertEquals(2, count("xenon.network.route.packets", gateway.metrics().tags().withTag("to", "guest")));
    }

    @Test
    void answersPingToTheGatewayItself() throws Exception {
        start(false);
        Guest a = guest(1, A);
        eventually(() -> gateway.metrics().routes() == 1, "a route");
        IcmpMessage reply = a.ping(gateway.mac(), GW, 3, 9);
        assertNotNull(reply);
        assertEquals(IcmpMessage.ECHO_REPLY, reply.type());
    }

    @Test
    void dropsAndCountsAPacketFromAnAddressNotTheVifs() throws Exception {
        start(false);
        Guest a = guest(1, A);
        Guest b = guest(2, B);
        b.arp(GW);
        a.sendIp(gateway.mac(), ping(B, GW, 1));
        a.sendIp(gateway.mac(), ping(Ipv4Address.parse("10.78.0.9"), B, 2));
        eventually(() -> portDrops("vif1.0", "spoofed-source") == 2, "both counted at the sender's port");
        assertTrue(a.getsNone(f -> f.etherType() == EtherType.IPV4), "no echo reply to a stolen address");
        assertTrue(b.getsNone(f -> f.etherType() == EtherType.IPV4), "nothing routed to .6");
    }

    @Test
    void aGuestWithoutAddressesGetsNothingRouted() throws Exception {
        start(false);
        Guest a = guest(1, A);
        a.arp(GW);
        Guest c = guest(3);
        c.ip = Ipv4Address.parse("10.78.0.7");
        c.sendIp(gateway.mac(), ping(c.ip, A, 1));
        c.send(MacAddress.BROADCAST, EtherType.ARP, ArpPacket.request(c.mac, c.ip, A).encode());
        eventually(() -> portDrops("vif3.0", "spoofed-source") == 1 && portDrops("vif3.0", "arp-spoofed") == 1,
                "its packet and its ARP dropped at its port");
        assertTrue(a.getsNone(f -> f.etherType() == EtherType.IPV4), "nothing reaches .5");
        assertTrue(c.vif.got.isEmpty(), "no ARP answer either");
        assertEquals(1, gateway.metrics().routes());
    }

    @Test
    void detachRemovesTheVifsRoutes() throws Exception {
        start(false);
        Guest a = guest(1, A);
        Guest b = guest(2, B, Ipv4Address.parse("10.78.0.16"));
        eventually(() -> gateway.metrics().routes() == 3, "a /32 per address of each vif");
        b.port.detach().toCompletableFuture().get(5, TimeUnit.SECONDS);
        eventually(() -> gateway.metrics().routes() == 1, "its two routes go with it");
        a.sendIp(gateway.mac(), ping(A, B, 1));
        eventually(() -> gatewayDrops("no-route") == 1, "no route to .6 any more");
        Ipv4Packet error = a.awaitIp(IpProtocol.ICMP);
        assertNotNull(error, "the sender hears of it");
        assertEquals(GW, error.src());
        IcmpMessage m = IcmpMessage.decode(error.payload()).orNull();
        assertNotNull(m);
        assertEquals(IcmpMessage.DEST_UNREACHABLE, m.type());
        assertEquals(0, m.code(), "net unreachable");
    }

    @Test
    void sendsOutsideTrafficOutTheTunUnchangedAndRoutesTheReplyBack() throws Exception {
        start(true);
        Guest a = guest(1, A);
        a.arp(GW);
        a.sendIp(gateway.mac(), UdpDatagram.of(4444, 53, "q".getBytes()).toIpv4(A, FAR, 5));
        byte[] b = host.receive(WAIT);
        assertNotNull(b, "a packet reaches the uplink");
        Ipv4Packet out = Ipv4Packet.decode(b, 0, b.length).orNull();
        assertNotNull(out, "its IPv4 header checksum verifies");
        assertEquals(A, out.src(), "no NAT: the guest's own address");
        assertEquals(FAR, out.dst());
        assertEquals(Ipv4Packet.DEFAULT_TTL - 1, out.ttl());
        UdpDatagram u = UdpDatagram.decode(out).orNull();
        assertNotNull(u, "the UDP checksum still verifies");
        assertEquals(4444, u.srcPort());

        host.send(UdpDatagram.of(53, 4444, "r".getBytes()).toIpv4(FAR, A, 6).encode());
        Ipv4Packet back = a.awaitIp(IpProtocol.UDP);
        assertNotNull(back, "the reply is routed to the vif of .5");
        assertEquals(FAR, back.src());
        assertEquals(Ipv4Packet.DEFAULT_TTL - 1, back.ttl());
        UdpDatagram r = UdpDatagram.decode(back).orNull();
        assertNotNull(r);
        assertArrayEquals("r".getBytes(), r.payload().toArray());
        assertEquals(1, count("xenon.network.route.packets", gateway.metrics().tags().withTag("to", "uplink")));

        host.send(UdpDatagram.of(53, 4444, "x".getBytes()).toIpv4(FAR, Ipv4Address.parse("10.78.0.9"), 7).encode());
        eventually(() -> gatewayDrops("no-route") == 1, "an address no vif has is not routed in");
    }

    @Test
    void sendsOutsideTrafficToTheTapUplinksNextHopOnceArpResolvesIt() throws Exception {
        start(DeviceKind.TAP);
        Guest a = guest(1, A);
        a.arp(GW);
        a.sendIp(gateway.mac(), UdpDatagram.of(4444, 53, "q".getBytes()).toIpv4(A, FAR, 5));
        EthernetFrame ask = EthernetFrame.decode(host.receive(WAIT)).orNull();
        assertNotNull(ask);
        ArpPacket request = ArpPacket.decode(ask.payload()).orNull();
        assertNotNull(request, "the gateway asks for its next hop first");
        assertEquals(Ipv4Address.parse("10.99.0.1"), request.targetIp());
        assertEquals(Ipv4Address.parse("10.99.0.2"), request.senderIp());
        MacAddress hop = MacAddress.xen(99);
        host.send(EthernetFrame.of(ask.src(), hop, EtherType.ARP, ArpPacket.replyTo(request, hop).encode())
                .encodePadded());
        EthernetFrame out = EthernetFrame.decode(host.receive(WAIT)).orNull();
        assertNotNull(out, "then the held packet goes");
        assertEquals(hop, out.dst());
        Ipv4Packet p = Ipv4Packet.decode(out.payload()).orNull();
        assertNotNull(p);
        assertEquals(A, p.src(), "no NAT");
        assertEquals(FAR, p.dst());

        host.send(EthernetFrame.of(ask.src(), hop, EtherType.IPV4,
                UdpDatagram.of(53, 4444, "r".getBytes()).toIpv4(FAR, A, 6).encode()).encode());
        Ipv4Packet back = a.awaitIp(IpProtocol.UDP);
        assertNotNull(back, "the reply is routed to .5");
        assertEquals(FAR, back.src());
    }

    @Test
    void aPacketWhoseTtlRunsOutIsAnsweredWithTimeExceeded() throws Exception {
        start(false);
        Guest a = guest(1, A);
        guest(2, B);
        a.arp(GW);
        Ipv4Packet full = ping(A, B, 1);
        a.sendIp(gateway.mac(), new Ipv4Packet(0, 5, false, false, 0, 1, IpProtocol.ICMP, A, B, ByteSlice.EMPTY,
                full.payload()));
        Ipv4Packet error = a.awaitIp(IpProtocol.ICMP);
        assertNotNull(error);
        assertEquals(GW, error.src());
        IcmpMessage m = IcmpMessage.decode(error.payload()).orNull();
        assertNotNull(m, "its ICMP checksum verifies");
        assertEquals(IcmpMessage.TIME_EXCEEDED, m.type());
        Ipv4Address quotedDst = new Ipv4Address(m.data().i32(16));
        assertEquals(B, quotedDst, "it quotes the packet that expired");
        assertEquals(1, gatewayDrops("ttl-expired"));
    }

    @Test
    void anAddressRoutesToTheFirstVifClaimingItOnly() throws Exception {
        start(false);
        Guest a = guest(1, A);
        Guest thief = guest(2, A, B);
        eventually(() -> gateway.metrics().routes() == 2, "one route for .5, one for .6");
        assertEquals(1, count("xenon.network.drops", TagSet.of("network", name).withTag("reason", "address-refused")));
        a.arp(GW);
        thief.sendIp(gateway.mac(), ping(A, GW, 1));
        eventually(() -> portDrops("vif2.0", "spoofed-source") == 1, "the second vif may not send from .5");
        thief.ip = B;
        assertEquals(IcmpMessage.ECHO_REPLY, thief.ping(gateway.mac(), GW, 1, 2).type(), "but from .6 it may");
    }

    @Test
    void noFrameFromOneGuestReachesAnotherWithoutTheGateway() throws Exception {
        start(false);
        Guest a = guest(1, A);
        Guest b = guest(2, B);
        b.arp(GW);
        a.sendIp(b.mac, ping(A, B, 1));
        a.send(MacAddress.BROADCAST, EtherType.ARP, ArpPacket.request(a.mac, A, B).encode());
        eventually(() -> portDrops("vif2.0", "isolated") == 1, "the frame towards .6's MAC counted at its port");
        assertTrue(b.getsNone(f -> f.src().equals(a.mac)), "nothing of .5's reaches .6 at L2");
    }
}
