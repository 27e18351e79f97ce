package io.xenon.guests.net;

import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.Decoded;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One interface's IPv4 stack, after Linux's {@code net/ipv4} in miniature: it receives Ethernet
 * frames from its {@link Link}, answers ARP for its address through its {@link ArpCache},
 * answers ICMP echo requests, hands echo replies to a listener and UDP datagrams to the
 * {@link UdpSocket} bound to their port; it sends IPv4 packets to a host on its subnet directly
 * and to any other through its gateway.
 *
 * <p>UNTRUSTED: every frame is the peer's. {@link #receive} decodes with the network module's
 * codecs, drops what does not decode and counts it in {@link Stats#malformed}; it never throws.
 * Fragments are counted as malformed too: nothing here reassembles.
 *
 * <p>XEN-DIFF: none of Xen's; against Linux, a datagram to a closed port is counted, not
 * answered with ICMP port unreachable, and there is no IP forwarding.
 *
 * <p>Confined to the guest's vCPU 0.
 */
public final class IpStack {

    /** What a ping hears: an echo reply from {@code from} with the TTL it arrived with. */
    @FunctionalInterface
    public interface EchoListener {
        void reply(Ipv4Address from, int ttl, IcmpMessage reply);
    }

    /**
     * The stack's counters, as {@code netstat -s} shows Linux's: frames received, frames dropped
     * as malformed (or fragmented), frames of no protocol this stack speaks or for another host,
     * echo requests answered, UDP datagrams delivered and those to no socket, packets sent,
     * packets the link refused and packets with no route, and ARP resolutions that failed.
     */
    public record Stats(long received, long malformed, long ignored, long echoRequests, long udpDelivered,
            long udpNoPort, long sent, long txDropped, long noRoute, long arpUnresolved, long arpQueueDrops) {
    }

    private final Link link;
    private final MacAddress mac;
    private final Timers timers;
    private final ArpCache arp;
    private final Map<Integer, UdpSocket> sockets = new HashMap<>();
    private Ipv4Config config;
    private EchoListener echoListener = (from, ttl, reply) -> {
    };
    private int identification;
    private long received;
    private long malformed;
    private long ignored;
    private long echoRequests;
    private long udpDelivered;
    private long udpNoPort;
    private long sent;
    private long txDropped;
    private long noRoute;

    /** A stack on {@code link} with Linux's ARP defaults. */
    public IpStack(Link link, Timers timers) {
        this(link, timers, ArpCache.Settings.DEFAULT);
    }

    public IpStack(Link link, Timers timers, ArpCache.Settings arpSettings) {
        this.link = link;
        this.mac = link.mac();
        this.timers = timers;
        this.arp = new ArpCache(arpSettings, timers, new ArpCache.Output() {
            @Override
            public void request(Ipv4Address target) {
                Ipv4Address self = config == null ? Ipv4Address.ANY : config.address();
                sendArp(MacAddress.BROADCAST, ArpPacket.request(mac, self, target));
            }

            @Override
            public void deliver(MacAddress to, byte[] packet) {
                transmit(EthernetFrame.of(to, mac, EtherType.IPV4, packet));
            }

            @Override
            public void reply(ArpPacket request) {
                sendArp(request.senderMac(), ArpPacket.replyTo(request, mac));
            }
        });
    }

    /** The link's MAC address. */
    public MacAddress mac() {
        return mac;
    }

    /** The clock and timers the stack runs on. */
    public Timers timers() {
        return timers;
    }

    /** The neighbour table. */
    public ArpCache arp() {
        return arp;
    }

    /** The interface's configuration, if it has an address. */
    public Optional<Ipv4Config> config() {
        return Optional.ofNullable(config);
    }

    /** Gives the interface its address and announces it with a gratuitous ARP (RFC 5227). */
    public void configure(Ipv4Config c) {
        if (config != null && !config.address().equals(c.address())) {
            arp.flush();
        }
        config = c;
        sendArp(MacAddress.BROADCAST, ArpPacket.gratuitous(mac, c.address()));
    }

    /** Takes the address away, as when a DHCP lease runs out. */
    public void deconfigure() {
        config = null;
        arp.flush();
    }

    /** Sets who hears echo replies; one listener at a time. */
    public void onEchoReply(EchoListener listener) {
        this.echoListener = listener;
    }

    /**
     * Binds {@code port}.
     *
     * @throws IllegalStateException if the port is bound already ({@code EADDRINUSE})
     * @throws IllegalArgumentException for a port outside 1..65535
     */
    public UdpSocket bind(int port, UdpSocket.Handler handler) {
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("not a UDP port: " + port);
        }
        if (sockets.containsKey(port)) {
            throw new IllegalStateException("UDP port " + port + " is bound already");
        }
        UdpSocket s = new UdpSocket(this, port, handler);
        sockets.put(port, s);
        return s;
    }

    void unbind(UdpSocket s) {
        sockets.remove(s.port(), s);
    }

    /** Sends an ICMP echo request; false if it was dropped at once. */
    public boolean ping(Ipv4Address to, int identifier, int sequence, byte[] data) {
        return sendIp(IpProtocol.ICMP, to, IcmpMessage.echoRequest(identifier, sequence, data).encode());
    }

    /** The counters so far. */
    public Stats stats() {
        return new Stats(received, malformed, ignored, echoRequests, udpDelivered, udpNoPort, sent, txDropped, noRoute,
                arp.unresolved(), arp.queueDrops());
    }

    /**
     * Sends an IPv4 packet of {@code protocol} carrying {@code payload} to {@code to}: limited or
     * subnet broadcasts to the Ethernet broadcast address, hosts on the subnet after resolving
     * them, others through the gateway.
     *
     * @return false if it was dropped at once: no address, no route, or the link refused it
     */
    public boolean sendIp(int protocol, Ipv4Address to, byte[] payload) {
        if (config == null) {
            noRoute++;
            return false;
        }
        byte[] packet = Ipv4Packet.of(protocol, config.address(), to, nextId(), payload).encode();
        if (to.isBroadcast() || (config.prefix() < 31 && to.equals(config.subnet().broadcast()))) {
            return transmit(EthernetFrame.of(MacAddress.BROADCAST, mac, EtherType.IPV4, packet));
        }
        Optional<Ipv4Address> hop = nextHop(to);
        if (hop.isEmpty()) {
            noRoute++;
            return false;
        }
        arp.send(hop.get(), packet);
        return true;
    }

    /**
     * The address whose MAC a unicast packet to {@code to} is sent to: {@code to} itself on the
     * subnet, else the gateway; empty with no address, no gateway, or a multicast {@code to}.
     */
    public Optional<Ipv4Address> nextHop(Ipv4Address to) {
        if (config == null || to.isMulticast() || to.isBroadcast()) {
            return Optional.empty();
        }
        return Optional.ofNullable(config.subnet().contains(to) ? to : config.gateway());
    }

    boolean sendUdp(int fromPort, Ipv4Address to, int toPort, byte[] payload) {
        Ipv4Address self = config == null ? Ipv4Address.ANY : config.address();
        return sendIp(IpProtocol.UDP, to, UdpDatagram.of(fromPort, toPort, payload).encode(self, to));
    }

    /**
     * Broadcasts a UDP datagram on the link from this interface's address, or from
     * {@code 0.0.0.0} before it has one: how a DHCP client speaks before it is configured.
     */
    boolean broadcastUdp(int fromPort, int toPort, byte[] payload) {
        Ipv4Address self = config == null ? Ipv4Address.ANY : config.address();
        Ipv4Packet ip = UdpDatagram.of(fromPort, toPort, payload).toIpv4(self, Ipv4Address.BROADCAST, nextId());
        return transmit(EthernetFrame.of(MacAddress.BROADCAST, mac, EtherType.IPV4, ip.encode()));
    }

    /** A frame from the link. UNTRUSTED: never throws; what does not decode is counted. */
    public void receive(byte[] frame) {
        received++;
        Decoded<EthernetFrame> eth = EthernetFrame.decode(frame);
        if (!(eth instanceof Decoded.Ok<EthernetFrame> ok)) {
            malformed++;
            return;
        }
        EthernetFrame f = ok.value();
        if (!f.dst().equals(mac) && !f.dst().isBroadcast()) {
            ignored++;
            return;
        }
        switch (f.etherType()) {
            case EtherType.ARP -> receiveArp(f);
            case EtherType.IPV4 -> receiveIpv4(f);
            default -> ignored++;
        }
    }

    private void receiveArp(EthernetFrame f) {
        ArpPacket p = ArpPacket.decode(f.payload()).orNull();
        if (p == null) {
            malformed++;
            return;
        }
        arp.receive(p, config == null ? null : config.address());
    }

    private void receiveIpv4(EthernetFrame f) {
        Ipv4Packet ip = Ipv4Packet.decode(f.payload()).orNull();
        if (ip == null || ip.isFragment()) {
            malformed++;
            return;
        }
        boolean unicast = config != null && ip.dst().equals(config.address());
        boolean broadcast = ip.dst().isBroadcast()
                || (config != null && config.prefix() < 31 && ip.dst().equals(config.subnet().broadcast()));
        // Before it has an address the interface takes UDP for anyone: a DHCP server may
        // unicast the OFFER to the address it offers, at this interface's MAC.
        boolean unconfigured = config == null && ip.protocol() == IpProtocol.UDP;
        if (!unicast && !broadcast && !unconfigured) {
            ignored++;
            return;
        }
        switch (ip.protocol()) {
            case IpProtocol.ICMP -> receiveIcmp(ip, unicast);
            case IpProtocol.UDP -> receiveUdp(ip);
            default -> ignored++;
        }
    }

    private void receiveIcmp(Ipv4Packet ip, boolean unicast) {
        IcmpMessage m = IcmpMessage.decode(ip.payload()).orNull();
        if (m == null) {
            malformed++;
            return;
        }
        if (m.type() == IcmpMessage.ECHO_REQUEST && m.code() == 0 && unicast) {
            // Linux ignores broadcast pings by default (icmp_echo_ignore_broadcasts = 1); so does this.
            echoRequests++;
            sendIp(IpProtocol.ICMP, ip.src(), IcmpMessage.echoReplyTo(m).encode());
        } else if (m.type() == IcmpMessage.ECHO_REPLY && unicast) {
            echoListener.reply(ip.src(), ip.ttl(), m);
        } else {
            ignored++;
        }
    }

    private void receiveUdp(Ipv4Packet ip) {
        UdpDatagram u = UdpDatagram.decode(ip).orNull();
        if (u == null) {
            malformed++;
            return;
        }
        UdpSocket s = sockets.get(u.dstPort());
        if (s == null) {
            udpNoPort++;
            return;
        }
        udpDelivered++;
        s.handler.received(s, ip.src(), u.srcPort(), u.payload().toArray());
    }

    private void sendArp(MacAddress to, ArpPacket p) {
        transmit(EthernetFrame.of(to, mac, EtherType.ARP, p.encode()));
    }

    private boolean transmit(EthernetFrame f) {
        if (link.send(f.encode())) {
            sent++;
            return true;
        }
        txDropped++;
        return false;
    }

    private int nextId() {
        identification = (identification + 1) & 0xffff;
        return identification;
    }
}
