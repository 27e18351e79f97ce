package io.xenon.network.gateway;

import com.typesafe.config.ConfigFactory;
import io.xenon.network.Network;
import io.xenon.network.NetworkSpec;
import io.xenon.network.tap.DeviceKind;
import io.xenon.network.tap.MemoryTap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A network and its gateway for the gateway's unit tests, as a JUnit extension registered in a
 * static field: one actor test kit per test class, and per test a network started from its
 * keys with its gateway, on an in-memory uplink or none, both stopped after the test.
 */
final class GatewayFixture implements AfterEachCallback, AfterAllCallback {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ActorTestKit kit = ActorTestKit.create();
    private final String prefix;
    private final List<Runnable> cleanup = new ArrayList<>();
    String name;
    Network network;
    Gateway gateway;
    MemoryTap host;

    /** Networks named {@code prefix} and a number. */
    GatewayFixture(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Starts a network from {@code keys} (its mode, subnet and any more, as HOCON) and its
     * gateway. With an {@code uplink} kind the gateway's uplink is an in-memory device of that
     * kind at 10.99.0.2/24 behind 10.99.0.1, whose host side is {@link #host}; with null it has
     * none.
     */
    void start(String keys, DeviceKind uplink) throws Exception {
        name = prefix + NAMES.incrementAndGet();
        String uplinkKeys = uplink == null ? "" : "uplink = \"" + (uplink == DeviceKind.TUN ? "tun" : "tap") + ":x"
                + name + "\", uplink-address = \"10.99.0.2/24\", uplink-gateway = \"10.99.0.1\", ";
        NetworkSpec spec = NetworkSpec.all(ConfigFactory.parseString("xenon.networks = [{ name = " + name + ", "
                + uplinkKeys + keys + " }]").withFallback(ConfigFactory.load()).getConfig("xenon")).get(0);
        Materializer mat = Materializer.matFromSystem(kit.system());
        network = Network.start(spec, mat);
        cleanup.add(network::stop);
        MemoryTap.Pair pair = uplink == null ? null : MemoryTap.pair("x" + name, uplink, 1500, 256);
        host = pair == null ? null : pair.host();
        gateway = Gateway.start(network, pair == null ? null : pair.device(), mat).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        cleanup.add(gateway::stop);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).run();
        }
        cleanup.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kit.shutdownTestKit();
    }
}
