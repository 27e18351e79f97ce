package io.xenon.network.packet;

/**
 * A reference Internet checksum written apart from {@link InternetChecksum}, word by word as
 * RFC 1071 describes it, so tests check the codecs against something they do not share.
 */
final class Checks {

    private Checks() {
    }

    static int rfc1071(byte[]... parts) {
        long sum = 0;
        for (byte[] p : parts) {
            for (int i = 0; i < p.length; i += 2) {
                int hi = p[i] & 0xff;
                int lo = i + 1 < p.length ? p[i + 1] & 0xff : 0;
                sum += hi * 256 + lo;
            }
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static byte[] pseudo(Ipv4Address src, Ipv4Address dst, int protocol, int length) {
        byte[] p = new byte[12];
        src.write(p, 0);
        dst.write(p, 4);
        p[9] = (byte) protocol;
        p[10] = (byte) (length >> 8);
        p[11] = (byte) length;
        return p;
    }

    static byte[] hex(String s) {
        return ByteSlice.ofHex(s).toArray();
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
    }
}
