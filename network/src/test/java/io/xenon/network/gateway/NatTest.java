package io.xenon.network.gateway;

import static io.xenon.network.Frames.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.Network;
import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.ByteSlice;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.InternetChecksum;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.TcpSegment;
import io.xenon.network.packet.UdpDatagram;
import io.xenon.network.tap.DeviceKind;
import io.xenon.network.tap.MemoryTap;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NatTest {

    @RegisterExtension
    static final GatewayFixture FIXTURE = new GatewayFixture("nat");

    private static final Ipv4Address OUTSIDE = Ipv4Address.parse("10.99.0.2");
    private static final Ipv4Address REMOTE = Ipv4Address.parse("10.99.0.1");
    private static final Ipv4Address FAR = Ipv4Address.parse("192.0.2.7");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Gateway gateway;
    private MemoryTap host;
    private Network network;

    /** A nat network on 10.77.0.0/24 whose uplink is an in-memory device of {@code kind} at 10.99.0.2/24. */
    private void start(DeviceKind kind, String extra) throws Exception {
        FIXTURE.start("mode = nat, subnet = \"10.77.0.0/24\" " + extra, kind);
        network = FIXTURE.network;
        gateway = FIXTURE.gateway;
        host = FIXTURE.host;
    }

    private Guest guest(int nic, String hostname) throws Exception {
        Guest g = new Guest(network, "vif" + nic + ".0", nic);
        g.dhcp(hostname);
        return g;
    }

    /** The next IPv4 packet the TUN's host side reads, checksums verified by decoding. */
    private Ipv4Packet fromTun() {
        byte[] b = host.receive(WAIT);
        assertNotNull(b, "a packet reaches the uplink");
        Ipv4Packet p = Ipv4Packet.decode(b, 0, b.length).orNull();
        assertNotNull(p, "its IPv4 header checksum verifies");
        return p;
    }

    private long drops(String reason) {
        return count("xenon.network.gateway.drops", gateway.metrics().tags().withTag("reason", reason));
    }

    @Test
    void translatesAGuestsUdpToTheUplinkAndTheReplyBack() throws Exception {
        start(DeviceKind.TUN, "");
        Guest g = guest(1, "web");
        g.sendUdp(gateway.mac(), REMOTE, 4444, 5000, "hello".getBytes());

        Ipv4Packet out = fromTun();
        assertEquals(OUTSIDE, out.src(), "the source is the uplink's address");
        assertEquals(REMOTE, out.dst());
        assertEquals(63, out.ttl(), "routed: one hop less");
        UdpDatagram u = UdpDatagram.decode(out).orNull();
        assertNotNull(u, "the translated UDP checksum verifies");
        assertTrue(u.srcPort() >= NatTable.FIRST_PORT && u.srcPort() < NatTable.FIRST_PORT + NatTable.PORTS);
        assertEquals(5000, u.dstPort());
        assertArrayEquals("hello".getBytes(), u.payload().toArray());

        host.send(UdpDatagram.of(5000, u.srcPort(), "HELLO".getBytes()).toIpv4(REMOTE, OUTSIDE, 1).encode());
        Ipv4Packet back = g.awaitIp(IpProtocol.UDP);
        assertNotNull(back, "the reply reaches the guest, IPv4 checksum valid");
        assertEquals(REMOTE, back.src());
        assertEquals(g.ip, back.dst());
        UdpDatagram r = UdpDatagram.decode(back).orNull();
        assertNotNull(r, "the reply's UDP checksum verifies");
        assertEquals(5000, r.srcPort());
        assertEquals(4444, r.dstPort());
        assertArrayEquals("HELLO".getBytes(), r.payload().toArray());
        assertEquals(1, gateway.metrics().sessions());
        assertEquals(1, count("xenon.network.nat.translations", gateway.metrics().tags().withTag("direction", "out")));
        assertEquals(1, count("xenon.network.nat.translations", gateway.metrics().tags().withTag("direction", "in")));
    }

    @Test
    void translatesPingAndTcpBothWays() throws Exception {
        start(DeviceKind.TUN, "");
        Guest g = guest(1, null);
        g.sendIp(gateway.mac(), Ipv4Packet.of(IpProtocol.ICMP, g.ip, FAR, 3,
                IcmpMessage.echoRequest(0x77, 1, new byte[16]).encode()));
        Ipv4Packet ping = fromTun();
        IcmpMessage req = IcmpMessage.decode(ping.payload()).orNull();
        assertNotNull(req, "the translated ICMP checksum verifies");
        assertEquals(OUTSIDE, ping.src());
        host.send(Ipv4Packet.of(IpProtocol.ICMP, FAR, OUTSIDE, 4, IcmpMessage.echoReplyTo(req).encode()).encode());
        Ipv4Packet pong = g.awaitIp(IpProtocol.ICMP);
        assertNotNull(pong);
        assertEquals(0x77, IcmpMessage.decode(pong.payload()).orNull().identifier(), "the guest's own identifier");

        TcpSegment syn = new TcpSegment(40000, 80, 1, 0, TcpSegment.SYN, 65535, 0,
                ByteSlice.EMPTY, ByteSlice.EMPTY);
        g.sendIp(gateway.mac(), syn.toIpv4(g.ip, FAR, 5));
        Ipv4Packet out = fromTun();
        TcpSegment t = TcpSegment.decode(out).orNull();
        assertNotNull(t, "the translated TCP checksum verifies");
        TcpSegment synAck = new TcpSegment(80, t.srcPort(), 100, 2, TcpSegment.SYN | TcpSegment.ACK, 65535, 0,
                ByteSlice.EMPTY, ByteSlice.EMPTY);
        host.send(synAck.toIpv4(FAR, OUTSIDE, 6).encode());
        Ipv4Packet in = g.awaitIp(IpProtocol.TCP);
        assertNotNull(in);
        assertEquals(40000, TcpSegment.decode(in).orNull().dstPort());
    }

    @Test
    void anIcmpErrorAboutATranslatedPacketReachesItsGuestTranslatedBack() throws Exception {
        start(DeviceKind.TUN, "");
        Guest g = guest(1, null);
        g.sendUdp(gateway.mac(), REMOTE, 4444, 5000, "anyone?".getBytes());
        Ipv4Packet out = fromTun();
        byte[] sent = out.encode();
        byte[] quote = Arrays.copyOf(sent, out.headerLength() + 8);
        host.send(Ipv4Packet.of(IpProtocol.ICMP, REMOTE, OUTSIDE, 9,
                new IcmpMessage(IcmpMessage.DEST_UNREACHABLE, 3, 0, ByteSlice.of(quote)).encode()).encode());
        Ipv4Packet in = g.awaitIp(IpProtocol.ICMP);
        assertNotNull(in, "the error reaches the guest, IPv4 checksum valid");
        assertEquals(g.ip, in.dst());
        IcmpMessage m = IcmpMessage.decode(in.payload()).orNull();
        assertNotNull(m, "its ICMP checksum verifies");
        assertEquals(IcmpMessage.DEST_UNREACHABLE, m.type());
        ByteSlice q = m.data();
        assertEquals(g.ip, new Ipv4Address(q.i32(12)), "the quoted source is the guest again");
        assertEquals(4444, q.u16(20), "and so is its port");
        assertTrue(InternetChecksum.verifies(0, q.array(), q.offset(), 20),
                "the quoted header's checksum verifies");

        host.send(Ipv4Packet.of(IpProtocol.ICMP, REMOTE, OUTSIDE, 10,
                new IcmpMessage(IcmpMessage.DEST_UNREACHABLE, 3, 0, ByteSlice.of(new byte[4])).encode()).encode());
        assertTrue(g.getsNone(f -> f.etherType() == EtherType.IPV4 && f.dst().equals(g.mac)));
        assertEquals(1, drops("icmp-error-short"));
    }

    @Test
    void dropsAndCountsAnInboundPacketNoSessionExpects() throws Exception {
        start(DeviceKind.TUN, "");
        Guest g = guest(1, null);
        host.send(UdpDatagram.of(5000, 31337, "x".getBytes()).toIpv4(REMOTE, OUTSIDE, 1).encode());
        host.send(new byte[] {0x45, 0, 0, 20});
        assertTrue(g.getsNone(f -> f.etherType() == EtherType.IPV4 && f.dst().equals(g.mac)), "nothing reaches the guest");
        assertEquals(1, drops("nat-unmatched"));
        assertEquals(1, count("xenon.network.gateway.malformed",
                gateway.metrics().tags().withTag("reason", "TRUNCATED")));
    }

    @Test
    void aPortForwardReachesTheGuestOfThatName() throws Exception {
        start(DeviceKind.TUN, ", forwards = [ { proto = udp, port = 7007, domain = \"web\", to-port = 7 } ]");
        Guest db = guest(1, "db");
        Guest web = guest(2, "web");
        host.send(UdpDatagram.of(6000, 7007, "ping".getBytes()).toIpv4(REMOTE, OUTSIDE, 1).encode());
        Ipv4Packet in = web.awaitIp(IpProtocol.UDP);
        assertNotNull(in, "the forwarded datagram reaches web");
        assertEquals(web.ip, in.dst());
        UdpDatagram u = UdpDatagram.decode(in).orNull();
        assertNotNull(u);
        assertEquals(7, u.dstPort());
        web.sendUdp(gateway.mac(), REMOTE, 7, 6000, "pong".getBytes());
        Ipv4Packet out = fromTun();
        assertEquals(OUTSIDE, out.src());
        assertEquals(7007, UdpDatagram.decode(out).orNull().srcPort(), "the reply leaves from the forwarded port");
        assertTrue(db.getsNone(f -> f.etherType() == EtherType.IPV4 && f.dst().equals(db.mac)), "db gets nothing");
    }

    @Test
    void onlyASynOpensATcpForward() throws Exception {
        start(DeviceKind.TUN, ", forwards = [ { proto = tcp, port = 2222, domain = \"ssh\", to-port = 22 } ]");
        Guest ssh = guest(1, "ssh");
        host.send(tcp(TcpSegment.ACK, 2222).toIpv4(REMOTE, OUTSIDE, 1).encode());
        assertTrue(ssh.getsNone(f -> f.etherType() == EtherType.IPV4 && f.dst().equals(ssh.mac)));
        assertEquals(1, drops("nat-unmatched"));
        host.send(tcp(TcpSegment.SYN, 2222).toIpv4(REMOTE, OUTSIDE, 2).encode());
        Ipv4Packet in = ssh.awaitIp(IpProtocol.TCP);
        assertNotNull(in);
        assertEquals(22, TcpSegment.decode(in).orNull().dstPort());
    }

    private static TcpSegment tcp(int flags, int dstPort) {
        return new TcpSegment(50000, dstPort, 1, 0, flags, 65535, 0, ByteSlice.EMPTY, ByteSlice.EMPTY);
    }

    @Test
    void aGuestSendingFromAnotherGuestsLeasedAddressIsDropped() throws Exception {
        start(DeviceKind.TUN, "");
        Guest a = guest(1, null);
        Guest b = guest(2, null);
        b.sendIp(gateway.mac(), UdpDatagram.of(1, 2, new byte[1]).toIpv4(a.ip, REMOTE, 1));
        assertNull(host.receive(Duration.ofMillis(500)), "nothing leaves under a's address");
        assertEquals(1, drops("spoofed-source"));
    }

    @Test
    void aRegisteredDomainWinsOverAGuestClaimingItsName() throws Exception {
        start(DeviceKind.TUN, ", forwards = [ { proto = udp, port = 7007, domain = \"web\", to-port = 7 } ]");
        Guest impostor = guest(1, "web");
        Guest web = guest(2, null);
        gateway.register("web", web.mac);
        host.send(UdpDatagram.of(6000, 7007, "ping".getBytes()).toIpv4(REMOTE, OUTSIDE, 1).encode());
        assertNotNull(web.awaitIp(IpProtocol.UDP), "the registered domain gets the forward");
        assertTrue(impostor.getsNone(f -> f.etherType() == EtherType.IPV4 && f.dst().equals(impostor.mac)));
    }

    @Test
    void theSessionTableHoldsNoMoreThanItsBound() throws Exception {
        start(DeviceKind.TUN, ", nat-sessions = 2");
        Guest g = guest(1, null);
        for (int port = 1000; port < 1003; port++) {
            g.sendUdp(gateway.mac(), REMOTE, port, 5000, new byte[1]);
        }
        fromTun();
        fromTun();
        assertNull(host.receive(Duration.ofMillis(500)), "the third flow is not translated");
        assertEquals(1, drops("nat-table-full"));
        assertEquals(2, gateway.metrics().sessions());
        g.sendUdp(gateway.mac(), REMOTE, 1000, 5000, new byte[1]);
        assertNotNull(host.receive(WAIT), "a flow that has a session still passes");
    }

    @Test
    void aTapUplinkResolvesTheNextHopAndAnswersArpForItsAddress() throws Exception {
        start(DeviceKind.TAP, "");
        Guest g = guest(1, null);
        g.sendUdp(gateway.mac(), FAR, 4444, 53, "q".getBytes());
        EthernetFrame who = EthernetFrame.decode(host.receive(WAIT)).orNull();
        assertNotNull(who);
        assertEquals(EtherType.ARP, who.etherType());
        ArpPacket req = ArpPacket.decode(who.payload()).orNull();
        assertEquals(REMOTE, req.targetIp(), "off-link: the next hop is uplink-gateway");
        MacAddress router = MacAddress.xen(0xabcd);
        host.send(EthernetFrame.of(who.src(), router, EtherType.ARP, ArpPacket.replyTo(req, router).encode()).encode());
        EthernetFrame out = EthernetFrame.decode(host.receive(WAIT)).orNull();
        assertNotNull(out);
        assertEquals(router, out.dst(), "the held packet goes to the resolved MAC");
        Ipv4Packet p = Ipv4Packet.decode(out.payload()).orNull();
        assertEquals(OUTSIDE, p.src());
        assertEquals(FAR, p.dst());

        host.send(EthernetFrame.of(MacAddress.BROADCAST, router, EtherType.ARP,
                ArpPacket.request(router, REMOTE, OUTSIDE).encode()).encode());
        EthernetFrame reply = EthernetFrame.decode(host.receive(WAIT)).orNull();
        assertNotNull(reply);
        ArpPacket a = ArpPacket.decode(reply.payload()).orNull();
        assertEquals(ArpPacket.REPLY, a.operation());
        assertEquals(OUTSIDE, a.senderIp());
        assertNotEquals(gateway.mac(), a.senderMac(), "the outside has a MAC of its own");
    }
}
