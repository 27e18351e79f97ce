package io.xenon.network;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.xenon.network.gateway.GatewaySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One network of the host, as declared in {@code xenon.networks} (defaults in
 * {@code xenon.network-defaults}); a vif joins the one its {@code bridge=} key names.
 *
 * @param name         the network's name, what {@code bridge=} says (a Linux interface name)
 * @param mode         how it joins its ports
 * @param subnet       its IPv4 subnet in CIDR form ({@code 10.77.0.0/24}), or null
 * @param uplink       the host device it reaches out through ({@code tap:NAME}; a nat or route network
 *                     may also use {@code tun:NAME}; a nat or route network's belongs to its gateway), or null
 * @param ageing       how long a learned MAC address stays without being seen (Linux's {@code ageing_time})
 * @param portQueue    frames a port holds before it drops
 * @param macTableSize learned addresses at most; a flood of new source addresses is not learned beyond it
 * @param gateway      Domain-0's gateway on a nat, route, host-only or isolated network with a subnet: DHCP
 *                     pool, uplink address, port forwards ({@link GatewaySpec})
 */
public record NetworkSpec(String name, NetworkMode mode, String subnet, String uplink, Duration ageing, int portQueue,
        int macTableSize, GatewaySpec gateway) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern UPLINK = Pattern.compile("(tap|tun):[A-Za-z0-9_.-]{1,15}");

    /**
     * @throws IllegalArgumentException naming what is wrong
     */
    public NetworkSpec {
        if (mode == null || ageing == null) {
            throw new IllegalArgumentException("network " + name + ": mode and ageing are required");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("network name '" + name
                    + "' is not an interface name (1 to 15 of A-Z a-z 0-9 _ . -)");
        }
        if (subnet != null && !validCidr(subnet)) {
            throw new IllegalArgumentException("network " + name + ": subnet '" + subnet + "' is not a.b.c.d/len");
        }
        if (uplink != null && !UPLINK.matcher(uplink).matches()) {
            throw new IllegalArgumentException("network " + name + ": uplink '" + uplink + "' is not tap:NAME or tun:NAME");
        }
        if ((mode == NetworkMode.NAT || mode == NetworkMode.ROUTE) && subnet == null) {
            throw new IllegalArgumentException("network " + name + ": mode " + mode.configName() + " needs a subnet");
        }
        if (mode == NetworkMode.HOST_ONLY && uplink != null) {
            throw new IllegalArgumentException("network " + name + ": a host-only network has no uplink");
        }
        if ((mode == NetworkMode.BRIDGE || mode == NetworkMode.ISOLATED) && uplink != null && !uplink.startsWith("tap:")) {
            throw new IllegalArgumentException("network " + name + ": a " + mode.configName()
                    + " network switches Ethernet frames, so its uplink must be a tap:, not " + uplink);
        }
        if (ageing.isNegative() || ageing.isZero() || portQueue < 1 || macTableSize < 1) {
            throw new IllegalArgumentException("network " + name + ": ageing, port-queue and mac-table-size must be positive");
        }
        if (gateway == null) {
            gateway = GatewaySpec.DEFAULTS;
        }
        try {
            gateway.check(mode, subnet, uplink);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network " + name + ": " + e.getMessage(), e);
        }
    }

    /** A network with {@link GatewaySpec#DEFAULTS}. */
    public NetworkSpec(String name, NetworkMode mode, String subnet, String uplink, Duration ageing, int portQueue,
            int macTableSize) {
        this(name, mode, subnet, uplink, ageing, portQueue, macTableSize, GatewaySpec.DEFAULTS);
    }

    /** Whether Domain-0 runs a gateway (DHCP, NAT for a nat network, routing for a route network) on this network. */
    public boolean hasGateway() {
        return GatewaySpec.serves(mode, subnet);
    }

    /**
     * The networks {@code xenon} declares.
     *
     * @throws IllegalArgumentException naming the key that is wrong
     */
    public static List<NetworkSpec> all(Config xenon) {
        Config defaults = xenon.getConfig("network-defaults");
        List<NetworkSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try {
            for (Config c : xenon.getConfigList("networks")) {
                Config n = c.withFallback(defaults);
                NetworkSpec spec = new NetworkSpec(n.getString("name"), NetworkMode.parse(n.getString("mode")),
                        n.hasPath("subnet") ? n.getString("subnet") : null,
                        n.hasPath("uplink") ? n.getString("uplink") : null,
                        n.getDuration("ageing"), n.getInt("port-queue"), n.getInt("mac-table-size"),
                        gateway(n));
                if (!names.add(spec.name())) {
                    throw new IllegalArgumentException("network " + spec.name() + " is declared twice");
                }
                specs.add(spec);
            }
        } catch (ConfigException e) {
            throw new IllegalArgumentException("xenon.networks: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("xenon.networks: " + e.getMessage(), e);
        }
        return specs;
    }

    private static GatewaySpec gateway(Config n) {
        try {
            return GatewaySpec.from(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network " + n.getString("name") + ": " + e.getMessage(), e);
        }
    }

    private static boolean validCidr(String s) {
        var m = CIDR.matcher(s);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return Integer.parseInt(m.group(5)) <= 30;
    }
}
