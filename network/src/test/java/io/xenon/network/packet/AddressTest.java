package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void macParsesAndFormatsXenAddresses() {
        MacAddress mac = MacAddress.parse("00:16:3E:0a:Bc:ff");
        assertEquals(0x00163e0abcffL, mac.value());
        assertEquals("00:16:3e:0a:bc:ff", mac.toString());
        assertEquals(mac, MacAddress.parse("00-16-3e-0a-bc-ff"));
        assertEquals(MacAddress.parse("00:16:3e:00:00:07"), MacAddress.xen(7));
        assertArrayEquals(new byte[] {0, 0x16, 0x3e, 0x0a, (byte) 0xbc, (byte) 0xff}, mac.toBytes());
        assertEquals(mac, MacAddress.read(mac.toBytes(), 0));
    }

    @Test
    void macTellsBroadcastMulticastAndUnicast() {
        assertTrue(MacAddress.BROADCAST.isBroadcast());
        assertTrue(MacAddress.BROADCAST.isMulticast());
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isMulticast());
        assertFalse(MacAddress.parse("01:00:5e:00:00:01").isBroadcast());
        assertTrue(MacAddress.xen(1).isUnicast());
        assertFalse(MacAddress.xen(1).isLocallyAdministered());
        assertTrue(MacAddress.parse("02:00:00:00:00:01").isLocallyAdministered());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00:16:3e:00:00", "00:16:3e:00:00:0g", "00:16-3e:00:00:00", "00:16:3e:00:00:000",
        "0016.3e00.0000"})
    void macRejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
    }

    @Test
    void ipv4ParsesAndFormatsDottedQuads() {
        Ipv4Address a = Ipv4Address.parse("192.168.0.199");
        assertEquals(0xc0a800c7, a.value());
        assertEquals("192.168.0.199", a.toString());
        assertEquals(a, Ipv4Address.of(192, 168, 0, 199));
        assertEquals("255.255.255.255", Ipv4Address.BROADCAST.toString());
        assertTrue(Ipv4Address.parse("224.0.0.251").isMulticast());
        assertTrue(Ipv4Address.parse("127.0.0.1").isLoopback());
        assertTrue(Ipv4Address.parse("10.0.0.1").compareTo(Ipv4Address.parse("200.0.0.1")) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..3.4", "a.b.c.d", "1.2.3.-4"})
    void ipv4RejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
    }

    @Test
    void cidrGivesNetmaskBroadcastHostsAndMembership() {
        Cidr net = Cidr.parse("10.77.0.0/24");
        assertEquals(Ipv4Address.parse("255.255.255.0"), net.netmask());
        assertEquals(Ipv4Address.parse("10.77.0.255"), net.broadcast());
        assertEquals(Ipv4Address.parse("10.77.0.1"), net.host(1));
        assertEquals(Ipv4Address.parse("10.77.0.254"), net.host(254));
        assertEquals(256, net.size());
        assertTrue(net.contains(Ipv4Address.parse("10.77.0.42")));
        assertFalse(net.contains(Ipv4Address.parse("10.77.1.42")));
        assertEquals("10.77.0.0/24", net.toString());
        assertThrows(IllegalArgumentException.class, () -> net.host(0));
        assertThrows(IllegalArgumentException.class, () -> net.host(255));
    }

    @Test
    void cidrCoversTheEdgePrefixes() {
        Cidr all = Cidr.parse("0.0.0.0/0");
        assertTrue(all.contains(Ipv4Address.BROADCAST));
        assertEquals(Ipv4Address.ANY, all.netmask());
        Cidr one = Cidr.parse("10.0.0.5/32");
        assertEquals(Ipv4Address.parse("10.0.0.5"), one.host(0));
        assertEquals(Ipv4Address.parse("10.0.0.5"), one.broadcast());
        assertEquals(Cidr.parse("172.16.0.0/12"), Cidr.containing(Ipv4Address.parse("172.20.1.2"), 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.77.0.1/24", "10.77.0.0/33", "10.77.0.0", "10.77.0.0/", "10.77.0.0/-1", "10.77.0.0/2x"})
    void cidrRejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void vlanTagRoundTripsItsTci() {
        VlanTag tag = new VlanTag(5, true, 100);
        assertEquals(0xb064, tag.tci());
        assertEquals(tag, VlanTag.ofTci(0xb064));
        assertThrows(IllegalArgumentException.class, () -> new VlanTag(8, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new VlanTag(0, false, 4096));
    }
}
