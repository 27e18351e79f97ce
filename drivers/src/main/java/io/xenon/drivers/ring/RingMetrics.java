package io.xenon.drivers.ring;

import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * Kamon metrics of one ring end, tagged by domain, device and ring: entries consumed and
 * produced, the occupancy seen at each consume (unconsumed entries left), and notifications
 * sent or suppressed by {@code RING_PUSH_*_AND_CHECK_NOTIFY}'s hold-off.
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
public final class RingMetrics {

    /** No metrics, for rings in tests and benchmarks. */
    public static final RingMetrics NONE = new RingMetrics();

    private static final Metric.Counter CONSUMED = Kamon.counter("xenon.ring.consumed",
            "ring entries consumed (requests at a back end, responses at a front end)");
    private static final Metric.Counter PRODUCED = Kamon.counter("xenon.ring.produced",
            "ring entries produced (responses at a back end, requests at a front end)");
    private static final Metric.Gauge OCCUPANCY = Kamon.gauge("xenon.ring.occupancy",
            "entries still unconsumed after the last one taken");
    private static final Metric.Counter NOTIFICATIONS = Kamon.counter("xenon.ring.notifications",
            "event-channel notifications after a push, by outcome (sent, suppressed)");

    private final TagSet tags;
    private final Counter consumed;
    private final Counter produced;
    private final Gauge occupancy;
    private final Counter sent;
    private final Counter suppressed;

    private RingMetrics() {
        this.tags = null;
        this.consumed = null;
        this.produced = null;
        this.occupancy = null;
        this.sent = null;
        this.suppressed = null;
    }

    /** The metrics of ring {@code ring} ({@code blkif}, {@code tx}, {@code rx}) of a device. */
    public RingMetrics(int domid, String device, String ring) {
        this.tags = TagSet.of("domid", Integer.toString(domid)).withTag("device", device).withTag("ring", ring);
        this.consumed = CONSUMED.withTags(tags);
        this.produced = PRODUCED.withTags(tags);
        this.occupancy = OCCUPANCY.withTags(tags);
        this.sent = NOTIFICATIONS.withTags(tags.withTag("outcome", "sent"));
        this.suppressed = NOTIFICATIONS.withTags(tags.withTag("outcome", "suppressed"));
    }

    /** {@code n} entries consumed at once, {@code left} still unconsumed after them. */
    void consumed(int n, int left) {
        if (tags != null) {
            consumed.increment(n);
            occupancy.update(left);
        }
    }

    /** {@code n} entries produced and published by one push. */
    void produced(int n, boolean notified) {
        if (tags != null) {
            produced.increment(n);
            (notified ? sent : suppressed).increment();
        }
    }

    /** Drops the series (the device is gone). */
    public void remove() {
        if (tags != null) {
            CONSUMED.remove(tags);
            PRODUCED.remove(tags);
            OCCUPANCY.remove(tags);
            NOTIFICATIONS.remove(tags.withTag("outcome", "sent"));
            NOTIFICATIONS.remove(tags.withTag("outcome", "suppressed"));
        }
    }
}
