package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NatRewriteTest {

    static final Ipv4Address GUEST = Ipv4Address.parse("10.77.0.2");
    static final Ipv4Address SERVER = Ipv4Address.parse("93.184.216.34");
    static final Ipv4Address PUBLIC = Ipv4Address.parse("192.0.2.10");

    @Test
    void rewritesATcpSourceToWhatAFullEncodeWouldGive() {
        byte[] pkt = TcpSegmentTest.syn().toIpv4(GUEST, SERVER, 77).encode();
        assertTrue(NatRewrite.rewriteSource(pkt, 0, pkt.length, PUBLIC, 61000));
        TcpSegment s = TcpSegmentTest.syn();
        TcpSegment expected = new TcpSegment(61000, s.dstPort(), s.seq(), s.ack(), s.flags(), s.window(), 0,
                s.options(), s.payload());
        assertArrayEquals(expected.toIpv4(PUBLIC, SERVER, 77).encode(), pkt);
    }

    @Test
    void rewritesAUdpDestinationAndKeepsItDecodable() {
        byte[] pkt = UdpDatagram.of(53, 61001, new byte[] {1, 2, 3}).toIpv4(SERVER, PUBLIC, 5).encode();
        assertTrue(NatRewrite.rewriteDestination(pkt, 0, pkt.length, GUEST, 40000));
        assertArrayEquals(UdpDatagram.of(53, 40000, new byte[] {1, 2, 3}).toIpv4(SERVER, GUEST, 5).encode(), pkt);
    }

    @Test
    void leavesAZeroUdpChecksumZero() {
        byte[] pkt = UdpDatagram.of(53, 61001, new byte[] {1}).toIpv4(SERVER, PUBLIC, 5).encode();
        pkt[26] = 0;
        pkt[27] = 0;
        assertTrue(NatRewrite.rewriteDestination(pkt, 0, pkt.length, GUEST, 40000));
        assertEquals(0, Checks.u16(pkt, 26));
        Ipv4Packet ip = Ipv4Packet.decode(pkt, 0, pkt.length).orNull();
        assertEquals(40000, UdpDatagram.decode(ip).orNull().dstPort());
    }

    @Test
    void rewritesAnEchoIdentifier() {
        byte[] pkt = Ipv4Packet.of(IpProtocol.ICMP, GUEST, SERVER, 1,
                IcmpMessage.echoRequest(0x1111, 3, new byte[] {7, 7, 7}).encode()).encode();
        assertTrue(NatRewrite.rewriteSource(pkt, 0, pkt.length, PUBLIC, 0x2222));
        assertArrayEquals(Ipv4Packet.of(IpProtocol.ICMP, PUBLIC, SERVER, 1,
                IcmpMessage.echoRequest(0x2222, 3, new byte[] {7, 7, 7}).encode()).encode(), pkt);
    }

    @Test
    void refusesFragmentsAndShortPacketsWithoutTouchingThem() {
        byte[] frag = new Ipv4Packet(0, 1, false, true, 0, 64, IpProtocol.UDP, GUEST, SERVER, ByteSlice.EMPTY,
                ByteSlice.of(new byte[16])).encode();
        byte[] before = frag.clone();
        assertFalse(NatRewrite.rewriteSource(frag, 0, frag.length, PUBLIC, 1));
        assertArrayEquals(before, frag);
        assertFalse(NatRewrite.rewriteSource(frag, 0, 19, PUBLIC, 1));
        assertFalse(NatRewrite.rewriteSource(frag, 0, frag.length + 1, PUBLIC, 1));
    }
}
