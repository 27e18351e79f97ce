package io.xenon.network.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.xenon.network.Network;
import io.xenon.network.NetworkActor;
import io.xenon.network.NetworkMode;
import io.xenon.network.NetworkSpec;
import io.xenon.network.Networks;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.Frames;
import io.xenon.network.port.PortRole;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class GatewayActorTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static Network started(Networks networks, String name) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<Network> n = networks.get(name);
            if (n.isPresent()) {
                return n.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("network " + name + " did not start");
    }

    @Test
    void aHostOnlyNetworkWithASubnetStartsWithItsGateway() throws Exception {
        NetworkSpec spec = new NetworkSpec("hostonly0", NetworkMode.HOST_ONLY, "10.80.0.0/24", null,
                Duration.ofSeconds(300), 64, 64);
        Networks networks = new Networks(List.of(spec));
        KIT.spawn(NetworkActor.create(spec, networks), "hostonly0");
        Guest g = new Guest(started(networks, "hostonly0"), "vif1.0", 1);
        assertEquals(Ipv4Address.parse("10.80.0.2"), g.dhcp("guest"));
        assertNotNull(g.ping(GatewayCore.mac("hostonly0", 0x58), Ipv4Address.parse("10.80.0.1"), 1, 1));
    }

    @Test
    void anIsolatedNetworkWithoutASubnetStillSwitchesToTheHostSide() throws Exception {
        NetworkSpec spec = new NetworkSpec("isonosub", NetworkMode.ISOLATED, null, null, Duration.ofSeconds(300), 64, 64);
        Networks networks = new Networks(List.of(spec));
        KIT.spawn(NetworkActor.create(spec, networks), "isonosub");
        Network n = started(networks, "isonosub");
        var hostSide = new Frames.Sink("dom0", PortRole.HOST);
        n.attach(hostSide).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Guest g = new Guest(n, "vif1.0", 1);
        g.port.send(Frames.frame(Frames.BROADCAST, g.mac.value(), 46));
        assertNotNull(hostSide.got.poll(5, TimeUnit.SECONDS), "the guest's frame reaches the host side");
    }
}
