package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EthernetFrameTest {

    /** An ARP request from Wireshark's sample capture arp-storm.pcap, padded to 60 bytes. */
    static final byte[] ARP_STORM = Checks.hex("ffffffffffff 00070daff454 0806"
            + "0001 0800 06 04 0001 00070daff454 18a6ac01 000000000000 18a6ad9f"
            + "0000 0000 0000 0000 0000 0000 0000 0000 0000");

    @Test
    void decodesAnUntaggedFrame() {
        EthernetFrame f = EthernetFrame.decode(ARP_STORM).orNull();
        assertEquals(MacAddress.BROADCAST, f.dst());
        assertEquals(MacAddress.parse("00:07:0d:af:f4:54"), f.src());
        assertNull(f.vlan());
        assertEquals(EtherType.ARP, f.etherType());
        assertEquals(46, f.payload().length());
        assertArrayEquals(ARP_STORM, f.encode());
    }

    @Test
    void decodesAndEncodesAn8021qTag() {
        EthernetFrame f = new EthernetFrame(MacAddress.xen(2), MacAddress.xen(1), new VlanTag(3, false, 10),
                EtherType.IPV4, ByteSlice.ofHex("deadbeef"));
        byte[] wire = f.encode();
        assertArrayEquals(Checks.hex("00163e000002 00163e000001 8100 600a 0800 deadbeef"), wire);
        assertEquals(f, EthernetFrame.decode(wire).orNull());
    }

    @Test
    void padsOnlyWhenAsked() {
        EthernetFrame f = EthernetFrame.of(MacAddress.xen(2), MacAddress.xen(1), EtherType.ARP, new byte[28]);
        assertEquals(42, f.encode().length);
        assertEquals(60, f.encodePadded().length);
    }

    @Test
    void peeksHeaderFieldsWithoutDecoding() {
        byte[] tagged = new EthernetFrame(MacAddress.BROADCAST, MacAddress.xen(9), new VlanTag(0, false, 4094),
                EtherType.ARP, ByteSlice.EMPTY).encode();
        assertEquals(MacAddress.BROADCAST.value(), EthernetPeek.dst(tagged, 0, tagged.length));
        assertEquals(MacAddress.xen(9).value(), EthernetPeek.src(tagged, 0, tagged.length));
        assertTrue(EthernetPeek.tagged(tagged, 0, tagged.length));
        assertEquals(4094, EthernetPeek.vlanId(tagged, 0, tagged.length));
        assertEquals(EtherType.ARP, EthernetPeek.etherType(tagged, 0, tagged.length));
        assertFalse(EthernetPeek.tagged(ARP_STORM, 0, ARP_STORM.length));
        assertEquals(0, EthernetPeek.vlanId(ARP_STORM, 0, ARP_STORM.length));
        assertEquals(EtherType.ARP, EthernetPeek.etherType(ARP_STORM, 0, ARP_STORM.length));
    }

    @Test
    void peekAnswersMinusOneForRuntsAndBadBounds() {
        assertEquals(-1, EthernetPeek.dst(ARP_STORM, 0, 13));
        assertEquals(-1, EthernetPeek.src(ARP_STORM, 50, 14));
        assertEquals(-1, EthernetPeek.etherType(ARP_STORM, -1, 20));
        byte[] tagOnly = Checks.hex("ffffffffffff 00163e000001 8100 00");
        assertEquals(-1, EthernetPeek.vlanId(tagOnly, 0, tagOnly.length));
        assertEquals(-1, EthernetPeek.etherType(tagOnly, 0, tagOnly.length));
        assertEquals(-1, EthernetPeek.dst(null, 0, 14));
    }

    @Test
    void dropsRuntsAndDoubleTags() {
        assertEquals(Malformed.TRUNCATED, EthernetFrame.decode(ARP_STORM, 0, 13).reasonOrNull());
        byte[] tagOnly = Checks.hex("ffffffffffff 00163e000001 8100 000a");
        assertEquals(Malformed.TRUNCATED, EthernetFrame.decode(tagOnly).reasonOrNull());
        byte[] doubleTag = Checks.hex("ffffffffffff 00163e000001 8100 000a 8100 000b 0800");
        assertEquals(Malformed.UNSUPPORTED, EthernetFrame.decode(doubleTag).reasonOrNull());
        assertEquals(Malformed.TRUNCATED, EthernetFrame.decode(ARP_STORM, 10, ARP_STORM.length).reasonOrNull());
    }
}
