package io.xenon.network;

import static io.xenon.network.Frames.BROADCAST;
import static io.xenon.network.Frames.frame;
import static io.xenon.network.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.pcap.PcapReader;
import io.xenon.network.pcap.PcapRecord;
import io.xenon.network.port.PortHandle;
import io.xenon.network.port.PortRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @Test
    void writesEveryFrameThroughThePortBothWaysForItsDuration(@TempDir Path dir) throws Exception {
        Materializer mat = Materializer.matFromSystem(KIT.system());
        Network network = Network.start(new NetworkSpec("cap", NetworkMode.BRIDGE, null, null, Duration.ofSeconds(300),
                64, 64), mat);
        var a = new Frames.Sink("vif1.0", PortRole.GUEST);
        var b = new Frames.Sink("vif2.0", PortRole.GUEST);
        PortHandle ha = network.attach(a).toCompletableFuture().get(5, TimeUnit.SECONDS);
        PortHandle hb = network.attach(b).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Path file = dir.resolve("vif1.0.pcap");

        var done = Capture.run(network.port("vif1.0").orElseThrow(), file, Duration.ofMillis(1500), mat);
        byte[] out = frame(BROADCAST, mac(1), 46);
        byte[] back = frame(mac(1), mac(2), 60);
        ha.send(out);
        assertArrayEquals(out, b.got.poll(5, TimeUnit.SECONDS));
        hb.send(back);
        assertArrayEquals(back, a.got.poll(5, TimeUnit.SECONDS));
        Capture.Result result = done.toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(new Capture.Result(2, 0), result);
        List<PcapRecord> records = PcapReader.readAll(file);
        assertEquals(2, records.size());
        assertArrayEquals(out, records.get(0).data());
        assertArrayEquals(back, records.get(1).data());
        assertTrue(records.get(0).timestampMicros() <= records.get(1).timestampMicros());
        hb.send(frame(mac(1), mac(2), 46));
        assertTrue(a.got.poll(5, TimeUnit.SECONDS) != null);
        assertEquals(2, PcapReader.readAll(file).size(), "nothing is written after the capture ends");
        network.stop();
    }

    @Test
    void refusesADurationOutOfBounds(@TempDir Path dir) {
        Materializer mat = Materializer.matFromSystem(KIT.system());
        var port = new io.xenon.network.port.Port(1, new Frames.Sink("x", PortRole.GUEST),
                new io.xenon.network.port.PortMetrics("none", "x"));
        assertThrows(IllegalArgumentException.class, () -> Capture.run(port, dir.resolve("f"), Duration.ZERO, mat));
        assertThrows(IllegalArgumentException.class, () -> Capture.run(port, dir.resolve("f"), Duration.ofHours(2), mat));
    }
}
