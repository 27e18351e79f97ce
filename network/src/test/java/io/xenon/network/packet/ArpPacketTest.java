package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArpPacketTest {

    @Test
    void decodesWiresharksArpStormRequest() {
        ArpPacket arp = EthernetFrame.decode(EthernetFrameTest.ARP_STORM).then(f -> ArpPacket.decode(f.payload())).orNull();
        assertEquals(ArpPacket.REQUEST, arp.operation());
        assertEquals(MacAddress.parse("00:07:0d:af:f4:54"), arp.senderMac());
        assertEquals(Ipv4Address.parse("24.166.172.1"), arp.senderIp());
        assertEquals(MacAddress.ZERO, arp.targetMac());
        assertEquals(Ipv4Address.parse("24.166.173.159"), arp.targetIp());
        assertArrayEquals(java.util.Arrays.copyOfRange(EthernetFrameTest.ARP_STORM, 14, 42), arp.encode());
    }

    @Test
    void answersARequestWithAReply() {
        Ipv4Address gw = Ipv4Address.parse("10.77.0.1");
        Ipv4Address guest = Ipv4Address.parse("10.77.0.2");
        ArpPacket request = ArpPacket.request(MacAddress.xen(2), guest, gw);
        ArpPacket reply = ArpPacket.replyTo(request, MacAddress.xen(1));
        assertEquals(new ArpPacket(ArpPacket.REPLY, MacAddress.xen(1), gw, MacAddress.xen(2), guest), reply);
        assertEquals(reply, ArpPacket.decode(ByteSlice.of(reply.encode())).orNull());
    }

    @Test
    void refusesOtherHardwareProtocolsAndOperations() {
        byte[] ok = ArpPacket.gratuitous(MacAddress.xen(3), Ipv4Address.parse("10.0.0.3")).encode();
        int[][] changes = {{1, 6}, {2, 0x86}, {4, 8}, {5, 16}, {7, 3}};
        for (int[] c : changes) {
            byte[] bad = ok.clone();
            bad[c[0]] = (byte) c[1];
            assertEquals(Malformed.UNSUPPORTED, ArpPacket.decode(bad, 0, bad.length).reasonOrNull(), "byte " + c[0]);
        }
        assertEquals(Malformed.TRUNCATED, ArpPacket.decode(ok, 0, 27).reasonOrNull());
    }
}
