package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {

    /** The header of Wikipedia's "IPv4 header checksum" example, checksum b861 in place. */
    static final byte[] HEADER = Checks.hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");

    @Test
    void computesTheWellKnownIpv4HeaderChecksum() {
        byte[] zeroed = HEADER.clone();
        zeroed[10] = 0;
        zeroed[11] = 0;
        assertEquals(0xb861, InternetChecksum.of(zeroed, 0, zeroed.length));
        assertTrue(InternetChecksum.verifies(0, HEADER, 0, HEADER.length));
    }

    @Test
    void rejectsAHeaderWithOneBitFlipped() {
        byte[] bad = HEADER.clone();
        bad[15] ^= 1;
        assertFalse(InternetChecksum.verifies(0, bad, 0, bad.length));
    }

    @Test
    void matchesRfc1071NumericalExample() {
        // RFC 1071 section 3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2.
        byte[] b = Checks.hex("0001f203f4f5f6f7");
        assertEquals(0xddf2, ~InternetChecksum.of(b, 0, b.length) & 0xffff);
    }

    @Test
    void padsAnOddLastByteWithZero() {
        byte[] odd = Checks.hex("0102 03");
        assertEquals(Checks.rfc1071(odd), InternetChecksum.of(odd, 0, 3));
    }

    @Test
    void incrementalUpdateMatchesRfc1624Example() {
        // RFC 1624 section 4: HC 0xdd2f, m 0x5555 -> m' 0x3285 gives 0x0000 by equation 3.
        assertEquals(0x0000, InternetChecksum.update16(0xdd2f, 0x5555, 0x3285));
    }

    @Test
    void incrementalUpdateEqualsRecomputation() {
        Random r = new Random(1624);
        for (int n = 0; n < 2000; n++) {
            byte[] b = new byte[2 * (1 + r.nextInt(30))];
            r.nextBytes(b);
            int at = 2 * r.nextInt(b.length / 2);
            int before = InternetChecksum.of(b, 0, b.length);
            int old = Checks.u16(b, at);
            int neu = r.nextInt(0x10000);
            b[at] = (byte) (neu >> 8);
            b[at + 1] = (byte) neu;
            int after = InternetChecksum.of(b, 0, b.length);
            int updated = InternetChecksum.update16(before, old, neu);
            // One's complement has two zeros; both are the same sum.
            assertEquals(after == 0xffff ? 0 : after, updated == 0xffff ? 0 : updated, "case " + n);
        }
    }

    @Test
    void pseudoHeaderSumEqualsSummingItsBytes() {
        Ipv4Address s = Ipv4Address.parse("10.77.0.2");
        Ipv4Address d = Ipv4Address.parse("8.8.8.8");
        byte[] p = Checks.pseudo(s, d, IpProtocol.UDP, 40);
        assertEquals(Checks.rfc1071(p), InternetChecksum.finish(InternetChecksum.pseudoHeader(s, d, IpProtocol.UDP, 40)));
    }
}
