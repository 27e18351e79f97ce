package io.xenon.network.gateway;

import io.xenon.network.packet.ByteSlice;
import io.xenon.network.packet.Decoded;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.InternetChecksum;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.NatRewrite;
import io.xenon.network.packet.TcpSegment;
import io.xenon.network.packet.UdpDatagram;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The nat network's way out: guests' UDP, TCP and ICMP echo translated to the uplink's address
 * ({@code iptables -t nat -j MASQUERADE}, which {@code vif-nat} sets up), replies translated back,
 * and port forwards opened towards guests ({@code -j DNAT}). The uplink is a TUN (IPv4 packets)
 * or a TAP (Ethernet: then it also answers ARP for the uplink's address and resolves next hops).
 *
 * <p>UNTRUSTED: both sides. A guest's packet is decoded (checksums verified) before it is
 * translated; a packet from the uplink that no session or forward expects is dropped and
 * counted ({@code nat-unmatched}). An ICMP destination-unreachable or time-exceeded message about
 * a translated packet is translated back to its guest, the quoted header too (its transport
 * checksum is left as it is: the quote is often cut short, and stacks do not check it).
 * Fragments, other ICMP, and other protocols are dropped and counted: the translation needs the
 * transport header.
 *
 * <p>Confined to its gateway's stream.
 */
final class Nat {

    /** What the gateway knows of its guests. */
    interface Guests {
        /** The MAC of the guest at {@code address}, or null. */
        MacAddress macOf(Ipv4Address address);

        /** The address of the guest called {@code domain}, or null. */
        Ipv4Address addressOf(String domain);
    }

    private final Ipv4Address address;
    private final Outside outside;
    private final MacAddress insideMac;
    private final NatTable table;
    private final Map<Integer, PortForward> forwards = new HashMap<>();
    private final Guests guests;
    private final GatewayMetrics metrics;
    private final Consumer<byte[]> toNetwork;
    private int identification;

    Nat(GatewaySpec spec, Outside outside, MacAddress insideMac, Guests guests, GatewayMetrics metrics,
            Consumer<byte[]> toNetwork) {
        this.address = spec.uplinkAddress();
        this.outside = outside;
        this.insideMac = insideMac;
        Set<Integer> forwarded = new HashSet<>();
        for (PortForward f : spec.forwards()) {
            forwards.put(f.protocol() << 16 | f.port(), f);
            forwarded.add(f.protocol() << 16 | f.port());
        }
        this.table = new NatTable(spec.natSessions(), forwarded);
        this.guests = guests;
        this.metrics = metrics;
        this.toNetwork = toNetwork;
    }

    /** The transport fields translation works on. */
    private record Flow(int protocol, int localPort, int remotePort, int tcpFlags) {
    }

    /** Translates a guest's packet {@code p} (decoded from a frame) out to the uplink. */
    void outbound(Ipv4Packet p, long now) {
        if (p.isFragment()) {
            metrics.dropped("fragment");
            return;
        }
        if (p.ttl() <= 1) {
            metrics.dropped("ttl-expired");
            return;
        }
        Flow f = flow(p, true);
        if (f == null) {
            return;
        }
        NatTable.Session s = table.outbound(f.protocol, p.src(), f.localPort, p.dst(), f.remotePort);
        if (s == null) {
            s = table.open(f.protocol, p.src(), f.localPort, p.dst(), f.remotePort, now);
            metrics.sessions(table.size());
            if (s == null) {
                metrics.dropped("nat-table-full");
                return;
            }
        }
        s.saw(true, f.tcpFlags, now);
        byte[] packet = copy(p);
        NatRewrite.rewriteSource(packet, 0, packet.length, address, s.outsidePort);
        decrementTtl(packet);
        metrics.translatedOut();
        outside.send(p.dst(), packet, now);
    }

    /** Takes one frame (TAP) or packet (TUN) read from the uplink. */
    void inbound(byte[] bytes, long now) {
        Ipv4Packet p = outside.receive(bytes, now);
        if (p == null) {
            return;
        }
        if (!p.dst().equals(address)) {
            metrics.dropped("not-uplink-address");
            return;
        }
        if (p.isFragment()) {
            metrics.dropped("fragment");
            return;
        }
        if (p.protocol() == IpProtocol.ICMP && (answerPing(p, now) || icmpError(p))) {
            return;
        }
        Flow f = flow(p, false);
        if (f == null) {
            return;
        }
        NatTable.Session s = table.inbound(f.protocol, p.src(), f.remotePort, f.localPort);
        if (s == null) {
            s = openForward(p, f, now);
            if (s == null) {
                return;
            }
        }
        MacAddress guest = guests.macOf(s.insideAddress);
        if (guest == null) {
            metrics.dropped("guest-unknown");
            return;
        }
        if (p.ttl() <= 1) {
            metrics.dropped("ttl-expired");
            return;
        }
        s.saw(false, f.tcpFlags, now);
        byte[] packet = copy(p);
        NatRewrite.rewriteDestination(packet, 0, packet.length, s.insideAddress, s.insidePort);
        decrementTtl(packet);
        metrics.translatedIn();
        toNetwork.accept(EthernetFrame.of(guest, insideMac, EtherType.IPV4, packet).encode());
    }

    private NatTable.Session openForward(Ipv4Packet p, Flow f, long now) {
        PortForward fw = forwards.get(f.protocol << 16 | f.localPort);
        boolean opens = fw != null && (f.protocol != IpProtocol.TCP
                || (f.tcpFlags & (TcpSegment.SYN | TcpSegment.ACK | TcpSegment.RST)) == TcpSegment.SYN);
        if (!opens) {
            metrics.dropped("nat-unmatched");
            return null;
        }
        Ipv4Address guest = guests.addressOf(fw.domain());
        if (guest == null) {
            metrics.dropped("forward-no-guest");
            return null;
        }
        NatTable.Session s = table.openForward(f.protocol, p.src(), f.remotePort, fw.port(), guest, fw.toPort(), now);
        metrics.sessions(table.size());
        if (s == null) {
            metrics.dropped("nat-table-full");
        }
        return s;
    }

    /**
     * The ports of {@code p}'s transport (for ICMP echo the identifier, request out, reply in),
     * or null when dropped (counted). {@code out}: sent by a guest.
     */
    private Flow flow(Ipv4Packet p, boolean out) {
        switch (p.protocol()) {
            case IpProtocol.UDP -> {
                UdpDatagram u = GatewayCore.ok(UdpDatagram.decode(p), metrics);
                return u == null ? null : out ? new Flow(IpProtocol.UDP, u.srcPort(), u.dstPort(), 0)
                        : new Flow(IpProtocol.UDP, u.dstPort(), u.srcPort(), 0);
            }
            case IpProtocol.TCP -> {
                TcpSegment t = GatewayCore.ok(TcpSegment.decode(p), metrics);
                return t == null ? null : out ? new Flow(IpProtocol.TCP, t.srcPort(), t.dstPort(), t.flags())
                        : new Flow(IpProtocol.TCP, t.dstPort(), t.srcPort(), t.flags());
            }
            case IpProtocol.ICMP -> {
                IcmpMessage m = GatewayCore.ok(IcmpMessage.decode(p.payload()), metrics);
                if (m == null) {
                    return null;
                }
                if (m.code() != 0 || m.type() != (out ? IcmpMessage.ECHO_REQUEST : IcmpMessage.ECHO_REPLY)) {
                    metrics.dropped("icmp-unsupported");
                    return null;
                }
                return new Flow(IpProtocol.ICMP, m.identifier(), 0, 0);
            }
            default -> {
                metrics.dropped("protocol-unsupported");
                return null;
            }
        }
    }

    /*
     * An ICMP error from the uplink, at the packet's offsets:
     *   0 outer IPv4 header (h bytes)   h u8 type  h+1 u8 code  h+2 u16 check  h+4 u32 unused
     *   h+8 the quoted IPv4 header (q bytes) of the packet we sent, then its first 8 transport bytes
     */
    /**
     * Translates an ICMP error about a translated packet back to the guest that sent it; false if
     * {@code p} is not an ICMP error (an error that matches no session is dropped and counted).
     */
    private boolean icmpError(Ipv4Packet p) {
        IcmpMessage m = IcmpMessage.decode(p.payload()).orNull();
        if (m == null || (m.type() != IcmpMessage.DEST_UNREACHABLE && m.type() != IcmpMessage.TIME_EXCEEDED)) {
            return false;
        }
        // UNTRUSTED: the quote is whatever the sender put there.
        ByteSlice q = m.data();
        int q0 = q.length() >= Ipv4Packet.MIN_HEADER ? q.u8(0) : 0;
        int qh = (q0 & 0xf) * 4;
        if (q0 >>> 4 != 4 || qh < Ipv4Packet.MIN_HEADER || q.length() < qh + 8) {
            metrics.dropped("icmp-error-short");
            return true;
        }
        int protocol = q.u8(9);
        Ipv4Address quotedSrc = new Ipv4Address(q.i32(12));
        Ipv4Address quotedDst = new Ipv4Address(q.i32(16));
        int portAt;
        NatTable.Session s = null;
        if (protocol == IpProtocol.UDP || protocol == IpProtocol.TCP) {
            portAt = qh;
            s = table.inbound(protocol, quotedDst, q.u16(qh + 2), q.u16(qh));
        } else if (protocol == IpProtocol.ICMP && q.u8(qh) == IcmpMessage.ECHO_REQUEST) {
            portAt = qh + 4;
            s = table.inbound(protocol, quotedDst, 0, q.u16(qh + 4));
        } else {
            portAt = -1;
        }
        MacAddress guest = s == null ? null : guests.macOf(s.insideAddress);
        if (s == null || !quotedSrc.equals(address) || guest == null || p.ttl() <= 1) {
            metrics.dropped("nat-unmatched");
            return true;
        }
        byte[] packet = copy(p);
        int h = p.headerLength();
        int quote = h + IcmpMessage.HEADER;
        s.insideAddress.write(packet, quote + 12);
        packet[quote + portAt] = (byte) (s.insidePort >>> 8);
        packet[quote + portAt + 1] = (byte) s.insidePort;
        checksum(packet, quote + 10, quote, qh);
        s.insideAddress.write(packet, 16);
        checksum(packet, 10, 0, h);
        checksum(packet, h + 2, h, packet.length - h);
        decrementTtl(packet);
        metrics.translatedIn();
        toNetwork.accept(EthernetFrame.of(guest, insideMac, EtherType.IPV4, packet).encode());
        return true;
    }

    /** Recomputes the checksum at {@code at} over {@code [off, off + len)}. */
    private static void checksum(byte[] b, int at, int off, int len) {
        b[at] = 0;
        b[at + 1] = 0;
        int sum = InternetChecksum.of(b, off, len);
        b[at] = (byte) (sum >>> 8);
        b[at + 1] = (byte) sum;
    }

    /** Answers an echo request to the uplink's address itself; false if {@code p} is not one. */
    private boolean answerPing(Ipv4Packet p, long now) {
        Decoded<IcmpMessage> d = IcmpMessage.decode(p.payload());
        IcmpMessage m = d.orNull();
        if (m == null || m.type() != IcmpMessage.ECHO_REQUEST || m.code() != 0) {
            return false;
        }
        byte[] reply = Ipv4Packet.of(IpProtocol.ICMP, address, p.src(), nextId(), IcmpMessage.echoReplyTo(m).encode())
                .encode();
        outside.send(p.src(), reply, now);
        return true;
    }

    /** Drops idle sessions and packets whose next hop never answered. */
    void expire(long now) {
        table.expire(now);
        metrics.sessions(table.size());
        outside.expire(now);
    }

    int sessions() {
        return table.size();
    }

    private int nextId() {
        identification = (identification + 1) & 0xffff;
        return identification;
    }

    /** The packet's bytes in an array of its own, Ethernet padding cut: the frame may be shared with other ports. */
    static byte[] copy(Ipv4Packet p) {
        int start = p.options().offset() - Ipv4Packet.MIN_HEADER;
        return Arrays.copyOfRange(p.options().array(), start, start + p.length());
    }

    /** What a router does to a packet it forwards: TTL one less, header checksum updated (RFC 1624). */
    static void decrementTtl(byte[] packet) {
        int old = (packet[8] & 0xff) << 8 | packet[9] & 0xff;
        packet[8]--;
        int now = (packet[8] & 0xff) << 8 | packet[9] & 0xff;
        int check = InternetChecksum.update16((packet[10] & 0xff) << 8 | packet[11] & 0xff, old, now);
        packet[10] = (byte) (check >>> 8);
        packet[11] = (byte) check;
    }
}
