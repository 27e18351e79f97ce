package io.xenon.network.gateway;

import io.xenon.network.packet.IpProtocol;
import java.util.Locale;

/**
 * One port forward of a nat network ({@code forwards = [ { proto = udp, port = 7007, domain = "web",
 * to-port = 7 } ]}): what arrives at the uplink's address on {@code port} goes to {@code toPort}
 * of the guest called {@code domain}, as a DNAT rule Domain-0's firewall would hold.
 *
 * @param protocol {@link IpProtocol#UDP} or {@link IpProtocol#TCP}
 * @param port     the port on the uplink's address, 1 to 65535
 * @param domain   the guest's domain name: a static registration, else its DHCP hostname
 * @param toPort   the port on the guest, 1 to 65535
 */
public record PortForward(int protocol, int port, String domain, int toPort) {

    /**
     * @throws IllegalArgumentException naming what is wrong
     */
    public PortForward {
        if (protocol != IpProtocol.UDP && protocol != IpProtocol.TCP) {
            throw new IllegalArgumentException("a forward's proto is udp or tcp, not protocol " + protocol);
        }
        if (port < 1 || port > 0xffff || toPort < 1 || toPort > 0xffff) {
            throw new IllegalArgumentException("a forward's port and to-port are 1 to 65535: " + port + ", " + toPort);
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("a forward needs the domain it goes to");
        }
    }

    /** {@code udp} or {@code tcp}, as the configuration says it. */
    public static int protocol(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "udp" -> IpProtocol.UDP;
            case "tcp" -> IpProtocol.TCP;
            default -> throw new IllegalArgumentException("a forward's proto is udp or tcp, not '" + name + "'");
        };
    }

    /** {@code udp} or {@code tcp}. */
    public String protocolName() {
        return protocol == IpProtocol.UDP ? "udp" : "tcp";
    }
}
