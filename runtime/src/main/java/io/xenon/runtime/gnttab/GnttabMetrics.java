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

    private final TagSet tags;
    private final Counter maps;
    private final Counter unmaps;
    private final Counter copies;
    private final Gauge active;
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    GnttabMetrics(int domid) {
        this.tags = TagSet.of("domid", Integer.toString(domid));
        this.maps = MAPS.withTags(tags);
        this.unmaps = UNMAPS.withTags(tags);
        this.copies = COPIES.withTags(tags);
        this.active = ACTIVE.withTags(tags);
    }

    void mapped() {
        maps.increment();
        active.update(held.incrementAndGet());
    }

    void unmapped() {
        unmaps.increment();
        active.update(held.decrementAndGet());
    }

    void copied() {
        copies.increment();
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
