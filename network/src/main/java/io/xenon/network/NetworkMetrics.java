package io.xenon.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * One network's metrics, tagged {@code network}: frames by what the fabric did with them
 * ({@code forwarded} to one port, {@code flooded} to all, {@code filtered} because the
 * destination is on the port it came from), frames dropped by reason, and the learned addresses.
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
public final class NetworkMetrics {

    private static final Metric.Counter FRAMES = Kamon.counter("xenon.network.frames",
            "frames a network's fabric handled, by action (forwarded, flooded, filtered)");
    private static final Metric.Counter DROPS = Kamon.counter("xenon.network.drops",
            "frames a network dropped before forwarding, by reason");
    private static final Metric.Gauge MACS = Kamon.gauge("xenon.network.mac.entries",
            "MAC addresses a network has learned");

    private final TagSet tags;
    private final Counter forwarded;
    private final Counter flooded;
    private final Counter filtered;
    private final Gauge macs;
    private final Map<String, Counter> drops = new ConcurrentHashMap<>();

    public NetworkMetrics(String network) {
        this.tags = TagSet.of("network", network);
        this.forwarded = FRAMES.withTags(tags.withTag("action", "forwarded"));
        this.flooded = FRAMES.withTags(tags.withTag("action", "flooded"));
        this.filtered = FRAMES.withTags(tags.withTag("action", "filtered"));
        this.macs = MACS.withTags(tags);
    }

    public void forwarded() {
        forwarded.increment();
    }

    public void flooded() {
        flooded.increment();
    }

    public void filtered() {
        filtered.increment();
    }

    /** A frame dropped by the network; {@code reason} is one of a fixed set of words. */
    public void dropped(String reason) {
        drops.computeIfAbsent(reason, r -> DROPS.withTags(tags.withTag("reason", r))).increment();
    }

    public void macEntries(int n) {
        macs.update(n);
    }

    /** Removes the network's series. */
    public void remove() {
        for (String a : new String[] {"forwarded", "flooded", "filtered"}) {
            FRAMES.remove(tags.withTag("action", a));
        }
        drops.keySet().forEach(r -> DROPS.remove(tags.withTag("reason", r)));
        MACS.remove(tags);
    }
}
