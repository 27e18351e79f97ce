package io.xenon.network.packet;

/**
 * An IEEE 802 MAC-48 address, as a vif's {@code mac=} in xl.cfg names it; Xen's own vifs use the
 * OUI {@code 00:16:3e} (Xensource). Held as the 48-bit value in a {@code long}, first octet
 * highest, so reading one from a frame allocates nothing but the record.
 */
public record MacAddress(long value) {

    /** The Xensource OUI that {@code xl} gives generated vif MACs. */
    public static final int XEN_OUI = 0x00163e;

    /** {@code ff:ff:ff:ff:ff:ff}. */
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

    /** {@code 00:00:00:00:00:00}, as ARP's target hardware address in a request. */
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((value & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("not a 48-bit MAC address: " + Long.toHexString(value));
        }
    }

    /** The address in the six bytes at {@code off}; the caller has checked they exist. */
    public static MacAddress read(byte[] b, int off) {
        return new MacAddress(readLong(b, off));
    }

    /** The 48-bit value of the six bytes at {@code off}, without allocating. */
    public static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    /** A Xen vif address: {@code 00:16:3e} and the low 24 bits of {@code nic}. */
    public static MacAddress xen(int nic) {
        return new MacAddress((long) XEN_OUI << 24 | (nic & 0xffffffL));
    }

    /**
     * Parses six colon- or hyphen-separated pairs of hex digits, as {@code 00:16:3e:12:34:56}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static MacAddress parse(String text) {
        if (text == null || text.length() != 17) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            int at = i * 3;
            if (i > 0 && text.charAt(at - 1) != sep) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            int hi = Character.digit(text.charAt(at), 16);
            int lo = Character.digit(text.charAt(at + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            v = v << 8 | hi << 4 | lo;
        }
        return new MacAddress(v);
    }

    /** Writes the six bytes at {@code off}. */
    public void write(byte[] b, int off) {
        for (int i = 5; i >= 0; i--) {
            b[off + i] = (byte) (value >>> (8 * (5 - i)));
        }
    }

    /** The six bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[6];
        write(b, 0);
        return b;
    }

    /** Whether this is {@code ff:ff:ff:ff:ff:ff}. */
    public boolean isBroadcast() {
        return value == BROADCAST.value;
    }

    /** Whether the group bit (the low bit of the first octet) is set; broadcast included. */
    public boolean isMulticast() {
        return isMulticast(value);
    }

    /** {@link #isMulticast()} on a raw 48-bit value, for the bridge's allocation-free path. */
    public static boolean isMulticast(long value) {
        return (value & 0x0100_0000_0000L) != 0;
    }

    /** Whether this addresses one station: the group bit is clear. */
    public boolean isUnicast() {
        return !isMulticast();
    }

    /** Whether the locally-administered bit (the second-lowest bit of the first octet) is set. */
    public boolean isLocallyAdministered() {
        return (value & 0x0200_0000_0000L) != 0;
    }

    /** Lower-case, colon-separated: {@code 00:16:3e:12:34:56}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int octet = (int) (value >>> (8 * i)) & 0xff;
            s.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
