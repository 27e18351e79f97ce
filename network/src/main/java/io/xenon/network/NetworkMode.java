package io.xenon.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a network joins its ports, as a Xen host is set up with {@code vif-bridge},
 * {@code vif-nat} or {@code vif-route}, plus the host-only and isolated networks of other
 * virtualization products.
 */
public enum NetworkMode {

    /** A learning switch among the vifs and the uplink, as a Linux bridge ({@code vif-bridge}). */
    BRIDGE("bridge"),
    /** Domain-0 is the gateway: DHCP, and guests' traffic source-translated to the uplink ({@code vif-nat}). */
    NAT("nat"),
    /** Domain-0 routes a /32 per vif and answers ARP for it ({@code vif-route}). */
    ROUTE("route"),
    /** A switch among the guests and the host's side, with no uplink. */
    HOST_ONLY("host-only"),
    /** Each vif reaches the host's side only; guests cannot see each other. */
    ISOLATED("isolated");

    private final String configName;

    NetworkMode(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code application.conf}. */
    public String configName() {
        return configName;
    }

    /**
     * The mode called {@code name} in the configuration.
     *
     * @throws IllegalArgumentException naming the modes there are
     */
    public static NetworkMode parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown network mode '" + name + "' (one of "
                        + Arrays.stream(values()).map(NetworkMode::configName).collect(Collectors.joining(", ")) + ")"));
    }
}
