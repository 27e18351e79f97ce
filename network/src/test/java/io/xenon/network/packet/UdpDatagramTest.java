package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UdpDatagramTest {

    static final Ipv4Address SRC = Ipv4Address.parse("10.77.0.2");
    static final Ipv4Address DST = Ipv4Address.parse("10.77.0.1");

    @Test
    void checksumCoversThePseudoHeaderAsAnIndependentSumSays() {
        byte[] wire = UdpDatagram.of(40000, 53, Checks.hex("abcdef")).encode(SRC, DST);
        assertEquals(11, Checks.u16(wire, 4));
        assertEquals(0, Checks.rfc1071(Checks.pseudo(SRC, DST, IpProtocol.UDP, wire.length), wire));
    }

    @Test
    void roundTripsThroughIpv4() {
        UdpDatagram udp = UdpDatagram.of(68, 67, new byte[] {1, 2, 3, 4});
        Ipv4Packet ip = Ipv4Packet.decode(ByteSlice.of(udp.toIpv4(SRC, DST, 1).encode())).orNull();
        assertEquals(udp, UdpDatagram.decode(ip).orNull());
    }

    @Test
    void acceptsAZeroChecksumAsNone() {
        byte[] wire = UdpDatagram.of(1, 2, new byte[] {9}).encode(SRC, DST);
        wire[6] = 0;
        wire[7] = 0;
        assertEquals(UdpDatagram.of(1, 2, new byte[] {9}), UdpDatagram.decode(wire, 0, wire.length, SRC, DST).orNull());
    }

    @Test
    void sendsAComputedZeroAsAllOnes() {
        // The sum of everything but the checksum is 0xffff for these ports and pseudo-header.
        Ipv4Address zero = Ipv4Address.ANY;
        int rest = InternetChecksum.pseudoHeader(zero, zero, IpProtocol.UDP, 8) + 8;
        int port = 0xffff - rest;
        byte[] wire = UdpDatagram.of(port, 0, new byte[0]).encode(zero, zero);
        assertEquals(0xffff, Checks.u16(wire, 6));
        assertEquals(port, UdpDatagram.decode(wire, 0, 8, zero, zero).orNull().srcPort());
    }

    @Test
    void dropsLengthMismatchesAndBadChecksums() {
        byte[] wire = UdpDatagram.of(1, 2, new byte[] {9, 8, 7}).encode(SRC, DST);
        assertEquals(Malformed.TRUNCATED, UdpDatagram.decode(wire, 0, 7, SRC, DST).reasonOrNull());
        assertEquals(Malformed.BAD_LENGTH, UdpDatagram.decode(wire, 0, 10, SRC, DST).reasonOrNull());
        byte[] longer = java.util.Arrays.copyOf(wire, 12);
        assertEquals(Malformed.BAD_LENGTH, UdpDatagram.decode(longer, 0, 12, SRC, DST).reasonOrNull());
        assertEquals(Malformed.BAD_CHECKSUM, UdpDatagram.decode(wire, 0, wire.length, SRC, Ipv4Address.BROADCAST).reasonOrNull());
    }
}
