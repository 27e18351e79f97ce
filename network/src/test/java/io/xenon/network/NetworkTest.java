package io.xenon.network;

import static io.xenon.network.Frames.BROADCAST;
import static io.xenon.network.Frames.count;
import static io.xenon.network.Frames.frame;
import static io.xenon.network.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.port.PortHandle;
import io.xenon.network.port.PortRole;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kamon.tag.TagSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Network network;
    private String name;

    @BeforeEach
    void start() {
        name = "net" + NAMES.incrementAndGet();
        network = Network.start(new NetworkSpec(name, NetworkMode.BRIDGE, null, null, Duration.ofSeconds(300), 64, 64),
                Materializer.matFromSystem(KIT.system()));
    }

    @AfterEach
    void stop() {
        network.stop();
    }

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private PortHandle attach(Frames.Sink endpoint) throws Exception {
        return network.attach(endpoint).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void carriesFramesBetweenItsPorts() throws Exception {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST);
        PortHandle ha = attach(a);
        PortHandle hb = attach(b);
        byte[] hello = frame(BROADCAST, mac(1), 46);
        ha.send(hello);
        assertArrayEquals(hello, b.got.poll(5, TimeUnit.SECONDS));
        byte[] reply = frame(mac(1), mac(2), 46);
        hb.send(reply);
        assertArrayEquals(reply, a.got.poll(5, TimeUnit.SECONDS));
        assertEquals(name, ha.network());
        TagSet tags = TagSet.of("network", name).withTag("port", "a");
        assertEquals(1, count("xenon.network.port.frames", tags.withTag("direction", "in")));
        // The port counts a frame out once its endpoint took it, which the endpoint's reader can outrun.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count("xenon.network.port.frames", tags.withTag("direction", "out")) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, count("xenon.network.port.frames", tags.withTag("direction", "out")));
    }

    @Test
    void aPortThatLeftGetsNothingMore() throws Exception {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST);
        PortHandle ha = attach(a);
        PortHandle hb = attach(b);
        hb.send(frame(BROADCAST, mac(2), 46));
        assertNotNull(a.got.poll(5, TimeUnit.SECONDS));
        hb.detach().toCompletableFuture().get(5, TimeUnit.SECONDS);
        hb.send(frame(BROADCAST, mac(2), 46));
        ha.send(frame(mac(2), mac(1), 46));
        var c = new Frames.Sink("c", PortRole.GUEST);
        attach(c).send(frame(mac(1), mac(3), 46));
        assertNotNull(a.got.poll(5, TimeUnit.SECONDS), "a later port's frame arrives");
        assertNull(b.got.poll(), "b left before a's frame was sent");
        assertEquals(0, a.got.size(), "b's frame after leaving never went out");
    }

    @Test
    void aFloodingPortDoesNotStarveAnother() throws Exception {
        var flooder = new Frames.Sink("flood", PortRole.GUEST);
        var victim = new Frames.Sink("victim", PortRole.HOST, 0, 4);
        var sender = new Frames.Sink("sender", PortRole.GUEST);
        var receiver = new Frames.Sink("receiver", PortRole.GUEST, 0, 10_000);
        PortHandle hf = attach(flooder);
        PortHandle hv = attach(victim);
        PortHandle hs = attach(sender);
        attach(receiver).send(frame(BROADCAST, mac(4), 46));
        hv.send(frame(BROADCAST, mac(2), 46));
        hs.send(frame(BROADCAST, mac(3), 46));
        Thread.sleep(200);
        receiver.drain();

        Thread flood = new Thread(() -> {
            byte[] f = frame(mac(2), mac(1), 46);
            for (int i = 0; i < 300_000; i++) {
                hf.send(f);
            }
        });
        flood.start();
        for (int i = 0; i < 200; i++) {
            hs.send(frame(mac(4), mac(3), 46));
            Thread.sleep(1);
        }
        flood.join(60_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiver.got.size() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(200, receiver.got.size(), "every frame of the polite sender arrived");
        TagSet flooded = TagSet.of("network", name).withTag("port", "flood").withTag("reason", "queue-full-in");
        TagSet full = TagSet.of("network", name).withTag("port", "victim").withTag("reason", "queue-full-out");
        assertTrue(count("xenon.network.port.drops", full) > 0, "the slow endpoint's drops are counted at its port");
        assertTrue(count("xenon.network.port.frames", TagSet.of("network", name).withTag("port", "flood")
                .withTag("direction", "in")) + count("xenon.network.port.drops", flooded) == 300_000,
                "every flooded frame was either taken or counted as dropped");
    }
}
