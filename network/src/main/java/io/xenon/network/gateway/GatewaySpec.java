package io.xenon.network.gateway;

import com.typesafe.config.Config;
import io.xenon.network.NetworkMode;
import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Domain-0's gateway on a network is told beyond the subnet: its DHCP pool and lease time,
 * for a nat or route network the uplink's address and its next hop, and for a nat network the
 * size of the session table and the port forwards. Read from a network's block in {@code xenon.networks}; every key is optional.
 *
 * <pre>
 * { name = natnet, mode = nat, subnet = "10.77.0.0/24", uplink = "tun:xnat0",
 *   uplink-address = "10.99.0.2/24", uplink-gateway = "10.99.0.1",
 *   dhcp-first = "10.77.0.10", dhcp-last = "10.77.0.99", dhcp-lease = 1h, nat-sessions = 4096,
 *   forwards = [ { proto = udp, port = 7007, domain = "web", to-port = 7 } ] }
 * </pre>
 *
 * @param uplinkAddress the gateway's address on the uplink (on a nat network the source guests' traffic is
 *                      translated to); or null
 * @param uplinkPrefix  the prefix length of the uplink's subnet (1 to 32)
 * @param uplinkGateway the next hop for destinations outside the uplink's subnet (a TAP uplink needs it; a
 *                      TUN is point-to-point), or null
 * @param dhcpFirst     the pool's first address, or null for the subnet's second host ({@code .2})
 * @param dhcpLast      the pool's last address, or null for the last host below the broadcast address
 * @param dhcpLease     how long a lease lasts
 * @param natSessions   translations held at most
 * @param forwards      the port forwards
 */
