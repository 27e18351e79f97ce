package io.xenon.drivers.console;

import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * Kamon metrics of one console back end: bytes the guest printed
 * ({@code xenon.console.bytes.out}), bytes typed into it ({@code xenon.console.bytes.in}), both
 * tagged with the domid, and rings found broken and reset ({@code xenon.console.ring.resets},
 * tagged with the domid and the ring, {@code out} or {@code in}).
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
final class ConsoleBackMetrics {

    private static final Metric.Counter BYTES_OUT = Kamon.counter("xenon.console.bytes.out",
            "bytes domains wrote to their PV console, by domid");
    private static final Metric.Counter BYTES_IN = Kamon.counter("xenon.console.bytes.in",
            "bytes put into domains' PV console input ring, by domid");
    private static final Metric.Counter RING_RESETS = Kamon.counter("xenon.console.ring.resets",
            "PV console rings found with out-of-range indices and reset, by domid and ring");

    private final TagSet tags;
    private final Counter out;
    private final Counter in;

    ConsoleBackMetrics(int domid) {
        this.tags = TagSet.of("domid", Integer.toString(domid));
        this.out = BYTES_OUT.withTags(tags);
        this.in = BYTES_IN.withTags(tags);
    }

    void out(int bytes) {
        out.increment(bytes);
    }

    void in(int bytes) {
        in.increment(bytes);
    }

    void ringReset(String ring) {
        RING_RESETS.withTags(tags.withTag("ring", ring)).increment();
    }

    /** Drops this domain's series (its console is gone). */
    void remove() {
        BYTES_OUT.remove(tags);
        BYTES_IN.remove(tags);
        RING_RESETS.remove(tags.withTag("ring", "out"));
        RING_RESETS.remove(tags.withTag("ring", "in"));
    }
}
