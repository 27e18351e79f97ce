package io.xenon.guests.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xenon.network.packet.Ipv4Address;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A static address from a vif's {@code ip=} and the kernel's netmask, prefix and gateway words. */
class Ipv4ConfigTest {

    @Test
    void aBareVifAddressIsASlash24WithNoGateway() {
        Ipv4Config c = Ipv4Config.fromVifIp("10.77.0.2", Map.of());
        assertEquals("10.77.0.2/24 (static)", c.toString());
        assertNull(c.gateway());
        assertEquals(Ipv4Address.parse("10.77.0.255"), c.subnet().broadcast());
    }

    @Test
    void theFirstOfSeveralAddressesIsUsedWithItsOwnPrefix() {
        assertEquals("192.168.4.9/26 (static)", Ipv4Config.fromVifIp("192.168.4.9/26 10.0.0.1", Map.of()).toString());
    }

    @Test
    void netmaskPrefixAndGatewayComeFromTheKernelLine() {
        Ipv4Config c = Ipv4Config.fromVifIp("10.1.2.3", Map.of("netmask", "255.255.0.0", "gateway", "10.1.0.1"));
        assertEquals(16, c.prefix());
        assertEquals(Ipv4Address.parse("10.1.0.1"), c.gateway());
        assertEquals(20, Ipv4Config.fromVifIp("10.1.2.3", Map.of("prefix", "20", "netmask", "255.0.0.0")).prefix());
    }

    @Test
    void rejectsANonContiguousNetmaskAndABadAddress() {
        assertThrows(IllegalArgumentException.class,
                () -> Ipv4Config.fromVifIp("10.1.2.3", Map.of("netmask", "255.0.255.0")));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Config.fromVifIp("10.1.2", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Config.fromVifIp("10.1.2.3/33", Map.of()));
    }
}
