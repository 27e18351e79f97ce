package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {

    /** The checksum example's header followed by its 95 bytes of (here zero) UDP data. */
    static byte[] example() {
        return Arrays.copyOf(InternetChecksumTest.HEADER, 0x73);
    }

    @Test
    void decodesTheChecksumExamplesHeader() {
        Ipv4Packet ip = Ipv4Packet.decode(example(), 0, 0x73).orNull();
        assertEquals(Ipv4Address.parse("192.168.0.1"), ip.src());
        assertEquals(Ipv4Address.parse("192.168.0.199"), ip.dst());
        assertEquals(IpProtocol.UDP, ip.protocol());
        assertEquals(64, ip.ttl());
        assertTrue(ip.dontFragment());
        assertFalse(ip.isFragment());
        assertEquals(0x73 - 20, ip.payload().length());
        assertArrayEquals(example(), ip.encode());
    }

    @Test
    void encodesAHeaderChecksumThatAnIndependentSumVerifies() {
        Ipv4Packet ip = new Ipv4Packet(0x10, 0x1234, false, false, 0, 3, IpProtocol.ICMP,
                Ipv4Address.parse("10.77.0.2"), Ipv4Address.parse("10.77.0.1"),
                ByteSlice.ofHex("94040000"), ByteSlice.ofHex("0102030405"));
        byte[] wire = ip.encode();
        assertEquals(0x46, wire[0]);
        assertEquals(29, Checks.u16(wire, 2));
        assertEquals(0, Checks.rfc1071(Arrays.copyOf(wire, 24)));
        assertEquals(ip, Ipv4Packet.decode(ByteSlice.of(wire)).orNull());
    }

    @Test
    void ignoresEthernetPaddingAfterTheTotalLength() {
        byte[] padded = Arrays.copyOf(example(), 0x73 + 10);
        assertEquals(0x73 - 20, Ipv4Packet.decode(padded, 0, padded.length).orNull().payload().length());
    }

    @Test
    void exposesFragmentFlagsAndOffset() {
        Ipv4Packet frag = new Ipv4Packet(0, 7, false, true, 185, 64, IpProtocol.UDP, Ipv4Address.ANY,
                Ipv4Address.BROADCAST, ByteSlice.EMPTY, ByteSlice.ofHex("00"));
        Ipv4Packet back = Ipv4Packet.decode(ByteSlice.of(frag.encode())).orNull();
        assertTrue(back.isFragment());
        assertTrue(back.moreFragments());
        assertEquals(185, back.fragmentOffset());
        assertEquals(Malformed.UNSUPPORTED, UdpDatagram.decode(back).reasonOrNull());
        assertEquals(Malformed.UNSUPPORTED, TcpSegment.decode(back).reasonOrNull());
    }

    @Test
    void dropsEachKindOfBadHeader() {
        assertEquals(Malformed.TRUNCATED, reason(example(), 19));
        byte[] v6 = example();
        v6[0] = 0x65;
        assertEquals(Malformed.BAD_VERSION, reason(v6, v6.length));
        byte[] ihl4 = example();
        ihl4[0] = 0x44;
        assertEquals(Malformed.BAD_IHL, reason(ihl4, ihl4.length));
        byte[] ihlPastBuffer = Arrays.copyOf(example(), 30);
        ihlPastBuffer[0] = 0x4f;
        assertEquals(Malformed.TRUNCATED, reason(ihlPastBuffer, 30));
        assertEquals(Malformed.TRUNCATED, reason(example(), 0x72));
        byte[] shortTotal = example();
        shortTotal[3] = 19;
        assertEquals(Malformed.BAD_LENGTH, reason(shortTotal, shortTotal.length));
        byte[] badSum = example();
        badSum[11] ^= 0x01;
        assertEquals(Malformed.BAD_CHECKSUM, reason(badSum, badSum.length));
    }

    private static Malformed reason(byte[] b, int len) {
        return Ipv4Packet.decode(b, 0, len).reasonOrNull();
    }
}
