package io.xenon.network.port;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * One port's metrics, tagged {@code network} and {@code port}: frames and bytes each way
 * ({@code direction=in} for what the endpoint sent into the network, {@code out} for what the
 * network gave it) and frames dropped at the port by reason.
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
public final class PortMetrics {

    private static final Metric.Counter FRAMES = Kamon.counter("xenon.network.port.frames",
            "frames through a network port, by direction (in: from its endpoint, out: to it)");
    private static final Metric.Counter BYTES = Kamon.counter("xenon.network.port.bytes",
            "bytes of frames through a network port, by direction");
    private static final Metric.Counter DROPS = Kamon.counter("xenon.network.port.drops",
            "frames dropped at a network port, by reason");

    private final TagSet tags;
    private final Counter inFrames;
    private final Counter inBytes;
    private final Counter outFrames;
    private final Counter outBytes;
    private final Map<String, Counter> drops = new ConcurrentHashMap<>();

    public PortMetrics(String network, String port) {
        this.tags = TagSet.of("network", network).withTag("port", port);
        this.inFrames = FRAMES.withTags(tags.withTag("direction", "in"));
        this.inBytes = BYTES.withTags(tags.withTag("direction", "in"));
        this.outFrames = FRAMES.withTags(tags.withTag("direction", "out"));
        this.outBytes = BYTES.withTags(tags.withTag("direction", "out"));
    }

    /** A frame its endpoint sent into the network. */
    public void in(int bytes) {
        inFrames.increment();
        inBytes.increment(bytes);
    }

    /** {@code frames} frames of {@code bytes} in all its endpoint sent into the network. */
    public void in(int frames, long bytes) {
        inFrames.increment(frames);
        inBytes.increment(bytes);
    }

    /** A frame the network gave its endpoint. */
    public void out(int bytes) {
        outFrames.increment();
        outBytes.increment(bytes);
    }

    /** A frame dropped at this port; {@code reason} is one of a fixed set of words. */
    public void dropped(String reason) {
        dropped(reason, 1);
    }

    /** {@code n} frames dropped at this port for {@code reason}. */
    public void dropped(String reason, int n) {
        drops.computeIfAbsent(reason, r -> DROPS.withTags(tags.withTag("reason", r))).increment(n);
    }

    /** Removes the port's series (it left the network). */
    public void remove() {
        FRAMES.remove(tags.withTag("direction", "in"));
        FRAMES.remove(tags.withTag("direction", "out"));
        BYTES.remove(tags.withTag("direction", "in"));
        BYTES.remove(tags.withTag("direction", "out"));
        drops.keySet().forEach(r -> DROPS.remove(tags.withTag("reason", r)));
    }
}
