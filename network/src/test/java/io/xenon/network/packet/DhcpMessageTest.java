package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DhcpMessageTest {

    static final MacAddress CLIENT = MacAddress.parse("00:0b:82:01:fc:42");
    static final Ipv4Address SERVER = Ipv4Address.parse("10.77.0.1");
    static final Ipv4Address OFFERED = Ipv4Address.parse("10.77.0.2");
    static final DhcpLease LEASE = new DhcpLease(SERVER, 3600, Ipv4Address.parse("255.255.255.0"), SERVER,
            List.of(SERVER, Ipv4Address.parse("9.9.9.9")));

    /**
     * A DISCOVER laid out as in Wireshark's dhcp.pcap sample: xid 0x3d1d, client 00:0b:82:01:fc:42,
     * options 53 DISCOVER, 61 client id, 50 requested 0.0.0.0, 55 (1, 3, 6, 42), end.
     */
    static byte[] sampleDiscover() {
        byte[] b = new byte[300];
        byte[] fixed = Checks.hex("01 01 06 00 00003d1d 0000 0000 00000000 00000000 00000000 00000000 000b8201fc42");
        System.arraycopy(fixed, 0, b, 0, fixed.length);
        byte[] opts = Checks.hex("63825363 350101 3d0701000b8201fc42 320400000000 37040103062a ff");
        System.arraycopy(opts, 0, b, 236, opts.length);
        return b;
    }

    @Test
    void decodesADiscoverLaidOutAsWiresharksSample() {
        DhcpMessage m = DhcpMessage.decode(sampleDiscover(), 0, 300).orNull();
        assertEquals(DhcpMessage.BOOTREQUEST, m.op());
        assertEquals(0x3d1d, m.xid());
        assertEquals(CLIENT, m.chaddr());
        assertEquals(DhcpMessageType.DISCOVER, m.type());
        assertEquals(Optional.of(Ipv4Address.ANY), m.options().requestedIp());
        assertEquals(List.of(1, 3, 6, 42), m.options().parameterRequestList());
        assertEquals(ByteSlice.ofHex("01000b8201fc42"), m.options().clientId().orElseThrow());
    }

    @Test
    void walksTheExchangeDiscoverOfferRequestAck() {
        DhcpMessage discover = roundTrip(DhcpMessage.discover(0x12345678, CLIENT, "web1"));
        assertEquals(DhcpMessageType.DISCOVER, discover.type());
        assertEquals(Optional.of("web1"), discover.options().hostname());
        assertEquals(DhcpMessage.FLAG_BROADCAST, discover.flags());

        DhcpMessage offer = roundTrip(DhcpMessage.offer(discover, OFFERED, LEASE));
        assertEquals(DhcpMessage.BOOTREPLY, offer.op());
        assertEquals(0x12345678, offer.xid());
        assertEquals(OFFERED, offer.yiaddr());
        assertEquals(CLIENT, offer.chaddr());
        assertEquals(DhcpMessageType.OFFER, offer.type());
        assertEquals(Optional.of(SERVER), offer.options().serverId());
        assertEquals(Optional.of(3600), offer.options().leaseTime());
        assertEquals(Optional.of(Ipv4Address.parse("255.255.255.0")), offer.options().subnetMask());
        assertEquals(List.of(SERVER), offer.options().routers());
        assertEquals(List.of(SERVER, Ipv4Address.parse("9.9.9.9")), offer.options().dns());

        DhcpMessage request = roundTrip(DhcpMessage.request(0x12345678, CLIENT, OFFERED, SERVER, "web1"));
        assertEquals(Optional.of(OFFERED), request.options().requestedIp());
        assertEquals(Optional.of(SERVER), request.options().serverId());

        DhcpMessage ack = roundTrip(DhcpMessage.ack(request, OFFERED, LEASE));
        assertEquals(DhcpMessageType.ACK, ack.type());
        assertEquals(OFFERED, ack.yiaddr());

        DhcpMessage nak = roundTrip(DhcpMessage.nak(request, SERVER));
        assertEquals(DhcpMessageType.NAK, nak.type());
        assertEquals(Ipv4Address.ANY, nak.yiaddr());
        assertEquals(Optional.empty(), nak.options().leaseTime());
    }

    @Test
    void encodesCookieOptionsEndAndBootpPadding() {
        byte[] wire = DhcpMessage.discover(1, CLIENT, null).encode();
        assertEquals(300, wire.length);
        assertArrayEquals(Checks.hex("63825363 350101"), Arrays.copyOfRange(wire, 236, 243));
        int end = 243 + 9 + 6;
        assertEquals((byte) 0xff, wire[end]);
        assertTrue(Arrays.equals(new byte[300 - end - 1], Arrays.copyOfRange(wire, end + 1, 300)));
    }

    @Test
    void travelsInUdpIpv4AndEthernetWithAVerifiableChecksum() {
        UdpDatagram udp = DhcpMessage.discover(7, CLIENT, null).toUdp();
        Ipv4Packet ip = udp.toIpv4(Ipv4Address.ANY, Ipv4Address.BROADCAST, 0);
        byte[] frame = EthernetFrame.of(MacAddress.BROADCAST, CLIENT, EtherType.IPV4, ip.encode()).encode();
        byte[] l4 = Arrays.copyOfRange(frame, 34, frame.length);
        assertEquals(0, Checks.rfc1071(Checks.pseudo(Ipv4Address.ANY, Ipv4Address.BROADCAST, IpProtocol.UDP, l4.length), l4));
        Decoded<DhcpMessage> back = EthernetFrame.decode(frame).then(f -> Ipv4Packet.decode(f.payload()))
                .then(UdpDatagram::decode).then(DhcpMessage::decode);
        assertEquals(7, back.orNull().xid());
        assertEquals(68, udp.srcPort());
        assertEquals(67, udp.dstPort());
    }

    @Test
    void dropsMessagesAsRfc2131And2132Require() {
        // Options: 53 at 240, 61 at 243, 50 at 252 (length at 253), 55 at 258, end at 264.
        assertEquals(Malformed.TRUNCATED, reason(sampleDiscover(), 239), "no room for the cookie");
        assertEquals(Malformed.BAD_MAGIC_COOKIE, reason(with(239, 0x64), 300), "cookie 99.130.83.100");
        assertEquals(Malformed.BAD_OPTION, reason(sampleDiscover(), 264), "no end option");
        assertEquals(Malformed.BAD_OPTION, reason(sampleDiscover(), 248), "option 61 runs past the end");
        assertEquals(Malformed.BAD_OPTION, reason(with(241, 2), 300), "option 53 of length 2");
        assertEquals(Malformed.BAD_OPTION, reason(with(253, 3), 300), "option 50 of length 3");
        assertEquals(Malformed.UNSUPPORTED, reason(with(242, 9), 300), "message type 9");
        assertEquals(Malformed.UNSUPPORTED, reason(with(240, 0x34), 300), "option overload");
        assertEquals(Malformed.UNSUPPORTED, reason(with(1, 6), 300), "IEEE 802 hardware type");
        assertEquals(Malformed.UNSUPPORTED, reason(with(0, 3), 300), "op 3");
        byte[] noType = sampleDiscover();
        noType[240] = 0;
        noType[241] = 0;
        noType[242] = 0;
        assertEquals(Malformed.UNSUPPORTED, reason(noType, 300));
    }

    private static byte[] with(int at, int value) {
        byte[] b = sampleDiscover();
        b[at] = (byte) value;
        return b;
    }

    private static Malformed reason(byte[] b, int len) {
        return DhcpMessage.decode(b, 0, len).reasonOrNull();
    }

    private static DhcpMessage roundTrip(DhcpMessage m) {
        DhcpMessage back = DhcpMessage.decode(m.toUdp()).orNull();
        assertEquals(m, back);
        return back;
    }
}
