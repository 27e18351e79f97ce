package io.xenon.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {

    private static Config xenon(String networks) {
        return ConfigFactory.parseString("xenon.networks = " + networks).withFallback(ConfigFactory.load())
                .getConfig("xenon");
    }

    @Test
    void theDefaultHostHasXenbr0AsABridge() {
        List<NetworkSpec> specs = NetworkSpec.all(ConfigFactory.load().getConfig("xenon"));
        assertEquals(1, specs.size());
        NetworkSpec s = specs.get(0);
        assertEquals("xenbr0", s.name());
        assertEquals(NetworkMode.BRIDGE, s.mode());
        assertNull(s.uplink());
        assertEquals(Duration.ofSeconds(300), s.ageing());
    }

    @Test
    void readsEveryModeWithItsOwnSettings() {
        List<NetworkSpec> specs = NetworkSpec.all(xenon("[{name = lan, mode = bridge, uplink = \"tap:xentap0\"},"
                + "{name = natnet, mode = nat, subnet = \"10.77.0.0/24\", port-queue = 8},"
                + "{name = r, mode = route, subnet = \"10.78.0.0/24\"}, {name = h, mode = host-only},"
                + "{name = iso, mode = isolated, ageing = 10s}]"));
        assertEquals(List.of("lan", "natnet", "r", "h", "iso"), specs.stream().map(NetworkSpec::name).toList());
        assertEquals("tap:xentap0", specs.get(0).uplink());
        assertEquals(8, specs.get(1).portQueue());
        assertEquals(NetworkMode.HOST_ONLY, specs.get(3).mode());
        assertEquals(Duration.ofSeconds(10), specs.get(4).ageing());
    }

    @Test
    void refusesWhatIsWrongNamingIt() {
        assertMessage("unknown network mode 'hub'", "[{name = a, mode = hub}]");
        assertMessage("mode nat needs a subnet", "[{name = a, mode = nat}]");
        assertMessage("subnet '10.0.0.300/24'", "[{name = a, mode = route, subnet = \"10.0.0.300/24\"}]");
        assertMessage("is not an interface name", "[{name = \"this-name-is-too-long\", mode = bridge}]");
        assertMessage("declared twice", "[{name = a, mode = bridge}, {name = a, mode = isolated}]");
        assertMessage("a host-only network has no uplink", "[{name = a, mode = host-only, uplink = \"tap:t\"}]");
        assertMessage("not tap:NAME or tun:NAME", "[{name = a, mode = bridge, uplink = \"eth0\"}]");
        assertMessage("xenon.networks", "[{mode = bridge}]");
    }

    private static void assertMessage(String part, String networks) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.all(xenon(networks)));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
