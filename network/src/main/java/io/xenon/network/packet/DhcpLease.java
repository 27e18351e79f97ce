package io.xenon.network.packet;

import java.util.List;
import java.util.Objects;

/**
 * What a DHCP server offers with an address (RFC 2132 options 54, 51, 1, 3 and 6): its own
 * identifier, the lease time, the subnet mask, the router and the name servers. {@code router}
 * is {@code null} on a host-only network with no gateway.
 */
public record DhcpLease(Ipv4Address serverId, int leaseSeconds, Ipv4Address subnetMask, Ipv4Address router,
        List<Ipv4Address> dns) {

    public DhcpLease {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(subnetMask, "subnetMask");
        dns = List.copyOf(dns);
    }

    /** The lease options after the message type, in the order dnsmasq sends them. */
    void addTo(DhcpOptions.Builder options) {
        options.serverId(serverId).leaseTime(leaseSeconds).subnetMask(subnetMask)
                .routers(router == null ? List.of() : List.of(router)).dns(dns);
    }
}
