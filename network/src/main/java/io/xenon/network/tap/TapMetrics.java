package io.xenon.network.tap;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * One TAP or TUN flow's metrics, tagged with the interface name {@code device} and its
 * {@code kind} ({@code tap} or {@code tun}): frames and bytes each way ({@code direction=in}
 * for what was read from the device into Xenon, {@code out} for what was written to it), and
 * frames dropped by reason. What {@code ip -s link} counts on the Linux side, seen from Xenon.
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
final class TapMetrics {

    /** A frame longer than the device's MTU plus its link header. */
    static final String OVERSIZE = "oversize";
    /** A frame read while the flow's buffer was full: downstream was slower than the device. */
    static final String OVERRUN = "overrun";
    /** A read the device failed. */
    static final String READ_ERROR = "read-error";
    /** A write the device refused. */
    static final String WRITE_ERROR = "write-error";

    static final String FRAMES_METRIC = "xenon.tap.frames";
    static final String BYTES_METRIC = "xenon.tap.bytes";
    static final String DROPS_METRIC = "xenon.tap.drops";

    private static final Metric.Counter FRAMES = Kamon.counter(FRAMES_METRIC,
            "frames through a TAP or TUN device, by direction (in: read from it, out: written to it)");
    private static final Metric.Counter BYTES = Kamon.counter(BYTES_METRIC,
            "bytes of frames through a TAP or TUN device, by direction");
    private static final Metric.Counter DROPS = Kamon.counter(DROPS_METRIC,
            "frames a TAP or TUN flow dropped, by reason");

    private final TagSet tags;
    private final Counter inFrames;
    private final Counter inBytes;
    private final Counter outFrames;
    private final Counter outBytes;
    private final Map<TagSet, Counter> drops = new ConcurrentHashMap<>();

    TapMetrics(String device, DeviceKind kind) {
        this.tags = tags(device, kind);
        this.inFrames = FRAMES.withTags(tags.withTag("direction", "in"));
        this.inBytes = BYTES.withTags(tags.withTag("direction", "in"));
        this.outFrames = FRAMES.withTags(tags.withTag("direction", "out"));
        this.outBytes = BYTES.withTags(tags.withTag("direction", "out"));
    }

    /** The tags every series of {@code device} carries. */
    static TagSet tags(String device, DeviceKind kind) {
        return TagSet.of("device", device).withTag("kind", kind.name().toLowerCase(Locale.ROOT));
    }

    /** A frame read from the device and passed on. */
    void in(int bytes) {
        inFrames.increment();
        inBytes.increment(bytes);
    }

    /** A frame written to the device. */
    void out(int bytes) {
        outFrames.increment();
        outBytes.increment(bytes);
    }

    /** A frame dropped; {@code reason} is one of this class's constants. */
    void dropped(String reason) {
        drops.computeIfAbsent(tags.withTag("reason", reason), DROPS::withTags).increment();
    }

    /** Drops this device's series (the device is gone). */
    void remove() {
        FRAMES.remove(tags.withTag("direction", "in"));
        FRAMES.remove(tags.withTag("direction", "out"));
        BYTES.remove(tags.withTag("direction", "in"));
        BYTES.remove(tags.withTag("direction", "out"));
        drops.keySet().forEach(DROPS::remove);
    }
}
