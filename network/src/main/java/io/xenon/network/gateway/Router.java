package io.xenon.network.gateway;

import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.ByteSlice;
import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Domain-0 as the router of a route network, what {@code vif-route} sets up: a host route
 * ({@code ip route add <ip>/32 dev vifX.Y}) per address of each vif, proxy ARP on the vifs, and
 * forwarding between the vifs and out of the uplink, with no translation. A packet for a vif
 * goes to the MAC its guest sent from (learned from its packets and ARP, asked for by ARP when
 * unknown), TTL one less; a packet from the uplink reaches a vif only through its /32.
 *
 * <p>UNTRUSTED: every packet. The route fabric lets a vif send only from its own addresses; the
 * router checks again ({@code spoofed-source}, {@code arp-spoofed}), and drops a packet from the
 * uplink that claims an address of the subnet. Destinations with no route are dropped ({@code no-route}) and answered with
 * ICMP net-unreachable; a packet whose TTL runs out is dropped ({@code ttl-expired}) and answered
 * with ICMP time-exceeded, as Linux does.
 *
 * <p>Confined to its gateway's stream.
 */
final class Router {

    /** Packets held per vif address while its MAC is asked for. */
    private static final int PENDING_PER_ADDRESS = 16;
    private static final long ARP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);

    private record Pending(long since, ArrayDeque<byte[]> packets) {
    }

    private final Cidr subnet;
    private final Ipv4Address address;
    private final MacAddress mac;
    private final Outside outside;
    private final GatewayMetrics metrics;
    private final Consumer<byte[]> toNetwork;
    private final Map<Ipv4Address, String> routes = new HashMap<>();
    private final Map<Ipv4Address, MacAddress> macs = new HashMap<>();
    private final Map<Ipv4Address, Pending> pending = new HashMap<>();
    private int identification;

    /**
     * @param address the gateway's address, the subnet's first host
     * @param mac     the gateway's MAC on the network
     * @param outside the uplink, or null for none
     */
    Router(Cidr subnet, Ipv4Address address, MacAddress mac, Outside outside, GatewayMetrics metrics,
            Consumer<byte[]> toNetwork) {
        this.subnet = subnet;
        this.address = address;
        this.mac = mac;
        this.outside = outside;
        this.metrics = metrics;
        this.toNetwork = toNetwork;
        metrics.routes(0);
    }

    /** {@code addresses} route to the vif {@code port}. */
    void routed(String port, List<Ipv4Address> addresses) {
        for (Ipv4Address a : addresses) {
            routes.put(a, port);
        }
        metrics.routes(routes.size());
    }

    /** {@code addresses} no longer route to the vif {@code port}. */
    void unrouted(String port, List<Ipv4Address> addresses) {
        for (Ipv4Address a : addresses) {
            if (routes.remove(a, port)) {
                macs.remove(a);
                Pending p = pending.remove(a);
                if (p != null) {
                    p.packets().forEach(x -> metrics.dropped("no-route"));
                }
            }
        }
        metrics.routes(routes.size());
    }

    int routes() {
        return routes.size();
    }

    /**
     * Whether a vif's packet {@code p}, in frame {@code e}, comes from an address routed to a vif;
     * if so its MAC is learned for that address, else it is counted.
     */
    boolean admits(EthernetFrame e, Ipv4Packet p) {
        if (!routes.containsKey(p.src())) {
            metrics.dropped("spoofed-source");
            return false;
        }
        macs.put(p.src(), e.src());
        return true;
    }

    /**
     * An ARP message from a vif: its sender is learned, and a request is answered with the
     * gateway's MAC for the gateway's address and for any address routed another way than the
     * asker's vif (proxy ARP); an address with no route gets no answer. An address probe (sender
     * 0.0.0.0) is answered only for the gateway's address, as Linux answers probes only for its own.
     */
    void arp(ArpPacket a) {
        Ipv4Address sender = a.senderIp();
        if (!sender.equals(Ipv4Address.ANY) && !routes.containsKey(sender)) {
            metrics.dropped("arp-spoofed");
            return;
        }
        if (routes.containsKey(sender)) {
            macs.put(sender, a.senderMac());
            Pending waiting = pending.remove(sender);
            if (waiting != null) {
                for (byte[] packet : waiting.packets()) {
                    toNetwork.accept(EthernetFrame.of(a.senderMac(), mac, EtherType.IPV4, packet).encode());
                    metrics.routed("guest");
                }
            }
        }
        Ipv4Address target = a.targetIp();
        if (a.operation() != ArpPacket.REQUEST || target.equals(Ipv4Address.ANY) || target.isMulticast()
                || target.isBroadcast() || target.isLoopback()) {
            return;
        }
        boolean answer = target.equals(address) || !sender.equals(Ipv4Address.ANY) && routedElsewhere(sender, target);
        if (answer) {
            toNetwork.accept(EthernetFrame.of(a.senderMac(), mac, EtherType.ARP, ArpPacket.replyTo(a, mac).encode())
                    .encodePadded());
        }
    }

    /**
     * Whether a packet from {@code sender} to {@code target} would leave by another way than the
     * sender's vif: to another vif's route, or out the uplink. Linux answers proxy ARP only then
     * ({@code arp_process}: a route to the target through a device other than the asking one).
     */
    private boolean routedElsewhere(Ipv4Address sender, Ipv4Address target) {
        String route = routes.get(target);
        if (route != null) {
            return !route.equals(routes.get(sender));
        }
        return outside != null && !subnet.contains(target) && !target.isLoopback();
    }

    /** A vif's packet {@code p} that {@link #admits} let in, for someone other than the gateway. */
    void fromGuest(Ipv4Packet p, long now) {
        Ipv4Address dst = p.dst();
        if (dst.isMulticast() || dst.isBroadcast()) {
            return;
        }
        if (routes.containsKey(dst)) {
            toGuest(p, now);
        } else if (outside != null && !subnet.contains(dst) && !dst.isLoopback() && !dst.equals(Ipv4Address.ANY)) {
            if (expired(p, false)) {
                return;
            }
            byte[] packet = Nat.copy(p);
            Nat.decrementTtl(packet);
            metrics.routed("uplink");
            outside.send(dst, packet, now);
        } else {
            metrics.dropped("no-route");
            icmpError(p, IcmpMessage.DEST_UNREACHABLE, 0, false, now);
        }
    }

    /** One frame (TAP) or packet (TUN) read from the uplink. */
    void fromUplink(byte[] bytes, long now) {
        if (outside == null) {
            return;
        }
        Ipv4Packet p = outside.receive(bytes, now);
        if (p == null) {
            return;
        }
        if (routes.containsKey(p.src()) || subnet.contains(p.src())) {
            metrics.dropped("spoofed-source");
        } else if (p.dst().equals(address) || p.dst().equals(outside.address())) {
            answerPing(p, now);
        } else if (routes.containsKey(p.dst())) {
            toGuest(p, now);
        } else {
            metrics.dropped("no-route");
        }
    }

    /** Drops packets whose vif never answered ARP. */
    void expire(long now) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending w = it.next();
            if (now - w.since() > ARP_WAIT_NANOS) {
                it.remove();
                w.packets().forEach(x -> metrics.dropped("arp-unresolved"));
            }
        }
    }

    private void toGuest(Ipv4Packet p, long now) {
        boolean fromUplink = !routes.containsKey(p.src());
        if (expired(p, fromUplink)) {
            return;
        }
        byte[] packet = Nat.copy(p);
        Nat.decrementTtl(packet);
        MacAddress guest = macs.get(p.dst());
        if (guest != null) {
            metrics.routed("guest");
            toNetwork.accept(EthernetFrame.of(guest, mac, EtherType.IPV4, packet).encode());
            return;
        }
        Pending waiting = pending.get(p.dst());
        if (waiting == null) {
            waiting = new Pending(now, new ArrayDeque<>());
            pending.put(p.dst(), waiting);
            toNetwork.accept(EthernetFrame.of(MacAddress.BROADCAST, mac, EtherType.ARP,
                    ArpPacket.request(mac, address, p.dst()).encode()).encodePadded());
        }
        if (waiting.packets().size() >= PENDING_PER_ADDRESS) {
            metrics.dropped("arp-unresolved");
            return;
        }
        waiting.packets().add(packet);
    }

    /** Whether {@code p}'s TTL ran out here (counted, and answered with time-exceeded). */
    private boolean expired(Ipv4Packet p, boolean fromUplink) {
        if (p.ttl() > 1) {
            return false;
        }
        metrics.dropped("ttl-expired");
        icmpError(p, IcmpMessage.TIME_EXCEEDED, 0, fromUplink, 0);
        return true;
    }

    /*
     * An ICMP error quotes the offending packet's IPv4 header and its first 8 payload bytes
     * (RFC 792), from the gateway's address on the side it came in.
     */
    private void icmpError(Ipv4Packet p, int type, int code, boolean fromUplink, long now) {
        if (p.fragmentOffset() != 0) {
            return; // only about a first fragment, which holds the transport header
        }
        if (p.protocol() == IpProtocol.ICMP) {
            IcmpMessage m = IcmpMessage.decode(p.payload()).orNull();
            if (m == null || !m.isEcho()) {
                return; // never an error about an error (RFC 1122 3.2.2)
            }
        }
        byte[] original = Nat.copy(p);
        int quoted = Math.min(original.length, p.headerLength() + 8);
        Ipv4Address from = fromUplink ? outside.address() : address;
        byte[] ip = Ipv4Packet.of(IpProtocol.ICMP, from, p.src(), nextId(),
                new IcmpMessage(type, code, 0, new ByteSlice(original, 0, quoted)).encode()).encode();
        if (fromUplink) {
            outside.send(p.src(), ip, now);
        } else {
            MacAddress guest = macs.get(p.src());
            if (guest != null) {
                toNetwork.accept(EthernetFrame.of(guest, mac, EtherType.IPV4, ip).encode());
            }
        }
    }

    private void answerPing(Ipv4Packet p, long now) {
        IcmpMessage m = IcmpMessage.decode(p.payload()).orNull();
        if (p.protocol() != IpProtocol.ICMP || m == null || m.type() != IcmpMessage.ECHO_REQUEST || m.code() != 0
                || p.isFragment()) {
            metrics.dropped("not-served");
            return;
        }
        outside.send(p.src(), Ipv4Packet.of(IpProtocol.ICMP, p.dst(), p.src(), nextId(),
                IcmpMessage.echoReplyTo(m).encode()).encode(), now);
    }

    private int nextId() {
        identification = (identification + 1) & 0xffff;
        return identification;
    }
}
