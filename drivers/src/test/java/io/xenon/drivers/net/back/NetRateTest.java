package io.xenon.drivers.net.back;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xenon.network.packet.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetRateTest {

    @Test
    void readsLibxlsRateKey() {
        assertEquals(new NetRate(62_500, 50_000_000), NetRate.parse("62500,50000"));
    }

    @Test
    void refusesARateThatIsNotBytesCommaMicroseconds() {
        for (String bad : new String[] {"", "1", "0,50000", "1,0", "a,b", "1,2,3", "-1,50", "1,99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetRate.parse(bad), bad);
            assertEquals("rate '" + bad + "' is not <bytes>,<usecs>", e.getMessage());
        }
    }

    @Test
    void readsVlanIdsAndRefusesOthers() {
        assertEquals(10, NetRate.vlan("10"));
        assertThrows(IllegalArgumentException.class, () -> NetRate.vlan("0"));
        assertThrows(IllegalArgumentException.class, () -> NetRate.vlan("4095"));
        assertThrows(IllegalArgumentException.class, () -> NetRate.vlan("ten"));
    }

    @Test
    void readsTheIpKeysAddressesSeparatedBySpaces() {
        assertEquals(List.of(Ipv4Address.parse("10.78.0.5"), Ipv4Address.parse("10.78.0.9")),
                NetRate.addresses(" 10.78.0.5  10.78.0.9 "));
        assertEquals(List.of(), NetRate.addresses(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetRate.addresses("10.0.0.1 x"));
        assertEquals("ip 'x' is not an IPv4 address", e.getMessage());
    }
}
