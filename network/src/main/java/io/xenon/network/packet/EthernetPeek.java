package io.xenon.network.packet;

/**
 * Allocation-free reads of the few Ethernet header fields a learning bridge forwards on
 * (destination, source, 802.1Q VLAN id, EtherType), straight from a frame's bytes, in the manner
 * of the Linux bridge's look at {@code eth_hdr(skb)} before any full parse.
 *
 * <p>UNTRUSTED: each method checks the frame is long enough and answers {@code -1} when it is
 * not, so a runt costs a comparison, never an exception.
 */
public final class EthernetPeek {

    private EthernetPeek() {
    }

    /** The destination as a 48-bit value, or {@code -1} if there is no full header. */
    public static long dst(byte[] b, int off, int len) {
        return headerFits(b, off, len) ? MacAddress.readLong(b, off) : -1;
    }

    /** The source as a 48-bit value, or {@code -1} if there is no full header. */
    public static long src(byte[] b, int off, int len) {
        return headerFits(b, off, len) ? MacAddress.readLong(b, off + 6) : -1;
    }

    /** Whether the frame carries an 802.1Q tag; {@code false} for a runt. */
    public static boolean tagged(byte[] b, int off, int len) {
        return ByteSlice.fits(b, off, len) && len >= EthernetFrame.TAGGED_HEADER
                && Wire.u16(b, off + 12) == EtherType.VLAN;
    }

    /** The 802.1Q VLAN id, {@code 0} for an untagged frame, or {@code -1} for a runt. */
    public static int vlanId(byte[] b, int off, int len) {
        if (!headerFits(b, off, len)) {
            return -1;
        }
        if (Wire.u16(b, off + 12) != EtherType.VLAN) {
            return 0;
        }
        return len >= EthernetFrame.TAGGED_HEADER ? Wire.u16(b, off + 14) & 0xfff : -1;
    }

    /** The EtherType after any 802.1Q tag, or {@code -1} for a runt. */
    public static int etherType(byte[] b, int off, int len) {
        if (!headerFits(b, off, len)) {
            return -1;
        }
        int type = Wire.u16(b, off + 12);
        if (type != EtherType.VLAN) {
            return type;
        }
        return len >= EthernetFrame.TAGGED_HEADER ? Wire.u16(b, off + 16) : -1;
    }

    private static boolean headerFits(byte[] b, int off, int len) {
        return ByteSlice.fits(b, off, len) && len >= EthernetFrame.HEADER;
    }
}
