package io.xenon.network.packet;

/**
 * An IPv4 subnet in CIDR notation (RFC 4632), as {@code 10.77.0.0/24}: the address range a
 * NAT or host-only network hands out to its vifs.
 *
 * <p>INVARIANT: {@code network} has no bits set below the prefix.
 */
public record Cidr(Ipv4Address network, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length outside 0..32: " + prefix);
        }
        if ((network.value() & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + network + "/" + prefix);
        }
    }

    /** The subnet of {@code prefix} bits that holds {@code address}, its host bits cleared. */
    public static Cidr containing(Ipv4Address address, int prefix) {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length outside 0..32: " + prefix);
        }
        return new Cidr(new Ipv4Address(address.value() & mask(prefix)), prefix);
    }

    /**
     * Parses {@code a.b.c.d/n}; host bits must be clear.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Cidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR subnet: " + text);
        }
        String bits = text.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a CIDR subnet: " + text);
        }
        return new Cidr(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(bits));
    }

    /** The netmask, as {@code 255.255.255.0} for /24. */
    public Ipv4Address netmask() {
        return new Ipv4Address(mask(prefix));
    }

    /** The directed broadcast address: every host bit set. */
    public Ipv4Address broadcast() {
        return new Ipv4Address(network.value() | ~mask(prefix));
    }

    /** Whether {@code address} lies in this subnet. */
    public boolean contains(Ipv4Address address) {
        return (address.value() & mask(prefix)) == network.value();
    }

    /** The number of addresses in the subnet, network and broadcast included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /**
     * The {@code n}th host: {@code host(1)} is {@code .1} of a /24, usually the gateway.
     *
     * @throws IllegalArgumentException unless {@code 1 <= n < size() - 1} (for /31 and /32,
     *     whose every address is a host (RFC 3021), {@code 0 <= n < size()})
     */
    public Ipv4Address host(long n) {
        boolean pointToPoint = prefix >= 31;
        long lo = pointToPoint ? 0 : 1;
        long hi = pointToPoint ? size() : size() - 1;
        if (n < lo || n >= hi) {
            throw new IllegalArgumentException("no host " + n + " in " + this);
        }
        return network.plus((int) n);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
