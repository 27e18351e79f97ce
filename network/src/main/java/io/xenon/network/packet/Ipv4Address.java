package io.xenon.network.packet;

/**
 * An IPv4 address (RFC 791), as a vif's {@code ip=} in xl.cfg or a DHCP lease names it. Held as
 * its 32 bits in an {@code int}, first octet highest.
 */
public record Ipv4Address(int value) implements Comparable<Ipv4Address> {

    /** {@code 0.0.0.0}: "this host" as a DHCP client's source before it has an address. */
    public static final Ipv4Address ANY = new Ipv4Address(0);

    /** {@code 255.255.255.255}: the limited broadcast address. */
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    /** The address in the four bytes at {@code off}; the caller has checked they exist. */
    public static Ipv4Address read(byte[] b, int off) {
        return new Ipv4Address(Wire.i32(b, off));
    }

    /** The address of the four octets {@code a.b.c.d}. */
    public static Ipv4Address of(int a, int b, int c, int d) {
        return new Ipv4Address(Wire.checkU8("a", a) << 24 | Wire.checkU8("b", b) << 16
                | Wire.checkU8("c", c) << 8 | Wire.checkU8("d", d));
    }

    /**
     * Parses a dotted quad of four decimal octets, as {@code 10.77.0.1}; no leading zeros
     * beyond a lone {@code 0}, which some parsers read as octal.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Ipv4Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not an IPv4 address: null");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            v = v << 8 | octet;
        }
        return new Ipv4Address(v);
    }

    /** Writes the four bytes at {@code off}. */
    public void write(byte[] b, int off) {
        Wire.put32(b, off, value);
    }

    /** The four bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[4];
        write(b, 0);
        return b;
    }

    /** Whether this is in {@code 224.0.0.0/4}. */
    public boolean isMulticast() {
        return (value >>> 28) == 0xe;
    }

    /** Whether this is {@code 255.255.255.255}. */
    public boolean isBroadcast() {
        return value == -1;
    }

    /** Whether this is in {@code 127.0.0.0/8}. */
    public boolean isLoopback() {
        return (value >>> 24) == 127;
    }

    /** The address {@code n} above this one, wrapping at 2^32. */
    public Ipv4Address plus(int n) {
        return new Ipv4Address(value + n);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(value, o.value);
    }

    /** The dotted quad. */
    @Override
    public String toString() {
        return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }
}
