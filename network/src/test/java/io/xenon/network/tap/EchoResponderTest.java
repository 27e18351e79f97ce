package io.xenon.network.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interop tests' pretend host, checked on frames written out by hand. */
class EchoResponderTest {

    static final byte[] MAC = {0x00, 0x16, 0x3e, 0x00, 0x00, 0x02};
    static final byte[] IP = {10, 99, 0, 2};

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void checksumMatchesAKnownIpv4Header() {
        byte[] header = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertEquals(0xb861, EchoResponder.checksum(header, 0, 20));
    }

    @Test
    void answersAnArpRequestForItsAddress() {
        byte[] request = hex("ffffffffffff 0a0000000001 0806 0001 0800 06 04 0001"
                + " 0a0000000001 0a630001 000000000000 0a630002");
        List<byte[]> replies = new EchoResponder(MAC, IP, true).answer(request);
        assertEquals(1, replies.size());
        assertEquals(HexFormat.of().formatHex(hex("0a0000000001 00163e000002 0806 0001 0800 06 04 0002"
                + " 00163e000002 0a630002 0a0000000001 0a630001")), HexFormat.of().formatHex(replies.get(0)));
    }

    @Test
    void answersAnEchoRequestWithValidChecksums() {
        byte[] request = hex("00163e000002 0a0000000001 0800"
                + " 4500 001c 0001 4000 4001 0000 0a630001 0a630002"
                + " 0800 0000 1234 0001");
        EchoResponder.put16(request, 24, EchoResponder.checksum(request, 14, 20));
        EchoResponder.put16(request, 36, EchoResponder.checksum(request, 34, 8));
        byte[] reply = new EchoResponder(MAC, IP, true).answer(request).get(0);
        assertEquals(0, EchoResponder.checksum(reply, 14, 20), "IPv4 header checksum");
        assertEquals(0, EchoResponder.checksum(reply, 34, 8), "ICMP checksum");
        assertEquals(0, reply[34], "echo reply");
        assertEquals("0a630001", HexFormat.of().formatHex(reply, 30, 34), "sent back to the pinger");
    }

    @Test
    void ignoresWhatIsNotForIt() {
        EchoResponder host = new EchoResponder(MAC, IP, true);
        assertTrue(host.answer(hex("ffffffffffff 0a0000000001 86dd 6000")).isEmpty());
        assertTrue(host.answer(new byte[5]).isEmpty());
    }
}
