package io.xenon.guests.net;

import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.Ipv4Address;
import java.util.Map;

/**
 * The IPv4 configuration of one interface, as {@code ip addr} and {@code ip route} show it: its
 * address, the prefix of its subnet, the default gateway ({@code null} for none) and where it
 * came from ({@code static} or {@code dhcp}).
 */
public record Ipv4Config(Ipv4Address address, int prefix, Ipv4Address gateway, String origin) {

    /** The prefix when neither {@code netmask=} nor {@code prefix=} is given. */
    public static final int DEFAULT_PREFIX = 24;

    public Ipv4Config {
        java.util.Objects.requireNonNull(address, "address");
        java.util.Objects.requireNonNull(origin, "origin");
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix outside 0..32: " + prefix);
        }
    }

    /** The subnet the address is on. */
    public Cidr subnet() {
        return Cidr.containing(address, prefix);
    }

    /**
     * A static configuration from a vif's {@code ip=} (libxl writes it as the back end's
     * {@code ip} key: one or more addresses separated by spaces, of which the first is used, each
     * perhaps with a {@code /prefix}) and the kernel's {@code netmask=}, {@code prefix=} and
     * {@code gateway=} words.
     *
     * @throws IllegalArgumentException naming the text that is not an address, prefix or mask
     */
    public static Ipv4Config fromVifIp(String vifIp, Map<String, String> extra) {
        String first = vifIp.strip().split("[\\s,]+")[0];
        int prefix = DEFAULT_PREFIX;
        int slash = first.indexOf('/');
        if (slash >= 0) {
            prefix = parsePrefix(first.substring(slash + 1));
            first = first.substring(0, slash);
        }
        if (extra.containsKey("prefix")) {
            prefix = parsePrefix(extra.get("prefix"));
        } else if (extra.containsKey("netmask")) {
            prefix = prefixOf(Ipv4Address.parse(extra.get("netmask")));
        }
        return new Ipv4Config(Ipv4Address.parse(first), prefix, gatewayOf(extra), "static");
    }

    /** The kernel's {@code gateway=}, or {@code null}. */
    public static Ipv4Address gatewayOf(Map<String, String> extra) {
        String g = extra.get("gateway");
        return g == null || g.isBlank() ? null : Ipv4Address.parse(g);
    }

    /**
     * The prefix length of a netmask such as {@code 255.255.255.0}.
     *
     * @throws IllegalArgumentException if the mask's ones are not contiguous
     */
    public static int prefixOf(Ipv4Address mask) {
        int bits = Integer.bitCount(mask.value());
        int expected = bits == 0 ? 0 : -1 << (32 - bits);
        if (mask.value() != expected) {
            throw new IllegalArgumentException("not a contiguous netmask: " + mask);
        }
        return bits;
    }

    private static int parsePrefix(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 0 && p <= 32) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("not a prefix length: " + text);
    }

    /** As the console shows it: {@code 10.77.0.2/24 (dhcp)}. */
    @Override
    public String toString() {
        return address + "/" + prefix + " (" + origin + ")";
    }
}
