package io.xenon.guests.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IP stack against a fake link: ARP, ICMP echo, UDP and the handling of malformed input. */
class IpStackTest {

    private static final MacAddress MAC = MacAddress.parse("00:16:3e:00:00:02");
    private static final MacAddress PEER_MAC = MacAddress.parse("00:16:3e:00:00:03");
    private static final MacAddress GW_MAC = MacAddress.parse("00:16:3e:00:00:01");
    private static final Ipv4Address IP = Ipv4Address.parse("10.77.0.2");
    private static final Ipv4Address PEER = Ipv4Address.parse("10.77.0.3");
    private static final Ipv4Address GW = Ipv4Address.parse("10.77.0.1");

    private final FakeClock clock = new FakeClock();
    private final FakeLink link = new FakeLink(MAC);
    private IpStack stack;

    @BeforeEach
    void up() {
        stack = new IpStack(link, clock.timers);
        stack.configure(new Ipv4Config(IP, 24, GW, "static"));
    }

    @Test
    void announcesItsAddressWithAGratuitousArp() {
        byte[] frame = link.sent.poll();
        assertEquals(MacAddress.BROADCAST, Frames.eth(frame).dst());
        assertEquals(ArpPacket.gratuitous(MAC, IP), Frames.arp(frame));
        assertTrue(link.sent.isEmpty());
    }

    @Test
    void answersAnArpRequestForItsAddressAndLearnsTheAsker() {
        link.sent.clear();
        ArpPacket who = ArpPacket.request(PEER_MAC, PEER, IP);
        stack.receive(Frames.arpFrame(MacAddress.BROADCAST, who));
        byte[] frame = link.sent.poll();
        assertEquals(PEER_MAC, Frames.eth(frame).dst());
        assertEquals(ArpPacket.replyTo(who, MAC), Frames.arp(frame));
        assertEquals(Optional.of(PEER_MAC), stack.arp().lookup(PEER));
    }

    @Test
    void ignoresArpRequestsForOtherAddresses() {
        link.sent.clear();
        stack.receive(Frames.arpFrame(MacAddress.BROADCAST, ArpPacket.request(PEER_MAC, PEER, GW)));
        assertTrue(link.sent.isEmpty());
        assertEquals(Optional.empty(), stack.arp().lookup(PEER));
    }

