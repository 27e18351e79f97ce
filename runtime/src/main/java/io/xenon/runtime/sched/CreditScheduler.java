package io.xenon.runtime.sched;

import io.xenon.runtime.domain.Domain;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Xen's credit scheduler (credit1, {@code xen/common/sched/credit.c}): proportional share by
 * weight, caps, BOOST for waking units, per-pCPU run queues with work stealing.
 *
 * <p>Every time slice (30 ms by default) {@link #tick} runs the accounting ({@code csched_acct}):
 * {@code credits_per_tslice × pcpus} credits are shared among the domains whose units used CPU
 * lately, by weight and within caps; a unit with credit left is UNDER, one without is OVER, and a
 * capped unit too far in debt is parked until its credit is positive again. Units burn 10 credits
 * per millisecond of measured CPU time, reported in {@link #descheduled}. A unit that wakes from a
 * block while UNDER is BOOSTed, so it runs before every UNDER and OVER unit.
 *
 * <p>XEN-DIFF: the framework cannot preempt a running slice, so a slice is at most one tick
 * (10 ms). At each tick boundary the pCPU's current unit keeps running until its time slice ends,
 * unless a unit of a higher priority waits in the pCPU's run queue: the same effect as Xen's tick
 * plus a wake's tickle, within a tick. BOOST is removed when a slice ends with the unit still
 * runnable (Xen: when a tick finds it running). Load balancing is not rate-limited, and a unit
 * that yields goes to the tail of its priority. pCPUs are threads that a busy machine may not run
 * all the time, so the credit shared out at each accounting is scaled by the CPU time slices got
 * per wall-clock time (see {@link CreditAccounting}).
 *
 * <p>Confined to its owner.
 */
public final class CreditScheduler implements Scheduler {

    /** {@code CSCHED_DEFAULT_WEIGHT}. */
    public static final int DEFAULT_WEIGHT = 256;
    /** {@code CSCHED_DEFAULT_TSLICE_MS}. */
    public static final int DEFAULT_TSLICE_MS = 30;
    /** {@code sched_ratelimit_us}'s default. */
    public static final int DEFAULT_RATELIMIT_US = 1000;
    /** {@code XEN_SYSCTL_CSCHED_TSLICE_MIN} / {@code _MAX}, ms. */
    public static final int TSLICE_MIN_MS = 1;
    public static final int TSLICE_MAX_MS = 1000;
    /** {@code XEN_SYSCTL_SCHED_RATELIMIT_MIN} / {@code _MAX}, µs. */
    public static final int RATELIMIT_MIN_US = 100;
    public static final int RATELIMIT_MAX_US = 500_000;
    /** {@code XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US}: the longest vCPU migration delay, µs. */
    public static final int MIGRATION_DELAY_MAX_US = 100_000;
    /** The range of {@code cpu_weight} / {@code xl sched-credit -w}. */
    public static final int WEIGHT_MIN = 1;
    public static final int WEIGHT_MAX = 65535;
    /**
     * Internal credits per Xen credit. XEN-DIFF: Xen's credit is 100 µs
     * ({@code CSCHED_CREDITS_PER_MSEC} = 10); with hundreds of units per pCPU a unit's share of a
     * period is a credit or two and the rounding up in the accounting swamps the weights. Xenon
     * counts in 1 µs and reports Xen's credits ({@link #credit}).
     */
    static final int SCALE = 100;
    /** One internal credit: 1 µs of CPU time. */
    static final long NANOS_PER_CREDIT = 100_000 / SCALE;
    /** {@code CSCHED_TICKS_PER_TSLICE}. */
    static final int TICKS_PER_TSLICE = 3;

    private final int pcpus;
    /** The cpupool's pCPUs, or null while the pool has all {@code pcpus}. */
    private BitSet cpus;
    private final CreditRunq[] runqs;
    /** What each pCPU runs, between {@link #doSchedule} and {@link #descheduled}. */
    private final CreditUnit[] running;
    /** A pCPU's unit whose slice ended while its time slice goes on: the next doSchedule decides. */
    private final CreditUnit[] current;
    private final Map<Domain, CreditDom> doms = new IdentityHashMap<>();
    private final List<CreditDom> activeDoms = new ArrayList<>();
    private final CreditMetrics metrics;
    private final List<CreditUnit> misplaced = new ArrayList<>();
    private final CreditPlacement placement;
    private long tsliceNanos;
    private long tickNanos;
    private long ratelimitNanos;
    private int creditsPerTslice;
    /**
     * {@code vcpu_migr_delay_us}: how long after it ran a unit counts as cache-hot, so that
     * another pCPU should not steal it. XEN-DIFF: kept and reported per pool, but stealing does
     * not consult it yet; every unit is stolen as if the delay were 0 (Xen's default).
     */
    private int migrationDelayUs;
    private int creditBalance;
    /** CPU time and wall time of the slices that ended since the last accounting. */
    private long periodRanNanos;
    private long periodWallNanos;
    private boolean ticking;
    private long nextAcct;
    private long decisions;
    private long steals;
    private long boosts;
    private long parks;

    /**
     * A credit scheduler for cpupool {@code pool} on a host of {@code pcpus} pCPUs, all of them
     * the pool's until {@link #setCpus} says otherwise.
     */
    public CreditScheduler(String pool, int pcpus, int tsliceMs, int ratelimitUs) {
        if (pcpus <= 0) {
            throw new IllegalArgumentException("pcpus must be positive: " + pcpus);
        }
        this.pcpus = pcpus;
        this.runqs = new CreditRunq[pcpus];
        for (int i = 0; i < pcpus; i++) {
            runqs[i] = new CreditRunq(i);
        }
        this.running = new CreditUnit[pcpus];
        this.current = new CreditUnit[pcpus];
        this.placement = new CreditPlacement(runqs, running, current);
        this.metrics = new CreditMetrics(pool);
        setPoolParams(tsliceMs, ratelimitUs, 0);
    }

    /**
     * {@code xl sched-credit -s -t -r -m}: the time slice (1 to 1000 ms), the context-switch rate
     * limit (0, or 100 µs to 500 ms and no longer than the time slice) and the vCPU migration
     * delay (0 to 100 ms). The messages are libxl's ({@code libxl_sched_credit_params_set}).
     */
    public void setPoolParams(int tsliceMs, int ratelimitUs, int migrationDelayUs) {
        if (tsliceMs < TSLICE_MIN_MS || tsliceMs > TSLICE_MAX_MS) {
            throw new IllegalArgumentException("Time slice out of range, valid range is from " + TSLICE_MIN_MS
                    + " to " + TSLICE_MAX_MS);
        }
        if (ratelimitUs != 0 && (ratelimitUs < RATELIMIT_MIN_US || ratelimitUs > RATELIMIT_MAX_US)) {
            throw new IllegalArgumentException("Ratelimit out of range, valid range is from " + RATELIMIT_MIN_US
                    + " to " + RATELIMIT_MAX_US);
        }
        if ((long) ratelimitUs > tsliceMs * 1000L) {
            throw new IllegalArgumentException("Ratelimit cannot be greater than timeslice");
        }
        if (migrationDelayUs < 0 || migrationDelayUs > MIGRATION_DELAY_MAX_US) {
            throw new IllegalArgumentException("vcpu migration delay should be >= 0 and <= " + MIGRATION_DELAY_MAX_US
                    + "us");
        }
        this.tsliceNanos = tsliceMs * 1_000_000L;
        this.tickNanos = tsliceMs < TICKS_PER_TSLICE ? tsliceNanos : tsliceNanos / TICKS_PER_TSLICE;
        this.ratelimitNanos = ratelimitUs * 1_000L;
        this.creditsPerTslice = (int) (tsliceNanos / NANOS_PER_CREDIT);
        this.migrationDelayUs = migrationDelayUs;
    }

    /**
     * {@code sched_credit_domain_set}'s checks: the weight is 1 to 65535 and the cap 0 to 100 per
     * vCPU the domain may have.
     *
     * @return libxl's message for the first value out of range, or null if both are good
     */
    public static String checkDomainParams(int weight, int cap, int maxVcpus) {
        if (weight < WEIGHT_MIN || weight > WEIGHT_MAX) {
            return "Cpu weight out of range, valid values are within range from " + WEIGHT_MIN + " to " + WEIGHT_MAX;
        }
        if (cap < 0 || cap > maxVcpus * 100) {
            return "Cpu cap out of range, valid range is from 0 to " + maxVcpus * 100
                    + " for specified number of vcpus";
        }
        return null;
    }

    @Override
    public String name() {
        return "credit";
    }

    @Override
    public void adjustGlobal(int tsliceMs, int ratelimitUs, int migrationDelayUs) {
        setPoolParams(tsliceMs, ratelimitUs, migrationDelayUs);
    }

    @Override
    public int tsliceMs() {
        return (int) (tsliceNanos / 1_000_000);
    }

    @Override
    public int ratelimitUs() {
        return (int) (ratelimitNanos / 1_000);
    }

    @Override
    public int migrationDelayUs() {
        return migrationDelayUs;
    }

    @Override
    public void setCpus(BitSet poolCpus) {
        this.cpus = poolCpus;
        for (int cpu = 0; cpu < pcpus; cpu++) {
            if (poolCpus.get(cpu)) {
                continue;
            }
            List<CreditUnit> left = runqs[cpu].drain();
            if (current[cpu] != null) {
                left.add(current[cpu]);
                current[cpu].heldNanos = 0;
                current[cpu] = null;
            }
            for (CreditUnit cu : left) {
                runqs[placement.pickCpu(cu)].insert(cu);
            }
        }
    }

    @Override
    public void deinit() {
        metrics.poolGone();
    }

    @Override
    public void insertUnit(SchedUnit unit) {
        Domain d = unit.vcpu().domain();
        CreditDom dom = doms.computeIfAbsent(d, CreditDom::new);
        CreditUnit cu = new CreditUnit(unit, dom, metrics.vcpu(d.id().value(), unit.vcpu().vcpuId()));
        unit.priv = cu;
        dom.units.add(cu);
    }

    @Override
    public void removeUnit(SchedUnit unit) {
        if (!(unit.priv instanceof CreditUnit cu)) {
            return;
        }
        unit.priv = null;
        dequeue(cu);
        for (int cpu = 0; cpu < pcpus; cpu++) {
            if (running[cpu] == cu) {
                running[cpu] = null;
            }
        }
        if (cu.active) {
            deactivate(cu);
        }
        CreditDom dom = cu.dom;
        dom.units.remove(cu);
        if (dom.units.isEmpty()) {
            doms.remove(dom.domain);
            metrics.domainGone(dom.domain.id().value());
        }
    }

    @Override
    public void wake(SchedUnit unit, long now) {
        CreditUnit cu = priv(unit);
        cu.enter(CreditUnit.State.RUNNABLE, now);
        cu.heldNanos = 0;
        if (cu.pri == CreditUnit.PRI_UNDER && !cu.parked) {
            cu.pri = CreditUnit.PRI_BOOST;
            boosts++;
            metrics.boosts.increment();
        }
        if (cu.parked) {
            cu.waitingParked = true;
        } else {
            runqs[placement.pickCpu(cu)].insert(cu);
        }
    }

    @Override
    public void sleep(SchedUnit unit) {
        CreditUnit cu = priv(unit);
        dequeue(cu);
    }

    @Override
    public Slice doSchedule(int cpu, long now) {
        decisions++;
        metrics.decisions.increment();
        running[cpu] = null;
        CreditRunq rq = runqs[cpu];
        CreditUnit cur = current[cpu];
        current[cpu] = null;
        if (cur != null) {
            if (cur.parked) {
                cur.waitingParked = true;
            } else if (!cur.unit.mayRunOn(cpu)) {
                enqueue(cur, -1);
            } else if (cur.heldNanos < tsliceNanos && rq.bestPri(cpu) <= cur.pri) {
                return run(cpu, cur, Math.min(tickNanos, tsliceNanos - cur.heldNanos), now);
            } else if (ratelimitNanos > 0 && cur.heldNanos < ratelimitNanos) {
                // Something better waits, but the unit has not had its ratelimit yet. Asked
                // first, this gave a unit nobody waited for a slice of the ratelimit's remains,
                // and each slice is a round trip to this actor.
                return run(cpu, cur, ratelimitNanos - cur.heldNanos, now);
            } else {
                cur.heldNanos = 0;
                rq.insert(cur);
            }
        }
        CreditUnit next = rq.best(cpu, CreditUnit.PRI_IDLE, misplaced);
        if (!misplaced.isEmpty()) {
            for (CreditUnit u : misplaced) {
                runqs[placement.pickCpu(u)].insert(u);
            }
            misplaced.clear();
            next = rq.best(cpu, CreditUnit.PRI_IDLE);
        }
        if (next == null || next.pri < CreditUnit.PRI_UNDER) {
            CreditUnit stolen = placement.steal(cpu, next == null ? CreditUnit.PRI_IDLE : next.pri);
            if (stolen != null) {
                next = stolen;
                steals++;
                metrics.steals.increment();
            }
        }
        if (next == null) {
            return null;
        }
        runqs[next.runqCpu].remove(next);
        next.heldNanos = 0;
        return run(cpu, next, Math.min(tickNanos, tsliceNanos), now);
    }

    @Override
    public void descheduled(SchedUnit unit, long ranNanos, boolean runnable, boolean yielded, long now) {
        CreditUnit cu = priv(unit);
        int cpu = cu.lastCpu;
        if (cpu >= 0 && running[cpu] == cu) {
            running[cpu] = null;
        }
        cu.burn(ranNanos);
        cu.heldNanos += ranNanos;
        periodRanNanos += ranNanos;
        periodWallNanos += Math.max(ranNanos, now - cu.slicedAt);
        if (cu.credit < 0 && cu.pri > CreditUnit.PRI_OVER) {
            // XEN-DIFF: Xen changes priorities only at accounting, so a unit may overrun its
            // credit by up to a time slice; going OVER as soon as the credit runs out keeps
            // shares within a tick of their weights.
            cu.pri = CreditUnit.PRI_OVER;
        }
        if (!cu.active) {
            // XEN-DIFF: Xen starts a unit earning when a tick finds it running; a unit that ran
            // for a tick's worth of CPU since it stopped earning would have met one.
            cu.inactiveRunNanos += ranNanos;
            if (cu.inactiveRunNanos >= tickNanos || ranNanos >= tickNanos) {
                cu.inactiveRunNanos = 0;
                activate(cu);
            }
        }
        if (!runnable) {
            cu.enter(CreditUnit.State.BLOCKED, now);
            cu.heldNanos = 0;
            return;
        }
        cu.enter(CreditUnit.State.RUNNABLE, now);
        if (cu.pri == CreditUnit.PRI_BOOST && !yielded) {
            cu.pri = CreditUnit.PRI_UNDER;
        }
        if (cu.parked) {
            cu.waitingParked = true;
            cu.heldNanos = 0;
        } else if (yielded || cpu < 0 || (cpus != null && !cpus.get(cpu))) {
            cu.heldNanos = 0;
            enqueue(cu, cpu);
        } else {
            // INVARIANT: the framework calls doSchedule(cpu) next, which continues or queues it.
            current[cpu] = cu;
        }
    }

    @Override
    public long tick(long now) {
        if (!ticking) {
            ticking = true;
            nextAcct = now + tsliceNanos;
        } else if (now - nextAcct >= 0) {
            CreditAccounting.run(this);
            nextAcct += tsliceNanos;
            if (nextAcct - now <= 0) {
                nextAcct = now + tsliceNanos;
            }
        }
        return nextAcct;
    }

    @Override
    public int queued() {
        int n = 0;
        for (int cpu = 0; cpu < pcpus; cpu++) {
            n += runqs[cpu].size() + (current[cpu] != null ? 1 : 0);
        }
        return n;
    }

    /** A unit's credit in Xen's units (10 per ms), for {@code xl} and tests. */
    public int credit(SchedUnit unit) {
        return priv(unit).credit / SCALE;
    }

    /** A unit's priority by Xen's name: BOOST, UNDER, OVER. */
    public String priority(SchedUnit unit) {
        int p = priv(unit).pri;
        return p == CreditUnit.PRI_BOOST ? "BOOST" : p == CreditUnit.PRI_UNDER ? "UNDER" : "OVER";
    }

    /** Whether a capped unit is parked until the next accounting that leaves it in credit. */
    public boolean isParked(SchedUnit unit) {
        return priv(unit).parked;
    }

    public long decisions() {
        return decisions;
    }

    public long steals() {
        return steals;
    }

    public long boosts() {
        return boosts;
    }

    public long parks() {
        return parks;
    }

    /** How many pCPUs the pool has: what the accounting shares credit for. */
    int pcpus() {
        return cpus == null ? pcpus : cpus.cardinality();
    }

    int creditsPerTslice() {
        return creditsPerTslice;
    }

    /**
     * The share of a pCPU's wall time that slices got as CPU time since the last accounting, and
     * starts the next period's count. 1 when pCPUs are real; less when the machine runs the pCPU
     * threads only part of the time.
     */
    double takePcpuEfficiency() {
        double e = periodWallNanos == 0 ? 1 : Math.min(1, (double) periodRanNanos / periodWallNanos);
        periodRanNanos = 0;
        periodWallNanos = 0;
        return e;
    }

    int creditBalance() {
        return creditBalance;
    }

    void creditBalance(int balance) {
        this.creditBalance = balance;
    }

    List<CreditDom> activeDoms() {
        return activeDoms;
    }

    Iterable<CreditDom> doms() {
        return doms.values();
    }

    CreditMetrics metrics() {
        return metrics;
    }

    /** A new priority for {@code cu}, moving it within its run queue. */
    void reprioritise(CreditUnit cu, int pri) {
        int old = cu.pri;
        cu.pri = pri;
        if (old != pri && cu.runqCpu >= 0) {
            runqs[cu.runqCpu].reprioritise(cu, old);
        }
    }

    /** {@code CSCHED_FLAG_UNIT_PARKED} set: not run until unparked. */
    void park(CreditUnit cu) {
        cu.parked = true;
        parks++;
        metrics.parks.increment();
        if (cu.runqCpu >= 0) {
            runqs[cu.runqCpu].remove(cu);
            cu.waitingParked = true;
        }
    }

    void unpark(CreditUnit cu) {
        cu.parked = false;
        if (cu.waitingParked) {
            cu.waitingParked = false;
            enqueue(cu, cu.lastCpu);
        }
    }

    /** {@code __csched_unit_acct_start}: the unit earns credit again. */
    private void activate(CreditUnit cu) {
        cu.active = true;
        cu.dom.activeUnits.add(cu);
        if (!cu.dom.active) {
            cu.dom.active = true;
            activeDoms.add(cu.dom);
        }
    }

    /** {@code __csched_unit_acct_stop_locked}: the unit stops earning credit. */
    void deactivate(CreditUnit cu) {
        cu.active = false;
        cu.dom.activeUnits.remove(cu);
        if (cu.dom.activeUnits.isEmpty() && cu.dom.active) {
            cu.dom.active = false;
            activeDoms.remove(cu.dom);
        }
    }

    private Slice run(int cpu, CreditUnit cu, long nanos, long now) {
        running[cpu] = cu;
        cu.lastCpu = cpu;
        cu.slicedAt = now;
        cu.enter(CreditUnit.State.RUNNING, now);
        return new Slice(cu.unit, nanos);
    }

    /** Takes {@code cu} out of wherever it waits. */
    private void dequeue(CreditUnit cu) {
        if (cu.runqCpu >= 0) {
            runqs[cu.runqCpu].remove(cu);
        }
        cu.waitingParked = false;
        for (int cpu = 0; cpu < pcpus; cpu++) {
            if (current[cpu] == cu) {
                current[cpu] = null;
            }
        }
    }

    private void enqueue(CreditUnit cu, int prefer) {
        int cpu = prefer >= 0 && cu.unit.mayRunOn(prefer) ? prefer : placement.pickCpu(cu);
        runqs[cpu].insert(cu);
    }

    private static CreditUnit priv(SchedUnit unit) {
        if (!(unit.priv instanceof CreditUnit cu)) {
            throw new IllegalStateException("not a credit unit: " + unit);
        }
        return cu;
    }
}
