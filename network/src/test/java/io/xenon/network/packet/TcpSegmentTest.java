package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TcpSegmentTest {

    static final Ipv4Address SRC = Ipv4Address.parse("10.77.0.2");
    static final Ipv4Address DST = Ipv4Address.parse("93.184.216.34");
    /** MSS 1460, SACK permitted, window scale 7: a Linux SYN's options, trimmed to 12 bytes. */
    static final ByteSlice SYN_OPTIONS = ByteSlice.ofHex("020405b4 0402 0103 0307 0000");

    static TcpSegment syn() {
        return new TcpSegment(51000, 80, 0xdeadbeef, 0, TcpSegment.SYN, 64240, 0, SYN_OPTIONS, ByteSlice.EMPTY);
    }

    @Test
    void encodesHeaderAndChecksumAsAnIndependentSumSays() {
        byte[] wire = syn().encode(SRC, DST);
        assertEquals(32, wire.length);
        assertEquals(0x80, wire[12] & 0xff);
        assertEquals(0, Checks.rfc1071(Checks.pseudo(SRC, DST, IpProtocol.TCP, wire.length), wire));
    }

    @Test
    void roundTripsWithOptionsAndPayload() {
        TcpSegment seg = new TcpSegment(80, 51000, 1, 0xdeadbef0, TcpSegment.ACK | TcpSegment.PSH, 502, 0,
                ByteSlice.EMPTY, ByteSlice.ofHex("48545450"));
        Ipv4Packet ip = Ipv4Packet.decode(ByteSlice.of(seg.toIpv4(DST, SRC, 9).encode())).orNull();
        TcpSegment back = TcpSegment.decode(ip).orNull();
        assertEquals(seg, back);
        assertTrue(back.has(TcpSegment.ACK | TcpSegment.PSH));
        assertEquals(syn(), TcpSegment.decode(syn().encode(SRC, DST), 0, 32, SRC, DST).orNull());
    }

    @Test
    void dropsBadDataOffsetsAndChecksums() {
        byte[] wire = syn().encode(SRC, DST);
        assertEquals(Malformed.TRUNCATED, TcpSegment.decode(wire, 0, 19, SRC, DST).reasonOrNull());
        byte[] small = wire.clone();
        small[12] = 0x40;
        assertEquals(Malformed.BAD_DATA_OFFSET, TcpSegment.decode(small, 0, 32, SRC, DST).reasonOrNull());
        byte[] large = wire.clone();
        large[12] = (byte) 0xf0;
        assertEquals(Malformed.BAD_DATA_OFFSET, TcpSegment.decode(large, 0, 32, SRC, DST).reasonOrNull());
        assertEquals(Malformed.BAD_CHECKSUM, TcpSegment.decode(wire, 0, 32, DST, SRC.plus(1)).reasonOrNull());
    }
}
