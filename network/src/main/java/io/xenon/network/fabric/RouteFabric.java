package io.xenon.network.fabric;

import io.xenon.network.NetworkMetrics;
import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.EthernetPeek;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.port.Port;
import io.xenon.network.port.PortRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fabric of a route network, the vifs' side of {@code vif-route}: each vif is its own link to
 * Domain-0, so a guest's frames reach only the host-side ports (the gateway, which routes), and a
 * frame from the host side reaches the one vif whose addresses hold its IPv4 destination or ARP
 * target. A vif's addresses are its endpoint's {@link io.xenon.network.port.Endpoint#addresses()}
 * (its {@code ip=} key); each {@link RouteListener} on the host side is told them as the vif comes
 * and goes.
 *
 * <p>UNTRUSTED: every frame from a vif. As {@code vif-route}'s iptables rules accept from a vif
 * only packets from its addresses, an IPv4 packet from any other source is dropped and counted at
 * the vif's port ({@code spoofed-source}), as is an ARP message from any other sender address
 * ({@code arp-spoofed}; 0.0.0.0, an address probe, is let through). Other EtherTypes are dropped
 * ({@code not-ip}), tagged frames too. A frame towards a MAC learned on another vif is dropped and
 * counted at that vif's port ({@code isolated}): guests never meet at L2.
 *
 * <p>An address is routed to one vif only: a second vif claiming it, or claiming the subnet's
 * network, gateway or broadcast address or a non-unicast one, does not get it (logged, counted
 * {@code address-refused}).
 *
 * <p>Confined to its network's stream.
 */
public final class RouteFabric implements Fabric {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFabric.class);

    /*
     * Offsets in an untagged frame:
     *   14 IPv4 header: 26 u32 source  30 u32 destination (34 bytes at least)
     *   14 ARP: 28 u32 sender protocol address  38 u32 target protocol address (42 bytes at least)
     */
    private static final int IPV4_SRC = 26;
    private static final int IPV4_DST = 30;
    private static final int IPV4_MIN = 34;
    private static final int ARP_SENDER = 28;
    private static final int ARP_TARGET = 38;
    private static final int ARP_MIN = EthernetFrame.HEADER + 28;

    private final String network;
    private final NetworkMetrics metrics;
    private final Cidr subnet;
    private final MacTable table;
    private final List<Port> hosts = new ArrayList<>();
    private final Map<Port, List<Ipv4Address>> guests = new LinkedHashMap<>();
    private final Map<Ipv4Address, Port> owners = new HashMap<>();

    /**
     * @param subnet      the network's subnet, whose first host is the gateway
     * @param ageingNanos how long a guest's MAC stays learned (for counting frames between guests)
     * @param capacity    MACs learned at most
     */
    public RouteFabric(String network, NetworkMetrics metrics, Cidr subnet, long ageingNanos, int capacity) {
        this.network = network;
        this.metrics = metrics;
        this.subnet = subnet;
        this.table = new MacTable(ageingNanos, capacity, metrics);
    }

    @Override
    public void attached(Port port) {
        if (port.role() == PortRole.HOST) {
            hosts.add(port);
            if (port.endpoint() instanceof RouteListener l) {
                guests.forEach((p, addresses) -> tell(l, p, addresses, true));
            }
            return;
        }
        List<Ipv4Address> granted = new ArrayList<>();
        for (Ipv4Address a : port.endpoint().addresses()) {
            if (owners.containsKey(a) || !routable(a)) {
                metrics.dropped("address-refused");
                LOG.warn("network {}: {} is not routed to {}: {}", network, a, port.name(),
                        owners.containsKey(a) ? "routed to " + owners.get(a).name() : "not a guest's address");
            } else {
                owners.put(a, port);
                granted.add(a);
            }
        }
        guests.put(port, List.copyOf(granted));
        listeners(port, granted, true);
    }

    @Override
    public void detached(Port port) {
        if (port.role() == PortRole.HOST) {
            hosts.remove(port);
            return;
        }
        List<Ipv4Address> gone = guests.remove(port);
        if (gone != null) {
            gone.forEach(owners::remove);
            listeners(port, gone, false);
        }
        table.forget(port);
    }

    @Override
    public void forward(Port from, byte[] frame, long now) {
        int type = EthernetPeek.etherType(frame, 0, frame.length);
        if (type < 0) {
            from.metrics().dropped("runt");
        } else if (EthernetPeek.tagged(frame, 0, frame.length)) {
            from.metrics().dropped(from.role() == PortRole.GUEST ? "tagged-from-guest" : "tagged");
        } else if (from.role() == PortRole.GUEST) {
            fromGuest(from, type, frame, now);
        } else {
            fromHost(from, type, frame);
        }
    }

    private void fromGuest(Port from, int type, byte[] frame, long now) {
        // UNTRUSTED: every byte is the guest's.
        long src = EthernetPeek.src(frame, 0, frame.length);
        if (MacAddress.isMulticast(src)) {
            from.metrics().dropped("group-source");
            return;
        }
        List<Ipv4Address> own = guests.getOrDefault(from, List.of());
        if (type == EtherType.IPV4) {
            if (frame.length < IPV4_MIN) {
                from.metrics().dropped("runt");
                return;
            }
            if (!own.contains(Ipv4Address.read(frame, IPV4_SRC))) {
                from.metrics().dropped("spoofed-source");
                return;
            }
        } else if (type == EtherType.ARP) {
            if (frame.length < ARP_MIN) {
                from.metrics().dropped("runt");
                return;
            }
            Ipv4Address sender = Ipv4Address.read(frame, ARP_SENDER);
            if (!sender.equals(Ipv4Address.ANY) && !own.contains(sender)) {
                from.metrics().dropped("arp-spoofed");
                return;
            }
        } else {
            from.metrics().dropped("not-ip");
            return;
        }
        if (!table.learn(0, src, from, now)) {
            metrics.dropped("mac-table-full");
        }
        long dst = EthernetPeek.dst(frame, 0, frame.length);
        Port other = MacAddress.isMulticast(dst) ? null : table.lookup(0, dst, now);
        if (other != null && other != from) {
            other.metrics().dropped("isolated");
            return;
        }
        metrics.forwarded();
        for (Port h : hosts) {
            h.output(frame);
        }
    }

    private void fromHost(Port from, int type, byte[] frame) {
        Port to = null;
        if (type == EtherType.IPV4 && frame.length >= IPV4_MIN) {
            to = owners.get(Ipv4Address.read(frame, IPV4_DST));
        } else if (type == EtherType.ARP && frame.length >= ARP_MIN) {
            to = owners.get(Ipv4Address.read(frame, ARP_TARGET));
        }
        if (to == null) {
            from.metrics().dropped("no-route");
        } else {
            metrics.forwarded();
            to.output(frame);
        }
    }

    private boolean routable(Ipv4Address a) {
        return !a.equals(Ipv4Address.ANY) && !a.isBroadcast() && !a.isMulticast() && !a.isLoopback()
                && !a.equals(subnet.network()) && !a.equals(subnet.broadcast()) && !a.equals(subnet.host(1));
    }

    private void listeners(Port guest, List<Ipv4Address> addresses, boolean routed) {
        for (Port h : hosts) {
            if (h.endpoint() instanceof RouteListener l) {
                tell(l, guest, addresses, routed);
            }
        }
    }

    private static void tell(RouteListener l, Port guest, List<Ipv4Address> addresses, boolean routed) {
        if (addresses.isEmpty()) {
            return;
        }
        if (routed) {
            l.routed(guest.name(), addresses);
        } else {
            l.unrouted(guest.name(), addresses);
        }
    }
}