    @Test
    void queuesPacketsWhileResolvingAndSendsThemWhenTheReplyComes() {
        link.sent.clear();
        UdpSocket s = stack.bind(5000, (sock, from, port, payload) -> {
        });
        assertTrue(s.sendTo(PEER, 7, bytes("one")));
        assertTrue(s.sendTo(PEER, 7, bytes("two")));
        ArpPacket request = Frames.arp(link.sent.poll());
        assertEquals(ArpPacket.request(MAC, IP, PEER), request);
        assertTrue(link.sent.isEmpty(), "only one request while resolving");
        stack.receive(Frames.arpFrame(MAC, ArpPacket.replyTo(request, PEER_MAC)));
        List<String> payloads = new ArrayList<>();
        for (byte[] f : link.sent) {
            assertEquals(PEER_MAC, Frames.eth(f).dst());
            payloads.add(new String(Frames.udp(f).payload().toArray(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("one", "two"), payloads);
    }

    @Test
    void sendsOffSubnetPacketsToTheGatewaysMac() {
        learn(GW, GW_MAC);
        link.sent.clear();
        assertTrue(stack.sendIp(IpProtocol.UDP, Ipv4Address.parse("192.0.2.9"), new byte[8]));
        byte[] f = link.sent.poll();
        assertEquals(GW_MAC, Frames.eth(f).dst());
        assertEquals(Ipv4Address.parse("192.0.2.9"), Frames.ip(f).dst());
    }

    @Test
    void anEntryExpiresAndTheNextPacketResolvesAgain() {
        IpStack short_ = new IpStack(link, clock.timers, new ArpCache.Settings(5_000_000_000L, 1_000_000_000L, 3, 4, 8));
        short_.configure(new Ipv4Config(IP, 24, null, "static"));
        short_.receive(Frames.arpFrame(MAC, ArpPacket.request(PEER_MAC, PEER, IP)));
        assertEquals(Optional.of(PEER_MAC), short_.arp().lookup(PEER));
        clock.advance(4_999_999_999L);
        assertEquals(Optional.of(PEER_MAC), short_.arp().lookup(PEER));
        clock.advance(1);
        assertEquals(Optional.empty(), short_.arp().lookup(PEER));
        link.sent.clear();
        short_.ping(PEER, 1, 1, new byte[4]);
        assertEquals(ArpPacket.request(MAC, IP, PEER), Frames.arp(link.sent.poll()));
    }

    @Test
    void retriesArpThenDropsWhatWaitedAndCountsIt() {
        link.sent.clear();
        stack.ping(PEER, 1, 1, new byte[4]);
        stack.ping(PEER, 1, 2, new byte[4]);
        assertEquals(1, link.sent.size());
        clock.advance(1_000_000_000L);
        clock.advance(1_000_000_000L);
        assertEquals(3, link.sent.size(), "three requests, one a second");
        link.sent.forEach(f -> assertEquals(ArpPacket.request(MAC, IP, PEER), Frames.arp(f)));
        clock.advance(1_000_000_000L);
        assertEquals(3, link.sent.size());
        assertFalse(stack.arp().isResolving(PEER));
        assertEquals(1, stack.stats().arpUnresolved());
        assertEquals(2, stack.stats().arpQueueDrops());
    }

    @Test
    void theQueueOfAnAddressIsBoundedAndDropsTheOldest() {
        IpStack small = new IpStack(link, clock.timers, new ArpCache.Settings(60_000_000_000L, 1_000_000_000L, 3, 2, 8));
        small.configure(new Ipv4Config(IP, 24, null, "static"));
        UdpSocket s = small.bind(5000, (sock, from, port, payload) -> {
        });
        for (String p : List.of("a", "b", "c")) {
            s.sendTo(PEER, 7, bytes(p));
        }
        link.sent.clear();
        small.receive(Frames.arpFrame(MAC, new ArpPacket(ArpPacket.REPLY, PEER_MAC, PEER, MAC, IP)));
        List<String> got = link.sent.stream().map(f -> new String(Frames.udp(f).payload().toArray())).toList();
        assertEquals(List.of("b", "c"), got);
        assertEquals(1, small.stats().arpQueueDrops());
    }

    @Test
    void answersAnEchoRequestWithTheSameIdentifierSequenceAndData() {
        learn(PEER, PEER_MAC);
        link.sent.clear();
        byte[] data = bytes("0123456789abcdef");
        stack.receive(Frames.pingFrame(MAC, PEER_MAC, PEER, IP, 0x1234, 7, data));
        byte[] f = link.sent.poll();
        Ipv4Packet ip = Frames.ip(f);
        assertEquals(IP, ip.src());
        assertEquals(PEER, ip.dst());
        IcmpMessage reply = Frames.icmp(f);
        assertNotNull(reply, "the reply decodes, checksum included");
        assertEquals(IcmpMessage.ECHO_REPLY, reply.type());
        assertEquals(0x1234, reply.identifier());
        assertEquals(7, reply.sequence());
        assertArrayEquals(data, reply.data().toArray());
        assertEquals(1, stack.stats().echoRequests());
    }

    @Test
    void doesNotAnswerBroadcastPings() {
        link.sent.clear();
        stack.receive(Frames.pingFrame(MacAddress.BROADCAST, PEER_MAC, PEER, Ipv4Address.parse("10.77.0.255"), 1, 1,
                new byte[8]));
        assertTrue(link.sent.isEmpty());
    }

    @Test
    void echoesUdpThroughABoundSocketAndCountsDatagramsToClosedPorts() {
        learn(PEER, PEER_MAC);
        stack.bind(7, (sock, from, port, payload) -> sock.sendTo(from, port, payload));
        link.sent.clear();
        stack.receive(Frames.udpFrame(MAC, PEER_MAC, PEER, 40000, IP, 7, bytes("hello")));
        UdpDatagram back = Frames.udp(link.sent.poll());
        assertEquals(7, back.srcPort());
        assertEquals(40000, back.dstPort());
        assertEquals("hello", new String(back.payload().toArray(), StandardCharsets.UTF_8));
        stack.receive(Frames.udpFrame(MAC, PEER_MAC, PEER, 40000, IP, 9, bytes("nobody")));
        assertTrue(link.sent.isEmpty());
        assertEquals(1, stack.stats().udpDelivered());
        assertEquals(1, stack.stats().udpNoPort());
    }

    @Test
    void malformedFramesAreCountedAndNeverThrow() {
        learn(PEER, PEER_MAC);
        stack.bind(7, (sock, from, port, payload) -> sock.sendTo(from, port, payload));
        link.sent.clear();
        byte[] good = Frames.udpFrame(MAC, PEER_MAC, PEER, 40000, IP, 7, bytes("hello"));
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(new byte[5]);
        bad.add(java.util.Arrays.copyOf(good, 20));
        byte[] badIpChecksum = good.clone();
        badIpChecksum[14 + 10] ^= 0x55;
        bad.add(badIpChecksum);
        byte[] badUdpChecksum = good.clone();
        badUdpChecksum[good.length - 1] ^= 0x55;
        bad.add(badUdpChecksum);
        byte[] badVersion = good.clone();
        badVersion[14] = 0x65;
        bad.add(badVersion);
        byte[] fragment = Frames.ipFrame(MAC, PEER_MAC, new Ipv4Packet(0, 9, false, true, 0, 64, IpProtocol.UDP, PEER,
                IP, io.xenon.network.packet.ByteSlice.EMPTY, io.xenon.network.packet.ByteSlice.of(new byte[16])));
        bad.add(fragment);
        byte[] shortArp = java.util.Arrays.copyOf(Frames.arpFrame(MAC, ArpPacket.request(PEER_MAC, PEER, IP)), 30);
        bad.add(shortArp);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[random.nextInt(120)];
            random.nextBytes(noise);
            if (noise.length >= 14) {
                MAC.write(noise, 0);
                noise[12] = 0x08;
                noise[13] = (byte) (i % 2 == 0 ? 0x00 : 0x06);
            }
            bad.add(noise);
        }
        long before = stack.stats().received();
        for (byte[] f : bad) {
            stack.receive(f);
        }
        IpStack.Stats s = stack.stats();
        assertEquals(bad.size(), s.received() - before);
        assertTrue(s.malformed() >= 8, s.toString());
        // Noise that happens to decode as ARP is handled as ARP; everything else is accounted for.
        assertTrue(bad.size() - (s.malformed() + s.ignored() + s.udpNoPort()) <= 5, s.toString());
        assertEquals(0, s.udpDelivered(), s.toString());
        stack.receive(good);
        assertEquals("hello", new String(Frames.udp(link.sent.peekLast()).payload().toArray()));
    }

    @Test
    void framesTheLinkRefusesAreCounted() {
        learn(PEER, PEER_MAC);
        link.full = true;
        assertFalse(stack.sendIp(IpProtocol.UDP, Ipv4Address.BROADCAST, new byte[8]));
        stack.ping(PEER, 1, 1, new byte[8]);
        assertEquals(2, stack.stats().txDropped());
    }

    @Test
    void withoutAnAddressNothingIsRouted() {
        IpStack bare = new IpStack(link, clock.timers);
        assertFalse(bare.ping(PEER, 1, 1, new byte[8]));
        assertEquals(Optional.empty(), bare.nextHop(PEER));
        assertEquals(1, bare.stats().noRoute());
        assertNull(bare.config().orElse(null));
    }

    private void learn(Ipv4Address ip, MacAddress mac) {
        stack.receive(Frames.arpFrame(MAC, ArpPacket.request(mac, ip, IP)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
