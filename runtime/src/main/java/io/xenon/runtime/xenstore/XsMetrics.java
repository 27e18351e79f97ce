package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsType;
import java.util.EnumMap;
import java.util.Map;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;

/**
 * The XenStore daemon's Kamon metrics: requests by type, error replies by error, watch events
 * sent, transactions ended (tagged {@code outcome}: commit, abort, conflict, refused), commit
 * conflicts, and the number of nodes in the tree.
 *
 * <p>Thread-safe (Kamon's instruments are); instruments are looked up once.
 */
final class XsMetrics {

    private static final kamon.metric.Metric.Counter OPS = Kamon.counter("xenon.xenstore.ops",
            "XenStore requests handled, by xs_wire type");
    private static final kamon.metric.Metric.Counter ERRORS = Kamon.counter("xenon.xenstore.errors",
            "XenStore error replies, by error name");
    private static final kamon.metric.Metric.Counter TRANSACTIONS = Kamon.counter("xenon.xenstore.transactions",
            "XenStore transactions ended, by outcome");

    private final Map<XsType, Counter> ops = new EnumMap<>(XsType.class);
    private final Counter unknownOps = OPS.withTag("type", "unknown");
    private final Map<XsError, Counter> errors = new EnumMap<>(XsError.class);
    private final Counter watchEvents = Kamon.counter("xenon.xenstore.watch.events",
            "XenStore watch events sent").withoutTags();
    private final Counter conflicts = Kamon.counter("xenon.xenstore.transaction.conflicts",
            "XenStore commits refused with EAGAIN").withoutTags();
    private final Gauge nodes = Kamon.gauge("xenon.xenstore.nodes", "XenStore nodes in the tree").withoutTags();

    XsMetrics() {
        for (XsType t : XsType.values()) {
            ops.put(t, OPS.withTag("type", t.name()));
        }
        for (XsError e : XsError.values()) {
            errors.put(e, ERRORS.withTag("error", e.name()));
        }
    }

    void op(XsType type) {
        (type == null ? unknownOps : ops.get(type)).increment();
    }

    void error(XsError error) {
        errors.get(error).increment();
    }

    void watchEvent() {
        watchEvents.increment();
    }

    void transactionEnded(String outcome) {
        TRANSACTIONS.withTag("outcome", outcome).increment();
    }

    void conflict() {
        conflicts.increment();
    }

    void nodes(int count) {
        nodes.update(count);
    }
}
