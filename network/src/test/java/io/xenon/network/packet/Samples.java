package io.xenon.network.packet;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Well-formed frames of every kind the codecs handle, and a decoder that walks all layers. */
final class Samples {

    static final MacAddress GUEST_MAC = MacAddress.xen(0x000102);
    static final MacAddress GATEWAY_MAC = MacAddress.xen(0x0000fe);
    static final Ipv4Address GUEST = Ipv4Address.parse("10.77.0.2");
    static final Ipv4Address GATEWAY = Ipv4Address.parse("10.77.0.1");

    private Samples() {
    }

    /** Named frames, in a stable order. */
    static Map<String, byte[]> frames() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("arp request", eth(MacAddress.BROADCAST, GUEST_MAC, null, EtherType.ARP,
                ArpPacket.request(GUEST_MAC, GUEST, GATEWAY).encode()));
        m.put("arp reply", eth(GUEST_MAC, GATEWAY_MAC, null, EtherType.ARP,
                ArpPacket.replyTo(ArpPacket.request(GUEST_MAC, GUEST, GATEWAY), GATEWAY_MAC).encode()));
        byte[] ping = IcmpMessage.echoRequest(0x4242, 1, "xenon ping payload".getBytes(StandardCharsets.US_ASCII)).encode();
        m.put("icmp echo request", ip(null, IpProtocol.ICMP, GUEST, GATEWAY, ping));
        m.put("icmp echo reply on vlan 10", ip(new VlanTag(0, false, 10), IpProtocol.ICMP, GATEWAY, GUEST,
                IcmpMessage.echoReplyTo(IcmpMessage.decode(ping, 0, ping.length).orNull()).encode()));
        m.put("udp", ip(null, IpProtocol.UDP, GUEST, GATEWAY,
                UdpDatagram.of(40000, 7, "echo me".getBytes(StandardCharsets.US_ASCII)).encode(GUEST, GATEWAY)));
        m.put("tcp syn", ip(null, IpProtocol.TCP, GUEST, GATEWAY, TcpSegmentTest.syn().encode(GUEST, GATEWAY)));
        m.put("tcp data", ip(null, IpProtocol.TCP, GATEWAY, GUEST, new TcpSegment(80, 51000, 1, 0xdeadbef0,
                TcpSegment.ACK | TcpSegment.PSH, 502, 0, ByteSlice.EMPTY,
                ByteSlice.of("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).encode(GATEWAY, GUEST)));
        DhcpLease lease = new DhcpLease(GATEWAY, 3600, Ipv4Address.parse("255.255.255.0"), GATEWAY, List.of(GATEWAY));
        DhcpMessage discover = DhcpMessage.discover(0x0bad_cafe, GUEST_MAC, "guest");
        DhcpMessage request = DhcpMessage.request(0x0bad_cafe, GUEST_MAC, GUEST, GATEWAY, "guest");
        m.put("dhcp discover", dhcp(discover, Ipv4Address.ANY, Ipv4Address.BROADCAST));
        m.put("dhcp offer", dhcp(DhcpMessage.offer(discover, GUEST, lease), GATEWAY, Ipv4Address.BROADCAST));
        m.put("dhcp request", dhcp(request, Ipv4Address.ANY, Ipv4Address.BROADCAST));
        m.put("dhcp ack", dhcp(DhcpMessage.ack(request, GUEST, lease), GATEWAY, Ipv4Address.BROADCAST));
        m.put("dhcp nak", dhcp(DhcpMessage.nak(request, GATEWAY), GATEWAY, Ipv4Address.BROADCAST));
        m.put("ipv4 with options", eth(GATEWAY_MAC, GUEST_MAC, null, EtherType.IPV4, new Ipv4Packet(0, 9, false, false, 0,
                255, IpProtocol.UDP, GUEST, Ipv4Address.parse("224.0.0.251"), ByteSlice.ofHex("94040000"),
                ByteSlice.of(UdpDatagram.of(5353, 5353, new byte[12]).encode(GUEST, Ipv4Address.parse("224.0.0.251"))))
                .encode()));
        return m;
    }

    static byte[] eth(MacAddress dst, MacAddress src, VlanTag vlan, int type, byte[] payload) {
        return new EthernetFrame(dst, src, vlan, type, ByteSlice.of(payload)).encode();
    }

    static byte[] ip(VlanTag vlan, int protocol, Ipv4Address src, Ipv4Address dst, byte[] l4) {
        MacAddress dstMac = dst.equals(GATEWAY) ? GATEWAY_MAC : GUEST_MAC;
        MacAddress srcMac = src.equals(GATEWAY) ? GATEWAY_MAC : GUEST_MAC;
        return eth(dstMac, srcMac, vlan, EtherType.IPV4, Ipv4Packet.of(protocol, src, dst, 0x100, l4).encode());
    }

    static byte[] dhcp(DhcpMessage m, Ipv4Address src, Ipv4Address dst) {
        MacAddress srcMac = m.op() == DhcpMessage.BOOTREQUEST ? GUEST_MAC : GATEWAY_MAC;
        return eth(MacAddress.BROADCAST, srcMac, null, EtherType.IPV4,
                m.toUdp().toIpv4(src, dst, 0).encode());
    }

    /**
     * Decodes every layer of the frame in {@code [off, off + len)}: Ethernet, then ARP or IPv4,
     * then ICMP, UDP or TCP, then DHCP on ports 67 and 68. Answers the innermost value or the
     * first drop; anything else is {@link Malformed#UNSUPPORTED}.
     */
    static Decoded<?> decodeAll(byte[] b, int off, int len) {
        Decoded<EthernetFrame> eth = EthernetFrame.decode(b, off, len);
        EthernetFrame f = eth.orNull();
        if (f == null) {
            return eth;
        }
        if (f.etherType() == EtherType.ARP) {
            return ArpPacket.decode(f.payload());
        }
        if (f.etherType() != EtherType.IPV4) {
            return Decoded.bad(Malformed.UNSUPPORTED);
        }
        Decoded<Ipv4Packet> ipd = Ipv4Packet.decode(f.payload());
        Ipv4Packet ip = ipd.orNull();
        if (ip == null) {
            return ipd;
        }
        if (ip.isFragment()) {
            return Decoded.bad(Malformed.UNSUPPORTED);
        }
        switch (ip.protocol()) {
            case IpProtocol.ICMP:
                return IcmpMessage.decode(ip.payload());
            case IpProtocol.TCP:
                return TcpSegment.decode(ip);
            case IpProtocol.UDP:
                Decoded<UdpDatagram> udp = UdpDatagram.decode(ip);
                UdpDatagram u = udp.orNull();
                if (u != null && (u.dstPort() == DhcpMessage.SERVER_PORT || u.dstPort() == DhcpMessage.CLIENT_PORT)) {
                    return DhcpMessage.decode(u);
                }
                return udp;
            default:
                return Decoded.bad(Malformed.UNSUPPORTED);
        }
    }
}
