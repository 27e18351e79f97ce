package io.xenon.network.fabric;

/**
 * The few fields of an Ethernet II header (IEEE 802.3, with an optional IEEE 802.1Q tag) a
 * switch reads, straight from a frame's bytes: destination and source MAC as 48-bit numbers,
 * and the VLAN tag.
 *
 * <pre>
 *   0  dst[6]   6  src[6]   12  ethertype (or TPID 0x8100, then TCI u16, then ethertype)
 * </pre>
 */
final class EtherHeader {

    /** The shortest header: {@code ETH_HLEN}. */
    static final int LENGTH = 14;
    static final int TPID_8021Q = 0x8100;
    static final int TAG_LENGTH = 4;

    private EtherHeader() {
    }

    static long dst(byte[] f) {
        return mac(f, 0);
    }

    static long src(byte[] f) {
        return mac(f, 6);
    }

    /** Group (multicast or broadcast) addresses have the I/G bit, the first octet's lowest, set. */
    static boolean isGroup(long mac) {
        return (mac & (1L << 40)) != 0;
    }

    static boolean tagged(byte[] f) {
        return f.length >= LENGTH + TAG_LENGTH && u16(f, 12) == TPID_8021Q;
    }

    /** The VLAN id of a tagged frame (the TCI's low 12 bits). */
    static int vid(byte[] f) {
        return u16(f, 14) & 0x0FFF;
    }

    /** {@code f} without its 802.1Q tag. */
    static byte[] untag(byte[] f) {
        byte[] u = new byte[f.length - TAG_LENGTH];
        System.arraycopy(f, 0, u, 0, 12);
        System.arraycopy(f, 12 + TAG_LENGTH, u, 12, f.length - 12 - TAG_LENGTH);
        return u;
    }

    /** {@code f} with an 802.1Q tag of {@code vid} (priority 0) after the source address. */
    static byte[] tag(byte[] f, int vid) {
        byte[] t = new byte[f.length + TAG_LENGTH];
        System.arraycopy(f, 0, t, 0, 12);
        t[12] = (byte) (TPID_8021Q >>> 8);
        t[13] = (byte) TPID_8021Q;
        t[14] = (byte) (vid >>> 8);
        t[15] = (byte) vid;
        System.arraycopy(f, 12, t, 12 + TAG_LENGTH, f.length - 12);
        return t;
    }

    private static long mac(byte[] f, int at) {
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = (m << 8) | (f[at + i] & 0xFF);
        }
        return m;
    }

    private static int u16(byte[] f, int at) {
        return ((f[at] & 0xFF) << 8) | (f[at + 1] & 0xFF);
    }
}
