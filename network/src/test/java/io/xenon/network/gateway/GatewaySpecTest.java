package io.xenon.network.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.xenon.network.NetworkSpec;
import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaySpecTest {

    private static NetworkSpec one(String block) {
        return NetworkSpec.all(ConfigFactory.parseString("xenon.networks = [" + block + "]")
                .withFallback(ConfigFactory.load()).getConfig("xenon")).get(0);
    }

    @Test
    void readsEveryGatewayKey() {
        NetworkSpec s = one("{ name = n, mode = nat, subnet = \"10.77.0.0/24\", uplink = \"tun:xnat0\", "
                + "uplink-address = \"10.99.0.2/24\", uplink-gateway = \"10.99.0.1\", dhcp-first = \"10.77.0.10\", "
                + "dhcp-last = \"10.77.0.20\", dhcp-lease = 10m, nat-sessions = 100, "
                + "forwards = [ { proto = udp, port = 7007, domain = web, to-port = 7 }, { proto = TCP, port = 22, domain = db } ] }");
        GatewaySpec g = s.gateway();
        assertTrue(s.hasGateway());
        assertEquals(Ipv4Address.parse("10.99.0.2"), g.uplinkAddress());
        assertEquals(24, g.uplinkPrefix());
        assertEquals(Ipv4Address.parse("10.99.0.1"), g.uplinkGateway());
        assertEquals(Ipv4Address.parse("10.77.0.10"), g.poolFirst(Cidr.parse("10.77.0.0/24")));
        assertEquals(Ipv4Address.parse("10.77.0.20"), g.poolLast(Cidr.parse("10.77.0.0/24")));
        assertEquals(Duration.ofMinutes(10), g.dhcpLease());
        assertEquals(100, g.natSessions());
        assertEquals(List.of(new PortForward(IpProtocol.UDP, 7007, "web", 7), new PortForward(IpProtocol.TCP, 22, "db", 22)),
                g.forwards());
    }

    @Test
    void defaultsGiveTheWholeSubnetAsPoolAndAnHourLong() {
        NetworkSpec s = one("{ name = h, mode = host-only, subnet = \"10.78.0.0/24\" }");
        Cidr c = Cidr.parse("10.78.0.0/24");
        assertEquals(Ipv4Address.parse("10.78.0.2"), s.gateway().poolFirst(c));
        assertEquals(Ipv4Address.parse("10.78.0.254"), s.gateway().poolLast(c));
        assertEquals(Duration.ofHours(1), s.gateway().dhcpLease());
        assertEquals(4096, s.gateway().natSessions());
        assertNull(s.gateway().uplinkAddress());
    }

    @Test
    void everyNetworkButABridgeHasAGatewayGivenASubnet() {
        assertFalse(one("{ name = b, mode = bridge, subnet = \"10.77.0.0/24\" }").hasGateway());
        assertTrue(one("{ name = r, mode = route, subnet = \"10.77.0.0/24\" }").hasGateway());
        assertFalse(one("{ name = i, mode = isolated }").hasGateway());
        assertTrue(one("{ name = i, mode = isolated, subnet = \"10.77.0.0/24\" }").hasGateway());
    }

    @Test
    void refusesGatewayKeysThatDoNotFitNamingThem() {
        String nat = "name = n, mode = nat, subnet = \"10.77.0.0/24\"";
        assertMessage("needs uplink-address", "{" + nat + ", uplink = \"tun:x\" }");
        assertMessage("uplink-address '10.99.0.2' is not a.b.c.d/len", "{" + nat + ", uplink-address = \"10.99.0.2\" }");
        assertMessage("overlaps the subnet", "{" + nat + ", uplink-address = \"10.77.0.200/24\" }");
        assertMessage("uplink-gateway 10.98.0.1 is not in", "{" + nat
                + ", uplink-address = \"10.99.0.2/24\", uplink-gateway = \"10.98.0.1\" }");
        assertMessage("for nat networks only", "{ name = b, mode = bridge, forwards = [ { proto = udp, port = 1, domain = d } ] }");
        assertMessage("proto is udp or tcp", "{" + nat + ", forwards = [ { proto = sctp, port = 1, domain = d } ] }");
        assertMessage("forwarded twice", "{" + nat + ", forwards = [ { proto = udp, port = 1, domain = d },"
                + " { proto = udp, port = 1, domain = e } ] }");
        assertMessage("dhcp pool address 10.77.1.5", "{" + nat + ", dhcp-first = \"10.77.1.5\" }");
        assertMessage("other than the gateway 10.77.0.1", "{" + nat + ", dhcp-first = \"10.77.0.1\" }");
        assertMessage("is above dhcp-last", "{" + nat + ", dhcp-first = \"10.77.0.9\", dhcp-last = \"10.77.0.8\" }");
        assertMessage("nat-sessions must be", "{" + nat + ", nat-sessions = 0 }");
        assertMessage("dhcp-lease must be", "{" + nat + ", dhcp-lease = 5s }");
        assertMessage("has host bits set", "{ name = h, mode = host-only, subnet = \"10.77.0.1/24\" }");
        assertMessage("network n: ", "{" + nat + ", dhcp-first = \"no\" }");
    }

    @Test
    void aRouteNetworkTakesAnUplinkAddressAndNextHopButNoDhcpPoolOrForwards() {
        String route = "name = r, mode = route, subnet = \"10.78.0.0/24\"";
        NetworkSpec s = one("{" + route + ", uplink = \"tap:xr\", uplink-address = \"10.99.0.2/24\", "
                + "uplink-gateway = \"10.99.0.1\" }");
        assertEquals(Ipv4Address.parse("10.99.0.2"), s.gateway().uplinkAddress());
        assertEquals(Ipv4Address.parse("10.99.0.1"), s.gateway().uplinkGateway());
        assertMessage("a route network with an uplink needs uplink-address", "{" + route + ", uplink = \"tun:xr\" }");
        assertMessage("overlaps the subnet", "{" + route + ", uplink-address = \"10.78.0.200/24\" }");
        assertMessage("serves no DHCP", "{" + route + ", dhcp-first = \"10.78.0.9\" }");
        assertMessage("for nat networks only", "{" + route + ", forwards = [ { proto = udp, port = 1, domain = d } ] }");
        assertMessage("for nat and route networks only", "{ name = h, mode = host-only, subnet = \"10.78.0.0/24\", "
                + "uplink-address = \"10.99.0.2/24\" }");
    }

    private static void assertMessage(String part, String block) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one(block));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
