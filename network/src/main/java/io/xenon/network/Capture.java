package io.xenon.network;

import io.xenon.network.pcap.PcapWriter;
import io.xenon.network.port.Port;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code xl network-capture}: every frame through one port, both ways, into a pcap file for a
 * while, as {@code tcpdump -i vif3.0 -w FILE} would write it. The port shows frames to a bounded
 * queue, which a writer on the blocking-I/O dispatcher drains, so a slow disk costs captured
 * frames (counted) and never the network's own forwarding.
 */
public final class Capture {

    /** Frames waiting for the writer before more are left out of the file. */
    static final int QUEUE = 4096;
    /** The longest capture. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    /** What a finished capture wrote and what it had to leave out. */
    public record Result(long frames, long missed) {
    }

    private record Stamped(Instant time, byte[] frame) {
    }

    private Capture() {
    }

    /**
     * Captures {@code port} into {@code file} for {@code duration}.
     *
     * @throws IOException              if the file cannot be created
     * @throws IllegalArgumentException if the duration is not between 1 ms and {@link #MAX_DURATION}
     */
    public static CompletionStage<Result> run(Port port, Path file, Duration duration, Materializer materializer)
            throws IOException {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("a capture lasts between 1 ms and " + MAX_DURATION.toMinutes() + " minutes");
        }
        PcapWriter writer = PcapWriter.create(file);
        AtomicLong written = new AtomicLong();
        AtomicLong missed = new AtomicLong();
        var run = Source.<Stamped>queue(QUEUE)
                .takeWithin(duration)
                .toMat(Sink.foreach(s -> {
                    writer.append(s.time(), s.frame(), 0, s.frame().length);
                    written.incrementAndGet();
                }), Keep.both())
                .withAttributes(ActorAttributes.dispatcher("pekko.actor.default-blocking-io-dispatcher"))
                .run(materializer);
        BoundedSourceQueue<Stamped> queue = run.first();
        Consumer<byte[]> tap = frame -> {
            if (!queue.offer(new Stamped(Instant.now(), frame)).isEnqueued()) {
                missed.incrementAndGet();
            }
        };
        port.taps().add(tap);
        return run.second().handle((done, failure) -> {
            port.taps().remove(tap);
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (failure != null) {
                throw new IllegalStateException("capture of " + port.name() + " failed: " + failure.getMessage(), failure);
            }
            return new Result(written.get(), missed.get());
        });
    }
}
