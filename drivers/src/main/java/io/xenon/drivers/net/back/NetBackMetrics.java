package io.xenon.drivers.net.back;

import io.xenon.drivers.DeviceStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * One vif's metrics, tagged with the front end's {@code domid} and the interface name
 * {@code vif}: frames and bytes each way ({@code direction=tx} for what the guest sent,
 * {@code rx} for what it received, as netfront names its rings), frames dropped by reason, and
 * tx requests answered {@code NETIF_RSP_ERROR} by reason. What {@code xentop}'s NETTX / NETRX
 * columns count, also kept as never-reset totals in {@link DeviceStats}.
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
final class NetBackMetrics {

    private static final Metric.Counter FRAMES = Kamon.counter("xenon.netback.frames",
            "Ethernet frames through a vif, by direction (tx: from the guest, rx: to the guest)");
    private static final Metric.Counter BYTES = Kamon.counter("xenon.netback.bytes",
            "bytes of Ethernet frames through a vif, by direction");
    private static final Metric.Counter DROPS = Kamon.counter("xenon.netback.drops",
            "frames a vif dropped, by reason");
    private static final Metric.Counter RATE_DELAYS = Kamon.counter("xenon.netback.rate.delays",
            "times a vif's rate= held its transmit ring until the next credit");
    private static final Metric.Counter RATE_DELAY_TIME = Kamon.counter("xenon.netback.rate.delay-time",
            "nanoseconds a vif's rate= held its transmit ring");
    private static final Metric.Counter ERRORS = Kamon.counter("xenon.netback.errors",
            "tx requests answered NETIF_RSP_ERROR and rx buffers that could not be filled, by reason");

    private final TagSet tags;
    private final Counter txFrames;
    private final Counter txBytes;
    private final Counter rxFrames;
    private final Counter rxBytes;
    private final Map<String, Counter> drops = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final int domid;
    private final String vif;
    private final DeviceStats.Counters totals;

    NetBackMetrics(int domid, String vif) {
        this.tags = TagSet.of("domid", Integer.toString(domid)).withTag("vif", vif);
        this.domid = domid;
        this.vif = vif;
        this.totals = DeviceStats.open(domid, "vif", vif);
        this.txFrames = FRAMES.withTags(tags.withTag("direction", "tx"));
        this.txBytes = BYTES.withTags(tags.withTag("direction", "tx"));
        this.rxFrames = FRAMES.withTags(tags.withTag("direction", "rx"));
        this.rxBytes = BYTES.withTags(tags.withTag("direction", "rx"));
    }

    /** {@code frames} frames of {@code bytes} in all from the guest, counted once per batch. */
    void sent(int frames, long bytes) {
        if (frames > 0) {
            txFrames.increment(frames);
            txBytes.increment(bytes);
            totals.add(DeviceStats.Counter.FROM_GUEST_FRAMES, frames);
            totals.add(DeviceStats.Counter.FROM_GUEST_BYTES, bytes);
        }
    }

    /** {@code frames} frames of {@code bytes} in all into the guest, counted once per batch. */
    void received(int frames, long bytes) {
        if (frames > 0) {
            rxFrames.increment(frames);
            rxBytes.increment(bytes);
            totals.add(DeviceStats.Counter.TO_GUEST_FRAMES, frames);
            totals.add(DeviceStats.Counter.TO_GUEST_BYTES, bytes);
        }
    }

    /** A frame dropped; {@code reason} is one of a fixed set of words, never the guest's text. */
    void dropped(String reason) {
        drops.computeIfAbsent(reason, r -> DROPS.withTags(tags.withTag("reason", r))).increment();
        totals.add(DeviceStats.Counter.DROPS, 1);
    }

    /** The vif's rate held its transmit ring for {@code nanos}. */
    void rateDelayed(long nanos) {
        RATE_DELAYS.withTags(tags).increment();
        RATE_DELAY_TIME.withTags(tags).increment(nanos);
    }

    /** A request refused; {@code reason} is one of a fixed set of words. */
    void error(String reason) {
        errors.computeIfAbsent(reason, r -> ERRORS.withTags(tags.withTag("reason", r))).increment();
        totals.add(DeviceStats.Counter.ERRORS, 1);
    }

    /** Drops this vif's series (the device is gone). */
    void remove() {
        DeviceStats.close(domid, "vif", vif, totals);
        FRAMES.remove(tags.withTag("direction", "tx"));
        FRAMES.remove(tags.withTag("direction", "rx"));
        BYTES.remove(tags.withTag("direction", "tx"));
        BYTES.remove(tags.withTag("direction", "rx"));
        RATE_DELAYS.remove(tags);
        RATE_DELAY_TIME.remove(tags);
        drops.keySet().forEach(r -> DROPS.remove(tags.withTag("reason", r)));
        errors.keySet().forEach(r -> ERRORS.remove(tags.withTag("reason", r)));
    }
}