public record GatewaySpec(Ipv4Address uplinkAddress, int uplinkPrefix, Ipv4Address uplinkGateway,
        Ipv4Address dhcpFirst, Ipv4Address dhcpLast, Duration dhcpLease, int natSessions, List<PortForward> forwards) {

    /** No uplink address, the whole subnet as pool, one-hour leases, 4096 sessions, no forwards. */
    public static final GatewaySpec DEFAULTS = new GatewaySpec(null, 0, null, null, null, Duration.ofHours(1), 4096,
            List.of());

    /** The most sessions a table may hold: one per port of the translated range. */
    public static final int MAX_SESSIONS = NatTable.PORTS;

    public GatewaySpec {
        forwards = List.copyOf(forwards);
        if (dhcpLease == null || dhcpLease.toSeconds() < 60 || dhcpLease.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dhcp-lease must be at least 60s: " + dhcpLease);
        }
        if (natSessions < 1 || natSessions > MAX_SESSIONS) {
            throw new IllegalArgumentException("nat-sessions must be 1 to " + MAX_SESSIONS + ": " + natSessions);
        }
        if (uplinkAddress != null && (uplinkPrefix < 1 || uplinkPrefix > 32)) {
            throw new IllegalArgumentException("uplink-address needs a prefix length of 1 to 32: /" + uplinkPrefix);
        }
        Set<String> seen = new HashSet<>();
        for (PortForward f : forwards) {
            if (!seen.add(f.protocolName() + f.port())) {
                throw new IllegalArgumentException("port " + f.protocolName() + "/" + f.port() + " is forwarded twice");
            }
        }
    }

    /**
     * The gateway keys of the network block {@code n} (defaults already folded in).
     *
     * @throws IllegalArgumentException or a {@code ConfigException}, naming the key
     */
    public static GatewaySpec from(Config n) {
        Ipv4Address address = null;
        int prefix = 0;
        if (n.hasPath("uplink-address")) {
            String text = n.getString("uplink-address");
            int slash = text.indexOf('/');
            try {
                if (slash < 0) {
                    throw new IllegalArgumentException("no prefix");
                }
                address = Ipv4Address.parse(text.substring(0, slash));
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("uplink-address '" + text + "' is not a.b.c.d/len", e);
            }
        }
        List<PortForward> forwards = new ArrayList<>();
        if (n.hasPath("forwards")) {
            for (Config f : n.getConfigList("forwards")) {
                forwards.add(new PortForward(PortForward.protocol(f.getString("proto")), f.getInt("port"),
                        f.getString("domain"), f.hasPath("to-port") ? f.getInt("to-port") : f.getInt("port")));
            }
        }
        return new GatewaySpec(address, prefix, address(n, "uplink-gateway"), address(n, "dhcp-first"),
                address(n, "dhcp-last"), n.hasPath("dhcp-lease") ? n.getDuration("dhcp-lease") : DEFAULTS.dhcpLease,
                n.hasPath("nat-sessions") ? n.getInt("nat-sessions") : DEFAULTS.natSessions, forwards);
    }

    private static Ipv4Address address(Config n, String key) {
        if (!n.hasPath(key)) {
            return null;
        }
        try {
            return Ipv4Address.parse(n.getString(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + n.getString(key) + "' is not an IPv4 address", e);
        }
    }

    /** Whether a network of {@code mode} with a subnet gets a gateway: nat, route, host-only and isolated. */
    public static boolean serves(NetworkMode mode, String subnet) {
        return subnet != null && mode != NetworkMode.BRIDGE;
    }

    /** The uplink's subnet, or null without an uplink address. */
    public Cidr uplinkSubnet() {
        return uplinkAddress == null ? null : Cidr.containing(uplinkAddress, uplinkPrefix);
    }

    /**
     * Checks these keys against the rest of the network's declaration.
     *
     * @throws IllegalArgumentException naming the key that does not fit
     */
    public void check(NetworkMode mode, String subnet, String uplink) {
        boolean nat = mode == NetworkMode.NAT;
        boolean routed = nat || mode == NetworkMode.ROUTE;
        if (!nat && !forwards.isEmpty()) {
            throw new IllegalArgumentException("forwards are for nat networks only");
        }
        if (!routed && (uplinkAddress != null || uplinkGateway != null)) {
            throw new IllegalArgumentException("uplink-address and uplink-gateway are for nat and route networks only");
        }
        if (routed && uplink != null && uplinkAddress == null) {
            throw new IllegalArgumentException("a " + mode.configName() + " network with an uplink needs uplink-address "
                    + "(a.b.c.d/len): the gateway's address on the uplink");
        }
        if (uplinkGateway != null && !uplinkSubnet().contains(uplinkGateway)) {
            throw new IllegalArgumentException("uplink-gateway " + uplinkGateway + " is not in uplink-address's subnet "
                    + uplinkSubnet());
        }
        if (!serves(mode, subnet)) {
            if (dhcpFirst != null || dhcpLast != null) {
                throw new IllegalArgumentException("dhcp-first and dhcp-last need a subnet on a nat, host-only or "
                        + "isolated network");
            }
            return;
        }
        Cidr cidr;
        try {
            cidr = Cidr.parse(subnet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subnet '" + subnet + "' has host bits set (write the network address)", e);
        }
        if (uplinkAddress != null && (cidr.contains(uplinkAddress) || uplinkSubnet().contains(cidr.network()))) {
            throw new IllegalArgumentException("uplink-address " + uplinkAddress + "/" + uplinkPrefix
                    + " overlaps the subnet " + cidr);
        }
        if (mode == NetworkMode.ROUTE) {
            if (dhcpFirst != null || dhcpLast != null) {
                throw new IllegalArgumentException("a route network serves no DHCP: its vifs' addresses are their ip= keys");
            }
            return;
        }
        Ipv4Address first = poolFirst(cidr);
        Ipv4Address last = poolLast(cidr);
        for (Ipv4Address a : new Ipv4Address[] {first, last}) {
            if (!cidr.contains(a) || a.equals(cidr.network()) || a.equals(cidr.broadcast()) || a.equals(cidr.host(1))) {
                throw new IllegalArgumentException("dhcp pool address " + a + " is not a host of " + cidr
                        + " other than the gateway " + cidr.host(1));
            }
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("dhcp-first " + first + " is above dhcp-last " + last);
        }
    }

    /** The pool's first address in {@code subnet}. */
    public Ipv4Address poolFirst(Cidr subnet) {
        return dhcpFirst != null ? dhcpFirst : subnet.host(2);
    }

    /** The pool's last address in {@code subnet}. */
    public Ipv4Address poolLast(Cidr subnet) {
        return dhcpLast != null ? dhcpLast : subnet.broadcast().plus(-1);
    }
}
