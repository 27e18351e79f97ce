package io.xenon.network.gateway;

import io.xenon.network.NetworkMode;
import io.xenon.network.NetworkSpec;
import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.Decoded;
import io.xenon.network.packet.DhcpMessage;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;
import io.xenon.network.tap.DeviceKind;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Domain-0's gateway does with each frame, without streams: on the network's side it
 * answers ARP for its address and ICMP echo to it, serves DHCP ({@link DhcpServer}), and hands
 * guests' traffic for other subnets to the {@link Nat} of a nat network; on the uplink's side it
 * hands everything to the {@link Nat}. On a route network the {@link Router} takes ARP and the
 * vifs' traffic instead, and what comes from the uplink; no DHCP is served there.
 *
 * <p>UNTRUSTED: every frame. Malformed input is counted by its {@link io.xenon.network.packet.Malformed}
 * reason and dropped; a guest whose frames claim an address DHCP bound to another MAC is dropped
 * ({@code spoofed-source}). Nothing here throws into the stream: a fault costs the frame and a
 * count ({@code gateway-error}).
 *
 * <p>Only untagged frames are served: a guest on a VLAN is not on the gateway's subnet.
 *
 * <p>Confined to its gateway's stream.
 */
final class GatewayCore implements Nat.Guests {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayCore.class);

    /** Guests' addresses remembered at most. */
    private static final int GUESTS = 4096;

    private final String network;
    private final Cidr subnet;
    private final Ipv4Address address;
    private final MacAddress mac;
    private final GatewayMetrics metrics;
    private final DhcpServer dhcp;
    private final Nat nat;
    private final Router router;
    private final Consumer<byte[]> toNetwork;
    private final Map<Ipv4Address, MacAddress> guests = lru(GUESTS);
    private final Map<String, MacAddress> registered = new HashMap<>();
    private int identification;

    /**
     * @param uplink   the kind of the nat or route network's uplink, or null for none
     * @param toUplink takes packets (TUN) or frames (TAP) for the uplink
     */
    GatewayCore(NetworkSpec spec, GatewayMetrics metrics, DeviceKind uplink, Consumer<byte[]> toNetwork,
            Consumer<byte[]> toUplink) {
        GatewaySpec g = spec.gateway();
        this.network = spec.name();
        this.subnet = Cidr.parse(spec.subnet());
        this.address = subnet.host(1);
        this.mac = mac(spec.name(), 0x58);
        this.metrics = metrics;
        this.toNetwork = toNetwork;
        boolean natMode = spec.mode() == NetworkMode.NAT;
        this.dhcp = new DhcpServer(subnet, address, g.poolFirst(subnet), g.poolLast(subnet),
                (int) g.dhcpLease().toSeconds(), natMode ? address : null, metrics);
        this.nat = natMode && uplink != null && g.uplinkAddress() != null
                ? new Nat(g, new Outside(g, uplink, mac(spec.name(), 0x59), metrics, toUplink), mac, this, metrics,
                        toNetwork)
                : null;
        this.router = spec.mode() == NetworkMode.ROUTE
                ? new Router(subnet, address, mac, uplink != null && g.uplinkAddress() != null
                        ? new Outside(g, uplink, mac(spec.name(), 0x59), metrics, toUplink) : null,
                        metrics, toNetwork)
                : null;
        metrics.leases(0);
        metrics.sessions(0);
    }

    /**
     * The gateway's locally administered unicast MAC on network {@code name}: {@code 02:<tag>:}
     * and the CRC-32 of the name, so it stays the same across restarts.
     */
    static MacAddress mac(String name, int tag) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return new MacAddress(0x02L << 40 | (long) tag << 32 | crc.getValue());
    }

    Ipv4Address address() {
        return address;
    }

    MacAddress mac() {
        return mac;
    }

    /** A frame the network gave the gateway. */
    void fromNetwork(byte[] frame, long now) {
        try {
            EthernetFrame e = ok(EthernetFrame.decode(frame), metrics);
            if (e == null || e.vlan() != null || !(e.dst().equals(mac) || e.dst().isBroadcast())) {
                return;
            }
            if (e.src().isMulticast()) {
                metrics.dropped("group-source");
            } else if (e.etherType() == EtherType.ARP) {
                arp(e);
            } else if (e.etherType() == EtherType.IPV4) {
                ipv4(e, now);
            }
        } catch (RuntimeException ex) {
            metrics.dropped("gateway-error");
            LOG.warn("network {}: gateway dropped a frame from the network", network, ex);
        }
    }

    /** A frame (TAP) or packet (TUN) the uplink gave the gateway. */
    void fromUplink(byte[] bytes, long now) {
        try {
            if (nat != null) {
                nat.inbound(bytes, now);
            } else if (router != null) {
                router.fromUplink(bytes, now);
            }
        } catch (RuntimeException ex) {
            metrics.dropped("gateway-error");
            LOG.warn("network {}: gateway dropped a packet from the uplink", network, ex);
        }
    }

    /** Names the guest at {@code guestMac} {@code domain} for port forwards, ahead of any DHCP hostname. */
    void register(String domain, MacAddress guestMac) {
        registered.put(domain.toLowerCase(Locale.ROOT), guestMac);
    }

    /** Once a second: leases, sessions and unresolved packets that ran out go. */
    void tick(long now) {
        dhcp.expire(now);
        if (nat != null) {
            nat.expire(now);
        }
        if (router != null) {
            router.expire(now);
        }
    }

    /** On a route network: {@code addresses} now route to the vif {@code port}. */
    void routed(String port, List<Ipv4Address> addresses) {
        if (router != null) {
            router.routed(port, addresses);
        }
    }

    /** On a route network: {@code addresses} no longer route to the vif {@code port}. */
    void unrouted(String port, List<Ipv4Address> addresses) {
        if (router != null) {
            router.unrouted(port, addresses);
        }
    }

    private void arp(EthernetFrame e) {
        ArpPacket a = ok(ArpPacket.decode(e.payload()), metrics);
        if (a == null) {
            return;
        }
        if (!a.senderMac().equals(e.src())) {
            metrics.dropped("arp-spoofed");
            return;
        }
        if (router != null) {
            router.arp(a);
            return;
        }
        learn(a.senderIp(), a.senderMac());
        if (a.operation() == ArpPacket.REQUEST && a.targetIp().equals(address)) {
            toNetwork.accept(EthernetFrame.of(a.senderMac(), mac, EtherType.ARP, ArpPacket.replyTo(a, mac).encode())
                    .encodePadded());
        }
    }

    private void ipv4(EthernetFrame e, long now) {
        Ipv4Packet p = ok(Ipv4Packet.decode(e.payload()), metrics);
        if (p == null) {
            return;
        }
        if (router != null) {
            fromVif(e, p, now);
            return;
        }
        MacAddress holder = dhcp.macOf(p.src());
        if (holder != null && !holder.equals(e.src())) {
            metrics.dropped("spoofed-source");
            return;
        }
        learn(p.src(), e.src());
        Ipv4Address dst = p.dst();
        if (p.protocol() == IpProtocol.UDP && (dst.equals(address) || dst.isBroadcast())) {
            udpToGateway(e, p, now);
        } else if (dst.equals(address)) {
            if (p.protocol() == IpProtocol.ICMP) {
                echo(e, p);
            } else {
                metrics.dropped("not-served");
            }
        } else if (e.dst().equals(mac) && !subnet.contains(dst) && !dst.isMulticast() && !dst.isBroadcast()) {
            if (nat == null) {
                metrics.dropped("no-route");
            } else if (!subnet.contains(p.src()) || p.src().equals(address)) {
                metrics.dropped("spoofed-source");
            } else {
                nat.outbound(p, now);
            }
        }
    }

    /** A vif's packet on a route network: to the gateway itself (ping), else routed. */
    private void fromVif(EthernetFrame e, Ipv4Packet p, long now) {
        if (!router.admits(e, p)) {
            return;
        }
        if (p.dst().equals(address)) {
            if (p.protocol() == IpProtocol.ICMP) {
                echo(e, p);
            } else {
                metrics.dropped("not-served");
            }
        } else if (e.dst().equals(mac)) {
            router.fromGuest(p, now);
        }
    }

    private void udpToGateway(EthernetFrame e, Ipv4Packet p, long now) {
        UdpDatagram u = ok(UdpDatagram.decode(p), metrics);
        if (u == null) {
            return;
        }
        if (u.dstPort() != DhcpMessage.SERVER_PORT) {
            if (p.dst().equals(address)) {
                metrics.dropped("not-served");
            }
            return;
        }
        DhcpMessage m = ok(DhcpMessage.decode(u), metrics);
        if (m == null) {
            return;
        }
        DhcpServer.Reply r = dhcp.handle(m, e.src(), now);
        if (r != null) {
            byte[] ip = r.message().toUdp().toIpv4(address, r.dstIp(), nextId()).encode();
            toNetwork.accept(EthernetFrame.of(r.dstMac(), mac, EtherType.IPV4, ip).encode());
        }
    }

    private void echo(EthernetFrame e, Ipv4Packet p) {
        IcmpMessage m = ok(IcmpMessage.decode(p.payload()), metrics);
        if (m == null) {
            return;
        }
        if (m.type() != IcmpMessage.ECHO_REQUEST || m.code() != 0 || p.isFragment()) {
            metrics.dropped("not-served");
            return;
        }
        byte[] ip = Ipv4Packet.of(IpProtocol.ICMP, address, p.src(), nextId(), IcmpMessage.echoReplyTo(m).encode())
                .encode();
        toNetwork.accept(EthernetFrame.of(e.src(), mac, EtherType.IPV4, ip).encode());
    }

    private void learn(Ipv4Address ip, MacAddress from) {
        if (subnet.contains(ip) && !ip.equals(address) && !ip.equals(subnet.network())
                && !ip.equals(subnet.broadcast())) {
            guests.put(ip, from);
        }
    }

    @Override
    public MacAddress macOf(Ipv4Address ip) {
        MacAddress bound = dhcp.macOf(ip);
        return bound != null ? bound : guests.get(ip);
    }

    @Override
    public Ipv4Address addressOf(String domain) {
        MacAddress m = registered.get(domain.toLowerCase(Locale.ROOT));
        if (m != null) {
            Ipv4Address a = dhcp.addressOf(m);
            if (a != null) {
                return a;
            }
            for (Map.Entry<Ipv4Address, MacAddress> g : guests.entrySet()) {
                if (g.getValue().equals(m)) {
                    return g.getKey();
                }
            }
            return null;
        }
        DhcpServer.Lease l = dhcp.byHostname(domain);
        return l == null ? null : l.ip;
    }

    private int nextId() {
        identification = (identification + 1) & 0xffff;
        return identification;
    }

    /** The value of {@code d}, or null after counting why it was dropped. */
    static <T> T ok(Decoded<T> d, GatewayMetrics metrics) {
        T v = d.orNull();
        if (v == null) {
            metrics.malformed(d.reasonOrNull());
        }
        return v;
    }

    /** A map of at most {@code capacity} entries that forgets the least recently used. */
    static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
