package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each codec's answer to damaged input: the reason it gives, and never an exception. */
class MalformedInputTest {

    static Stream<Arguments> frames() {
        return Samples.frames().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void everySampleFrameDecodesWhole(String name, byte[] frame) {
        assertTrue(Samples.decodeAll(frame, 0, frame.length).isOk(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void everyTruncationOfAFrameIsTruncated(String name, byte[] frame) {
        for (int len = 0; len < frame.length; len++) {
            assertEquals(Malformed.TRUNCATED, Samples.decodeAll(frame, 0, len).reasonOrNull(), name + " cut at " + len);
        }
    }

    @Test
    void everyTruncationOfATransportMessageIsDropped() {
        Ipv4Address s = Samples.GUEST;
        Ipv4Address d = Samples.GATEWAY;
        byte[] udp = UdpDatagram.of(1, 2, new byte[] {1, 2, 3, 4, 5}).encode(s, d);
        byte[] tcp = TcpSegmentTest.syn().encode(s, d);
        byte[] icmp = IcmpMessage.echoRequest(1, 1, IcmpMessageTest.WINDOWS_DATA).encode();
        byte[] dhcp = DhcpMessageTest.sampleDiscover();
        for (int len = 0; len < udp.length; len++) {
            assertNotNull(UdpDatagram.decode(udp, 0, len, s, d).reasonOrNull(), "udp cut at " + len);
        }
        for (int len = 0; len < tcp.length; len++) {
            assertNotNull(TcpSegment.decode(tcp, 0, len, s, d).reasonOrNull(), "tcp cut at " + len);
        }
        for (int len = 0; len < icmp.length; len++) {
            assertNotNull(IcmpMessage.decode(icmp, 0, len).reasonOrNull(), "icmp cut at " + len);
        }
        for (int len = 0; len <= 264; len++) {
            assertNotNull(DhcpMessage.decode(dhcp, 0, len).reasonOrNull(), "dhcp cut at " + len);
        }
    }

    /** One damaged input: what it is, its bytes, the decoder, the reason expected. */
    record Case(String name, byte[] bytes, Function<byte[], Decoded<?>> decoder, Malformed expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        byte[] udpFrame = Samples.frames().get("udp");
        byte[] tcpFrame = Samples.frames().get("tcp syn");
        byte[] pingFrame = Samples.frames().get("icmp echo request");
        byte[] arpFrame = Samples.frames().get("arp request");
        Function<byte[], Decoded<?>> all = b -> Samples.decodeAll(b, 0, b.length);
        Function<byte[], Decoded<?>> dhcp = b -> DhcpMessage.decode(b, 0, b.length);
        return Stream.of(
                new Case("ethernet runt of 13 bytes", Arrays.copyOf(udpFrame, 13), all, Malformed.TRUNCATED),
                new Case("arp for IPv6", set(arpFrame, 16, 0x86, 17, 0xdd), all, Malformed.UNSUPPORTED),
                new Case("arp operation 3 (RARP)", set(arpFrame, 21, 3), all, Malformed.UNSUPPORTED),
                new Case("ipv4 version 6", set(udpFrame, 14, 0x65), all, Malformed.BAD_VERSION),
                new Case("ipv4 IHL 4", set(udpFrame, 14, 0x44), all, Malformed.BAD_IHL),
                new Case("ipv4 IHL 0", set(udpFrame, 14, 0x40), all, Malformed.BAD_IHL),
                new Case("ipv4 total length beyond the buffer", set(udpFrame, 16, 0x10), all, Malformed.TRUNCATED),
                new Case("ipv4 total length inside the header", set(udpFrame, 16, 0, 17, 16), all, Malformed.BAD_LENGTH),
                new Case("ipv4 wrong header checksum", set(udpFrame, 24, udpFrame[24] ^ 0x80), all, Malformed.BAD_CHECKSUM),
                new Case("ipv4 ttl changed without checksum", set(udpFrame, 22, 1), all, Malformed.BAD_CHECKSUM),
                new Case("udp length one short", set(udpFrame, 39, udpFrame[39] - 1), all, Malformed.BAD_LENGTH),
                new Case("udp length below its header", set(udpFrame, 38, 0, 39, 7), all, Malformed.BAD_LENGTH),
                new Case("udp wrong checksum", set(udpFrame, 41, udpFrame[41] ^ 1), all, Malformed.BAD_CHECKSUM),
                new Case("udp payload corrupted", set(udpFrame, 43, udpFrame[43] ^ 4), all, Malformed.BAD_CHECKSUM),
                new Case("tcp data offset 4", set(tcpFrame, 46, 0x40), all, Malformed.BAD_DATA_OFFSET),
                new Case("tcp data offset past the segment", set(tcpFrame, 46, 0xf0), all, Malformed.BAD_DATA_OFFSET),
                new Case("tcp wrong checksum", set(tcpFrame, 50, tcpFrame[50] ^ 1), all, Malformed.BAD_CHECKSUM),
                new Case("icmp wrong checksum", set(pingFrame, 36, pingFrame[36] ^ 1), all, Malformed.BAD_CHECKSUM),
                new Case("icmp payload corrupted", set(pingFrame, 45, 0), all, Malformed.BAD_CHECKSUM),
                new Case("dhcp without magic cookie", set(DhcpMessageTest.sampleDiscover(), 236, 0, 237, 0, 238, 0, 239, 0),
                        dhcp, Malformed.BAD_MAGIC_COOKIE),
                new Case("dhcp option running past the end", Arrays.copyOf(DhcpMessageTest.sampleDiscover(), 260), dhcp,
                        Malformed.BAD_OPTION),
                new Case("dhcp option length 255 at the end", set(Arrays.copyOf(DhcpMessageTest.sampleDiscover(), 266),
                        264, 12, 265, 255), dhcp, Malformed.BAD_OPTION),
                new Case("dhcp without end option", Arrays.copyOf(DhcpMessageTest.sampleDiscover(), 264), dhcp,
                        Malformed.BAD_OPTION),
                new Case("dhcp of 100 bytes", Arrays.copyOf(DhcpMessageTest.sampleDiscover(), 100), dhcp,
                        Malformed.TRUNCATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void damagedInputGivesItsReason(Case c) {
        assertEquals(c.expected(), c.decoder().apply(c.bytes()).reasonOrNull(), c.name());
    }

    @Test
    void offsetsOutsideTheArrayAreTruncatedNotThrown() {
        byte[] b = Samples.frames().get("udp");
        int[][] bounds = {{-1, 10}, {0, b.length + 1}, {b.length, 1}, {5, -3}, {Integer.MAX_VALUE, 2}};
        for (int[] x : bounds) {
            assertEquals(Malformed.TRUNCATED, EthernetFrame.decode(b, x[0], x[1]).reasonOrNull());
            assertEquals(Malformed.TRUNCATED, ArpPacket.decode(b, x[0], x[1]).reasonOrNull());
            assertEquals(Malformed.TRUNCATED, Ipv4Packet.decode(b, x[0], x[1]).reasonOrNull());
            assertEquals(Malformed.TRUNCATED, IcmpMessage.decode(b, x[0], x[1]).reasonOrNull());
            assertEquals(Malformed.TRUNCATED, UdpDatagram.decode(b, x[0], x[1], Samples.GUEST, Samples.GATEWAY).reasonOrNull());
            assertEquals(Malformed.TRUNCATED, TcpSegment.decode(b, x[0], x[1], Samples.GUEST, Samples.GATEWAY).reasonOrNull());
            assertEquals(Malformed.TRUNCATED, DhcpMessage.decode(b, x[0], x[1]).reasonOrNull());
        }
        assertEquals(Malformed.TRUNCATED, EthernetFrame.decode(null).reasonOrNull());
    }

    /** A copy of {@code b} with byte {@code at[i]} set to {@code at[i + 1]}. */
    private static byte[] set(byte[] b, int... at) {
        byte[] c = b.clone();
        for (int i = 0; i < at.length; i += 2) {
            c[at[i]] = (byte) at[i + 1];
        }
        return c;
    }
}
