package io.xenon.drivers.blk.back;

import io.xenon.abi.blkif.Blkif;
import io.xenon.drivers.DeviceStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Metric;
import kamon.metric.Timer;
import kamon.tag.TagSet;

/**
 * One vbd back end's metrics, tagged with the front end's {@code domid} and the vbd's
 * {@code device} number: requests by {@code BLKIF_OP_*}, bytes read from and written to the
 * image, the time from a request's decode to its response, and the requests answered with an
 * error status, by status and reason. What {@code xentop}'s VBD_RD / VBD_WR / VBD_OO columns count,
 * also kept as never-reset totals in {@link DeviceStats}.
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
final class BlkBackMetrics {

    private static final Metric.Counter REQUESTS = Kamon.counter("xenon.blkback.requests",
            "blkif requests processed, by operation");
    private static final Metric.Counter BYTES = Kamon.counter("xenon.blkback.bytes",
            "bytes moved between guests and disk images, by direction (read, written)");
    private static final Metric.Timer LATENCY = Kamon.timer("xenon.blkback.latency",
            "time from taking a blkif request to producing its response");
    private static final Metric.Counter ERRORS = Kamon.counter("xenon.blkback.errors",
            "blkif requests answered with an error status, by status and reason");

    /** The largest {@code BLKIF_OP_*}; a higher code is counted as {@code unknown}. */
    private static final int LAST_OP = Blkif.BLKIF_OP_INDIRECT;

    private final TagSet tags;
    private final Counter[] requests = new Counter[LAST_OP + 2];
    private final Map<TagSet, Counter> errors = new ConcurrentHashMap<>();
    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final Timer latency;
    private final int domid;
    private final String device;
    private final DeviceStats.Counters totals;

    BlkBackMetrics(int domid, String device) {
        this.tags = TagSet.of("domid", Integer.toString(domid)).withTag("device", device);
        this.bytesRead = BYTES.withTags(tags.withTag("direction", "read"));
        this.bytesWritten = BYTES.withTags(tags.withTag("direction", "written"));
        this.latency = LATENCY.withTags(tags);
        this.domid = domid;
        this.device = device;
        this.totals = DeviceStats.open(domid, "vbd", device);
        for (int op = 0; op <= LAST_OP + 1; op++) {
            requests[op] = REQUESTS.withTags(opTags(op));
        }
    }

    // UNTRUSTED: the operation is the guest's; unknown codes share one series, so a guest
    // cannot create series without bound.
    private TagSet opTags(int op) {
        return tags.withTag("op", op <= LAST_OP ? Blkif.opName(op) : "unknown");
    }

    /**
     * One request of {@code operation} done in {@code nanos}; {@code dataOp} is the operation on
     * the data, an indirect request's {@code indirect_op}, which the totals count as blkback's
     * {@code rd_req} and {@code wr_req} do.
     */
    void request(int operation, int dataOp, long nanos) {
        requests[operation >= 0 && operation <= LAST_OP ? operation : LAST_OP + 1].increment();
        latency.record(nanos);
        if (dataOp == Blkif.BLKIF_OP_READ) {
            totals.add(DeviceStats.Counter.RD_REQS, 1);
        } else if (dataOp == Blkif.BLKIF_OP_WRITE) {
            totals.add(DeviceStats.Counter.WR_REQS, 1);
        }
    }

    void read(long bytes) {
        bytesRead.increment(bytes);
        totals.add(DeviceStats.Counter.RD_BYTES, bytes);
    }

    void written(long bytes) {
        bytesWritten.increment(bytes);
        totals.add(DeviceStats.Counter.WR_BYTES, bytes);
    }

    void error(int status, String reason) {
        errors.computeIfAbsent(tags.withTag("status", Blkif.statusName(status)).withTag("reason", reason),
                ERRORS::withTags).increment();
    }

    /** Drops this vbd's series (the device is gone). */
    void remove() {
        DeviceStats.close(domid, "vbd", device, totals);
        for (int op = 0; op <= LAST_OP + 1; op++) {
            REQUESTS.remove(opTags(op));
        }
        errors.keySet().forEach(ERRORS::remove);
        BYTES.remove(tags.withTag("direction", "read"));
        BYTES.remove(tags.withTag("direction", "written"));
        LATENCY.remove(tags);
    }
}
