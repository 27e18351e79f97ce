package io.xenon.network.gateway;

import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.Decoded;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.tap.DeviceKind;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway's interface on its uplink, as NAT and routing share it: a TUN carries IPv4 packets
 * as they are; on a TAP the gateway has its own MAC, answers ARP for its uplink address, and
 * resolves the next hop of what it sends (the destination on the uplink's subnet, else
 * {@code uplink-gateway}), holding a few packets per hop until the answer comes.
 *
 * <p>UNTRUSTED: what the uplink gives. Malformed input is counted by its reason and dropped.
 *
 * <p>Confined to its gateway's stream.
 */
final class Outside {

    /** Packets held per next hop while its MAC is resolved, and next hops resolved at once. */
    private static final int PENDING_PER_HOP = 16;
    private static final int PENDING_HOPS = 64;
    private static final long ARP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int NEIGHBOURS = 256;

    private record Pending(long since, ArrayDeque<byte[]> packets) {
    }

    private final Ipv4Address address;
    private final Cidr subnet;
    private final Ipv4Address nextHop;
    private final DeviceKind kind;
    private final MacAddress mac;
    private final GatewayMetrics metrics;
    private final Consumer<byte[]> toUplink;
    private final Map<Ipv4Address, MacAddress> neighbours = GatewayCore.lru(NEIGHBOURS);
    private final Map<Ipv4Address, Pending> pending = new HashMap<>();

    /**
     * @param mac      the gateway's MAC on a TAP uplink
     * @param toUplink takes packets (TUN) or frames (TAP) for the uplink
     */
    Outside(GatewaySpec spec, DeviceKind kind, MacAddress mac, GatewayMetrics metrics, Consumer<byte[]> toUplink) {
        this.address = spec.uplinkAddress();
        this.subnet = spec.uplinkSubnet();
        this.nextHop = spec.uplinkGateway();
        this.kind = kind;
        this.mac = mac;
        this.metrics = metrics;
        this.toUplink = toUplink;
    }

    /** The gateway's address on the uplink. */
    Ipv4Address address() {
        return address;
    }

    /**
     * The IPv4 packet in one frame (TAP) or packet (TUN) read from the uplink; null for anything
     * else, which is answered here (ARP), ignored, or dropped and counted.
     */
    Ipv4Packet receive(byte[] bytes, long now) {
        Decoded<Ipv4Packet> decoded;
        if (kind == DeviceKind.TAP) {
            EthernetFrame e = GatewayCore.ok(EthernetFrame.decode(bytes), metrics);
            if (e == null || e.vlan() != null || !(e.dst().equals(mac) || e.dst().isBroadcast())) {
                return null;
            }
            if (e.etherType() == EtherType.ARP) {
                arp(e);
                return null;
            }
            if (e.etherType() != EtherType.IPV4) {
                return null;
            }
            decoded = Ipv4Packet.decode(e.payload());
        } else {
            if (bytes.length == 0 || (bytes[0] & 0xf0) != 0x40) {
                metrics.dropped("not-ipv4");
                return null;
            }
            decoded = Ipv4Packet.decode(bytes, 0, bytes.length);
        }
        return GatewayCore.ok(decoded, metrics);
    }

    /** Sends {@code packet}, addressed to {@code dst}, out of the uplink. */
    void send(Ipv4Address dst, byte[] packet, long now) {
        if (kind == DeviceKind.TUN) {
            toUplink.accept(packet);
            return;
        }
        Ipv4Address hop = subnet.contains(dst) ? dst : nextHop;
        if (hop == null) {
            metrics.dropped("no-route");
            return;
        }
        MacAddress neighbour = neighbours.get(hop);
        if (neighbour != null) {
            toUplink.accept(EthernetFrame.of(neighbour, mac, EtherType.IPV4, packet).encode());
            return;
        }
        Pending waiting = pending.get(hop);
        if (waiting == null) {
            if (pending.size() >= PENDING_HOPS) {
                metrics.dropped("arp-unresolved");
                return;
            }
            waiting = new Pending(now, new ArrayDeque<>());
            pending.put(hop, waiting);
            toUplink.accept(EthernetFrame.of(MacAddress.BROADCAST, mac, EtherType.ARP,
                    ArpPacket.request(mac, address, hop).encode()).encodePadded());
        }
        if (waiting.packets().size() >= PENDING_PER_HOP) {
            metrics.dropped("arp-unresolved");
            return;
        }
        waiting.packets().add(packet);
    }

    private void arp(EthernetFrame e) {
        ArpPacket a = GatewayCore.ok(ArpPacket.decode(e.payload()), metrics);
        if (a == null || !a.senderMac().equals(e.src()) || !subnet.contains(a.senderIp())) {
            return;
        }
        neighbours.put(a.senderIp(), a.senderMac());
        Pending waiting = pending.remove(a.senderIp());
        if (waiting != null) {
            for (byte[] packet : waiting.packets()) {
                toUplink.accept(EthernetFrame.of(a.senderMac(), mac, EtherType.IPV4, packet).encode());
            }
        }
        if (a.operation() == ArpPacket.REQUEST && a.targetIp().equals(address)) {
            toUplink.accept(EthernetFrame.of(a.senderMac(), mac, EtherType.ARP, ArpPacket.replyTo(a, mac).encode())
                    .encodePadded());
        }
    }

    /** Drops packets whose next hop never answered. */
    void expire(long now) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending w = it.next();
            if (now - w.since() > ARP_WAIT_NANOS) {
                it.remove();
                for (int i = 0; i < w.packets().size(); i++) {
                    metrics.dropped("arp-unresolved");
                }
            }
        }
    }
}
