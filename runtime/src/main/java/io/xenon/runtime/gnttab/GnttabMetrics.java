package io.xenon.runtime.gnttab;

import io.xenon.abi.gnttab.GrantStatus;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * One domain's grant-table metrics, tagged with its domid: mappings made and undone, copies, and
 * the mappings it holds now; plus the failed operations of all domains, tagged with the operation
 * and its {@code GNTST_*} status.
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
final class GnttabMetrics {

    private static final Metric.Counter MAPS = Kamon.counter("xenon.gnttab.maps",
            "grant mappings made (GNTTABOP_map_grant_ref)");
    private static final Metric.Counter UNMAPS = Kamon.counter("xenon.gnttab.unmaps",
            "grant mappings undone: GNTTABOP_unmap_grant_ref, or released with a dead domain");
    private static final Metric.Counter COPIES = Kamon.counter("xenon.gnttab.copies",
            "GNTTABOP_copy operations done");
    private static final Metric.Counter ERRORS = Kamon.counter("xenon.gnttab.errors",
            "grant-table operations that failed, by GNTST status");
    /** A gauge, not a range sampler: a sampler's histogram would cost tens of KiB per domain. */
    private static final Metric.Gauge ACTIVE = Kamon.gauge("xenon.gnttab.mappings.active",
            "grant mappings the domain holds of other domains' pages");

    // The domain's instruments are made on first use: most domains never map or copy a grant,
    // and a thousand idle domains should not carry four series each.
    private final TagSet tags;
    private Counter maps;
    private Counter unmaps;
    private Counter copies;
    private Gauge active;
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    GnttabMetrics(int domid) {
        this.tags = TagSet.of("domid", Integer.toString(domid));
    }

    synchronized void mapped() {
        if (maps == null) {
            maps = MAPS.withTags(tags);
            active = ACTIVE.withTags(tags);
        }
        maps.increment();
        active.update(held.incrementAndGet());
    }

    synchronized void unmapped() {
        if (unmaps == null) {
            unmaps = UNMAPS.withTags(tags);
        }
        unmaps.increment();
        if (active != null) {
            active.update(held.decrementAndGet());
        }
    }

    synchronized void copied() {
        if (copies == null) {
            copies = COPIES.withTags(tags);
        }
        copies.increment();
    }

    synchronized void copied(int n) {
        if (copies == null) {
            copies = COPIES.withTags(tags);
        }
        copies.increment(n);
    }

    /** Drops this domain's series (its table is gone). */
    void remove() {
        MAPS.remove(tags);
        UNMAPS.remove(tags);
        COPIES.remove(tags);
        ACTIVE.remove(tags);
    }

    static void failed(String op, GrantStatus status) {
        ERRORS.withTags(TagSet.of("op", op).withTag("status", status.name())).increment();
    }
}
