package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcmpMessageTest {

    static final byte[] WINDOWS_DATA = "abcdefghijklmnopqrstuvwabcdefghi".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encodesTheWellKnownWindowsPingWithChecksum4d5a() {
        byte[] wire = IcmpMessage.echoRequest(1, 1, WINDOWS_DATA).encode();
        assertEquals(0x4d5a, Checks.u16(wire, 2));
        assertArrayEquals(Checks.hex("0800 4d5a 0001 0001"), java.util.Arrays.copyOf(wire, 8));
    }

    @Test
    void decodesAnEchoRequestAndBuildsItsReply() {
        IcmpMessage req = IcmpMessage.decode(ByteSlice.of(IcmpMessage.echoRequest(0x1c46, 7, WINDOWS_DATA).encode())).orNull();
        assertTrue(req.isEcho());
        assertEquals(0x1c46, req.identifier());
        assertEquals(7, req.sequence());
        assertEquals(ByteSlice.of(WINDOWS_DATA), req.data());
        byte[] reply = IcmpMessage.echoReplyTo(req).encode();
        assertEquals(0, reply[0]);
        assertEquals(0, Checks.rfc1071(reply));
    }

    @Test
    void keepsOtherTypesAsTypeCodeAndBody() {
        IcmpMessage unreachable = new IcmpMessage(IcmpMessage.DEST_UNREACHABLE, 3, 0,
                ByteSlice.of(InternetChecksumTest.HEADER));
        byte[] wire = unreachable.encode();
        assertEquals(0, Checks.rfc1071(wire));
        assertEquals(unreachable, IcmpMessage.decode(wire, 0, wire.length).orNull());
    }

    @Test
    void dropsShortAndCorruptMessages() {
        byte[] wire = IcmpMessage.echoRequest(1, 1, WINDOWS_DATA).encode();
        assertEquals(Malformed.TRUNCATED, IcmpMessage.decode(wire, 0, 7).reasonOrNull());
        wire[20] ^= 0x20;
        assertEquals(Malformed.BAD_CHECKSUM, IcmpMessage.decode(wire, 0, wire.length).reasonOrNull());
    }
}
