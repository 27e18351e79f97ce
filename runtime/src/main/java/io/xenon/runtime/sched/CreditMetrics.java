package io.xenon.runtime.sched;

import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.tag.TagSet;

/**
 * The credit scheduler's Kamon metrics (tagged {@code pool}): scheduling decisions, steals from
 * peer run queues, boosts, parks; each domain's credit (tagged {@code domid}); and each vCPU's
 * running, runnable and blocked time in nanoseconds (tagged {@code domid}, {@code vcpu}).
 *
 * <p>Thread-safe (Kamon's instruments are); instruments are looked up once per pool or vCPU.
 */
final class CreditMetrics {

    private static final kamon.metric.Metric.Gauge CREDIT = Kamon.gauge("xenon.sched.credit",
            "Credit scheduler: the sum of a domain's units' credit at the last accounting");
    private static final kamon.metric.Metric.Counter RUN = Kamon.counter("xenon.sched.vcpu.run.time",
            "Nanoseconds a vCPU ran");
    private static final kamon.metric.Metric.Counter RUNNABLE = Kamon.counter("xenon.sched.vcpu.runnable.time",
            "Nanoseconds a vCPU waited in a run queue");
    private static final kamon.metric.Metric.Counter BLOCKED = Kamon.counter("xenon.sched.vcpu.blocked.time",
            "Nanoseconds a vCPU was blocked or down");

    private static final kamon.metric.Metric.Counter DECISIONS = Kamon.counter("xenon.sched.decisions",
            "Scheduling decisions (do_schedule)");
    private static final kamon.metric.Metric.Counter STEALS = Kamon.counter("xenon.sched.steals",
            "Units taken from a peer pCPU's run queue");
    private static final kamon.metric.Metric.Counter BOOSTS = Kamon.counter("xenon.sched.boosts",
            "Wakes that raised a unit to BOOST");
    private static final kamon.metric.Metric.Counter PARKS = Kamon.counter("xenon.sched.parks",
            "Capped units parked until their credit recovers");

    private final String pool;
    final Counter decisions;
    final Counter steals;
    final Counter boosts;
    final Counter parks;

    CreditMetrics(String pool) {
        this.pool = pool;
        this.decisions = DECISIONS.withTag("pool", pool);
        this.steals = STEALS.withTag("pool", pool);
        this.boosts = BOOSTS.withTag("pool", pool);
        this.parks = PARKS.withTag("pool", pool);
    }

    /** The pool is destroyed: its counters go. */
    void poolGone() {
        TagSet tags = TagSet.of("pool", pool);
        DECISIONS.remove(tags);
        STEALS.remove(tags);
        BOOSTS.remove(tags);
        PARKS.remove(tags);
    }

    /** Each vCPU's three time counters. */
    static final class VcpuTimes {
        private final Counter run;
        private final Counter runnable;
        private final Counter blocked;

        private VcpuTimes(TagSet tags) {
            this.run = RUN.withTags(tags);
            this.runnable = RUNNABLE.withTags(tags);
            this.blocked = BLOCKED.withTags(tags);
        }

        void add(CreditUnit.State state, long nanos) {
            if (nanos <= 0) {
                return;
            }
            switch (state) {
                case RUNNING -> run.increment(nanos);
                case RUNNABLE -> runnable.increment(nanos);
                case BLOCKED -> blocked.increment(nanos);
            }
        }
    }

    VcpuTimes vcpu(int domid, int vcpu) {
        return new VcpuTimes(TagSet.builder().add("pool", pool).add("domid", String.valueOf(domid))
                .add("vcpu", String.valueOf(vcpu)).build());
    }

    Gauge credit(int domid) {
        return CREDIT.withTags(domTags(domid));
    }

    void domainGone(int domid) {
        CREDIT.remove(domTags(domid));
    }

    private TagSet domTags(int domid) {
        return TagSet.builder().add("pool", pool).add("domid", String.valueOf(domid)).build();
    }
}
