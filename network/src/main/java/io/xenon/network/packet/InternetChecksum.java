package io.xenon.network.packet;

/**
 * The Internet checksum of RFC 1071 (the one's-complement sum of 16-bit words, complemented) used
 * by IPv4, ICMP, UDP and TCP; the IPv4 pseudo-header sum of RFC 768 and RFC 9293; and the
 * incremental update of RFC 1624 that NAT applies when it rewrites an address or a port.
 *
 * <p>Sums are kept as non-negative {@code int}s of 32 bits of carry room and folded at the end;
 * checksums are the folded, complemented 16-bit value.
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /**
     * Adds the bytes {@code [off, off + len)} as big-endian 16-bit words to {@code sum}; an odd
     * last byte is padded with zero (RFC 1071). Answers an unfolded sum.
     */
    public static int add(int sum, byte[] b, int off, int len) {
        long s = sum & 0xffffffffL;
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            s += (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        return foldToInt(s);
    }

    /** The sum of the IPv4 pseudo-header: source, destination, zero, protocol, L4 length. */
    public static int pseudoHeader(Ipv4Address src, Ipv4Address dst, int protocol, int length) {
        long s = (src.value() >>> 16) + (src.value() & 0xffff)
                + (dst.value() >>> 16) + (dst.value() & 0xffff) + protocol + length;
        return foldToInt(s);
    }

    /** Folds a sum's carries into 16 bits and complements it: the checksum to write. */
    public static int finish(int sum) {
        return ~fold(sum) & 0xffff;
    }

    /** The checksum of {@code [off, off + len)}. */
    public static int of(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /**
     * Whether {@code [off, off + len)}, checksum field included, verifies: its one's-complement
     * sum is all ones.
     */
    public static boolean verifies(int initialSum, byte[] b, int off, int len) {
        return fold(add(initialSum, b, off, len)) == 0xffff;
    }

    /**
     * RFC 1624 equation 3: the checksum {@code hc} after one 16-bit word of the covered data
     * changes from {@code oldWord} to {@code newWord}: {@code HC' = ~(~HC + ~m + m')}.
     */
    public static int update16(int hc, int oldWord, int newWord) {
        int s = (~hc & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(s) & 0xffff;
    }

    /** {@link #update16} for a 32-bit field (an IPv4 address), one half at a time. */
    public static int update32(int hc, int oldValue, int newValue) {
        return update16(update16(hc, oldValue >>> 16, newValue >>> 16), oldValue & 0xffff, newValue & 0xffff);
    }

    private static int fold(int sum) {
        long s = sum & 0xffffffffL;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    private static int foldToInt(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
