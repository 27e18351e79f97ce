package io.xenon.runtime.evtchn;

import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * Event-channel Kamon metrics: sends per domain ({@code xenon.evtchn.sends}, tagged with the
 * sender's name and domid), upcalls raised ({@code xenon.evtchn.upcalls}), sends dropped on an
 * unbound port ({@code xenon.evtchn.dropped}) and refused operations
 * ({@code xenon.evtchn.errors}, tagged with the op and the errno).
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
final class EvtchnMetrics {

    private static final Metric.Counter SENDS = Kamon.counter("xenon.evtchn.sends",
            "EVTCHNOP_send calls that succeeded, by sending domain");
    private static final Counter UPCALLS = Kamon.counter("xenon.evtchn.upcalls",
            "event upcalls raised on vCPUs").withoutTags();
    private static final Counter DROPPED = Kamon.counter("xenon.evtchn.dropped",
            "sends on an unbound port, dropped as Xen drops them").withoutTags();
    private static final Metric.Counter ERRORS = Kamon.counter("xenon.evtchn.errors",
            "event-channel operations refused, by op and errno");

    private final TagSet tags;
    private final Counter sends;

    EvtchnMetrics(int domid, String name) {
        this.tags = TagSet.builder().add("domain", name).add("domid", Integer.toString(domid)).build();
        this.sends = SENDS.withTags(tags);
    }

    void sent() {
        sends.increment();
    }

    void upcall() {
        UPCALLS.increment();
    }

    void dropped() {
        DROPPED.increment();
    }

    /** Counts {@code rc} against {@code op} if it is an error, and returns it. */
    static int count(String op, int rc) {
        if (rc < 0) {
            ERRORS.withTags(TagSet.builder().add("op", op).add("errno", Integer.toString(-rc)).build()).increment();
        }
        return rc;
    }

    /** Drops this domain's series (its table is gone). */
    void remove() {
        SENDS.remove(tags);
    }
}
