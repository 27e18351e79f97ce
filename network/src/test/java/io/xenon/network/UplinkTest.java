package io.xenon.network;

import static io.xenon.network.Frames.BROADCAST;
import static io.xenon.network.Frames.frame;
import static io.xenon.network.Frames.mac;
import static io.xenon.network.Frames.tagged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.port.PortHandle;
import io.xenon.network.port.PortRole;
import io.xenon.network.tap.DeviceKind;
import io.xenon.network.tap.MemoryTap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UplinkTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @Test
    void joinsATapToTheNetworkBothWaysKeepingVlanTagsOnTheTrunk() throws Exception {
        Materializer mat = Materializer.matFromSystem(KIT.system());
        Network network = Network.start(new NetworkSpec("upl", NetworkMode.BRIDGE, null, "tap:xtap", Duration.ofSeconds(300),
                64, 64), mat);
        var pair = MemoryTap.pair("xtap", DeviceKind.TAP, 1500, 64);
        Uplink uplink = Uplink.start(network, pair.device(), mat).toCompletableFuture().get(5, TimeUnit.SECONDS);
        var guest = new Frames.Sink("vif1.0", PortRole.GUEST, 0, 100);
        var tenant = new Frames.Sink("vif2.0", PortRole.GUEST, 7, 100);
        PortHandle g = network.attach(guest).toCompletableFuture().get(5, TimeUnit.SECONDS);
        PortHandle t = network.attach(tenant).toCompletableFuture().get(5, TimeUnit.SECONDS);

        byte[] fromHost = frame(BROADCAST, mac(50), 46);
        pair.host().send(fromHost);
        assertArrayEquals(fromHost, guest.got.poll(5, TimeUnit.SECONDS), "the host side's broadcast reaches the guest");

        byte[] reply = frame(mac(50), mac(1), 46);
        g.send(reply);
        assertArrayEquals(reply, pair.host().receive(Duration.ofSeconds(5)), "the guest's reply goes out through the TAP");

        t.send(frame(BROADCAST, mac(2), 46));
        assertArrayEquals(tagged(BROADCAST, mac(2), 7), pair.host().receive(Duration.ofSeconds(5)),
                "VLAN 7's frame leaves tagged");
        assertTrue(guest.got.isEmpty(), "and never reaches the untagged guest");

        uplink.stop();
        network.stop();
    }
}
