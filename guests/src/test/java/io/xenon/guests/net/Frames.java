package io.xenon.guests.net;

import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;

/** Builds and takes apart the frames the tests exchange with a stack, with the network module's codecs. */
final class Frames {

    private Frames() {
    }

    static EthernetFrame eth(byte[] frame) {
        return EthernetFrame.decode(frame).orNull();
    }

    static ArpPacket arp(byte[] frame) {
        EthernetFrame f = eth(frame);
        return f != null && f.etherType() == EtherType.ARP ? ArpPacket.decode(f.payload()).orNull() : null;
    }

    static Ipv4Packet ip(byte[] frame) {
        EthernetFrame f = eth(frame);
        return f != null && f.etherType() == EtherType.IPV4 ? Ipv4Packet.decode(f.payload()).orNull() : null;
    }

    static IcmpMessage icmp(byte[] frame) {
        Ipv4Packet p = ip(frame);
        return p != null && p.protocol() == IpProtocol.ICMP ? IcmpMessage.decode(p.payload()).orNull() : null;
    }

    static UdpDatagram udp(byte[] frame) {
        Ipv4Packet p = ip(frame);
        return p != null && p.protocol() == IpProtocol.UDP ? UdpDatagram.decode(p).orNull() : null;
    }

    static byte[] arpFrame(MacAddress dst, ArpPacket p) {
        return EthernetFrame.of(dst, p.senderMac(), EtherType.ARP, p.encode()).encode();
    }

    static byte[] ipFrame(MacAddress dst, MacAddress src, Ipv4Packet p) {
        return EthernetFrame.of(dst, src, EtherType.IPV4, p.encode()).encode();
    }

    static byte[] pingFrame(MacAddress dst, MacAddress src, Ipv4Address from, Ipv4Address to, int id, int seq,
            byte[] data) {
        return ipFrame(dst, src, Ipv4Packet.of(IpProtocol.ICMP, from, to, 1, IcmpMessage.echoRequest(id, seq, data)
                .encode()));
    }

    static byte[] udpFrame(MacAddress dst, MacAddress src, Ipv4Address from, int fromPort, Ipv4Address to,
            int toPort, byte[] payload) {
        return ipFrame(dst, src, UdpDatagram.of(fromPort, toPort, payload).toIpv4(from, to, 1));
    }
}
