package io.xenon.network.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.xenon.network.Frames;
import io.xenon.network.Network;
import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.DhcpMessage;
import io.xenon.network.packet.DhcpMessageType;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;
import io.xenon.network.port.PortHandle;
import io.xenon.network.port.PortRole;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A fake guest on a network: a vif endpoint that builds and reads frames with the codecs. */
final class Guest {

    static final long WAIT_MILLIS = 5000;

    final MacAddress mac;
    final Frames.Sink vif;
    final PortHandle port;
    Ipv4Address ip;
    DhcpMessage ack;
    private int xid = 0x1000;

    Guest(Network network, String name, int nic) throws Exception {
        this.mac = MacAddress.xen(nic);
        this.vif = new Frames.Sink(name, PortRole.GUEST);
        this.port = network.attach(vif).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A guest whose vif's {@code ip=} key gives {@code addresses}; it sends from the first. */
    Guest(Network network, String name, int nic, Ipv4Address... addresses) throws Exception {
        this.mac = MacAddress.xen(nic);
        this.vif = new Frames.Sink(name, List.of(addresses));
        this.port = network.attach(vif).toCompletableFuture().get(5, TimeUnit.SECONDS);
        this.ip = addresses.length == 0 ? null : addresses[0];
    }

    void send(MacAddress dst, int type, byte[] payload) {
        port.send(EthernetFrame.of(dst, mac, type, payload).encode());
    }

    /** Sends {@code ip} in a frame to {@code dst}. */
    void sendIp(MacAddress dst, Ipv4Packet ip) {
        send(dst, EtherType.IPV4, ip.encode());
    }

    void sendUdp(MacAddress gatewayMac, Ipv4Address to, int srcPort, int dstPort, byte[] data) {
        sendIp(gatewayMac, UdpDatagram.of(srcPort, dstPort, data).toIpv4(ip, to, 7));
    }

    /** The next frame this guest receives that {@code wanted} accepts, others skipped; null on timeout. */
    EthernetFrame await(Predicate<EthernetFrame> wanted) throws InterruptedException {
        return await(wanted, WAIT_MILLIS);
    }

    /** Whether no frame {@code unwanted} accepts comes within a second. */
    boolean getsNone(Predicate<EthernetFrame> unwanted) throws InterruptedException {
        return await(unwanted, 1000) == null;
    }

    private EthernetFrame await(Predicate<EthernetFrame> wanted, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            byte[] f = vif.got.poll(50, TimeUnit.MILLISECONDS);
            if (f != null) {
                EthernetFrame e = EthernetFrame.decode(f).orNull();
                if (e != null && wanted.test(e)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The next IPv4 packet of {@code protocol} to this guest, checksum verified by decoding; null on timeout. */
    Ipv4Packet awaitIp(int protocol) throws InterruptedException {
        EthernetFrame e = await(f -> f.etherType() == EtherType.IPV4 && f.dst().equals(mac)
                && Ipv4Packet.decode(f.payload()).isOk()
                && Ipv4Packet.decode(f.payload()).orNull().protocol() == protocol);
        return e == null ? null : Ipv4Packet.decode(e.payload()).orNull();
    }

    /** The next DHCP reply to this guest's MAC; null on timeout. */
    DhcpMessage awaitDhcp() throws InterruptedException {
        EthernetFrame e = await(f -> dhcp(f) != null);
        return e == null ? null : dhcp(e);
    }

    private DhcpMessage dhcp(EthernetFrame f) {
        if (f.etherType() != EtherType.IPV4) {
            return null;
        }
        Ipv4Packet p = Ipv4Packet.decode(f.payload()).orNull();
        if (p == null || p.protocol() != IpProtocol.UDP) {
            return null;
        }
        UdpDatagram u = UdpDatagram.decode(p).orNull();
        if (u == null || u.dstPort() != DhcpMessage.CLIENT_PORT) {
            return null;
        }
        DhcpMessage m = DhcpMessage.decode(u).orNull();
        return m != null && m.chaddr().equals(mac) ? m : null;
    }

    /** Broadcasts {@code m} from 0.0.0.0:68. */
    void sendDhcp(DhcpMessage m) {
        sendIp(MacAddress.BROADCAST, m.toUdp().toIpv4(Ipv4Address.ANY, Ipv4Address.BROADCAST, 1));
    }

    /** DISCOVER, OFFER, REQUEST, ACK; asserts each step and keeps the address. */
    Ipv4Address dhcp(String hostname) throws InterruptedException {
        int id = ++xid;
        sendDhcp(DhcpMessage.discover(id, mac, hostname));
        DhcpMessage offer = awaitDhcp();
        assertNotNull(offer, "an OFFER comes");
        assertEquals(DhcpMessageType.OFFER, offer.type());
        sendDhcp(DhcpMessage.request(id, mac, offer.yiaddr(), offer.options().serverId().orElseThrow(), hostname));
        ack = awaitDhcp();
        assertNotNull(ack, "an ACK comes");
        assertEquals(DhcpMessageType.ACK, ack.type());
        ip = ack.yiaddr();
        return ip;
    }

    /** Asks who has {@code target} and answers the MAC the reply gives, or null. */
    MacAddress arp(Ipv4Address target) throws InterruptedException {
        send(MacAddress.BROADCAST, EtherType.ARP, ArpPacket.request(mac, ip == null ? Ipv4Address.ANY : ip, target).encode());
        EthernetFrame e = await(f -> f.etherType() == EtherType.ARP && ArpPacket.decode(f.payload()).isOk()
                && ArpPacket.decode(f.payload()).orNull().operation() == ArpPacket.REPLY);
        return e == null ? null : ArpPacket.decode(e.payload()).orNull().senderMac();
    }

    /** Pings {@code target} at {@code dstMac}; answers the decoded reply or null. */
    IcmpMessage ping(MacAddress dstMac, Ipv4Address target, int id, int seq) throws InterruptedException {
        sendIp(dstMac, Ipv4Packet.of(IpProtocol.ICMP, ip, target, 9,
                IcmpMessage.echoRequest(id, seq, "xenon".getBytes()).encode()));
        Ipv4Packet p = awaitIp(IpProtocol.ICMP);
        return p == null ? null : IcmpMessage.decode(p.payload()).orNull();
    }
}
