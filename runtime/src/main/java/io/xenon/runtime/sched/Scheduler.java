package io.xenon.runtime.sched;

import java.util.BitSet;

/**
 * A vCPU scheduler: Xen's {@code struct scheduler} table of operations, reduced to the ones
 * Xenon's framework drives.
 *
 * <p>The framework (the scheduler actor) keeps each unit's {@link SchedUnit.Placement} and calls:
 * {@link #wake} only for a sleeping unit that became runnable; {@link #doSchedule} when a pCPU is
 * idle; {@link #descheduled} when a running unit's slice ends; {@link #sleep} for a queued unit
 * that can no longer run. A scheduler keeps its own run queues and never blocks.
 *
 * <p>Confined to its owner.
 */
public interface Scheduler {

    /** The name {@code xl info} prints as {@code xen_scheduler}. */
    String name();

    /** {@code insert_unit}: a new vCPU (asleep). */
    void insertUnit(SchedUnit unit);

    /** {@code remove_unit}: the vCPU is gone; drop it from any queue. */
    void removeUnit(SchedUnit unit);

    /** {@code wake}: a sleeping unit became runnable; queue it. */
    void wake(SchedUnit unit, long now);

    /** {@code sleep}: a queued unit can no longer run; take it out of the queue. */
    void sleep(SchedUnit unit);

    /**
     * {@code do_schedule}: chooses the next unit for an idle {@code pcpu}, removing it from the
     * queue, and the length of its slice.
     *
     * @return the decision, or null to leave the pCPU idle
     */
    Slice doSchedule(int pcpu, long now);

    /**
     * A running unit's slice ended after it used {@code ranNanos} of CPU time. If
     * {@code runnable}, the scheduler queues it again ({@code yielded}: behind its peers).
     */
    void descheduled(SchedUnit unit, long ranNanos, boolean runnable, boolean yielded, long now);

    /**
     * Periodic work (credit accounting, ticks).
     *
     * @return when to call again, in {@link System#nanoTime()} terms, or {@link Long#MAX_VALUE}
     */
    default long tick(long now) {
        return Long.MAX_VALUE;
    }

    /**
     * The cpupool's pCPUs changed ({@code schedule_cpu_add} / {@code schedule_cpu_rm}): from now
     * on {@link #doSchedule} is called only for the pCPUs in {@code cpus}, and a unit queued on a
     * pCPU that left must find another. The set is the pool's own; read it, never change it.
     */
    default void setCpus(BitSet cpus) {
    }

    /** {@code deinit}: the cpupool is destroyed; drop what the scheduler registered (metrics). */
    default void deinit() {
    }

    /** How many units are queued, waiting for a pCPU. */
    int queued();

    /**
     * {@code adjust_global}: sets the pool's time slice, context-switch rate limit and vCPU
     * migration delay ({@code xl sched-credit -s -t -r -m}); a refusal changes none of them.
     *
     * @throws IllegalArgumentException if a value is out of range
     * @throws UnsupportedOperationException if this scheduler has no such parameters
     */
    default void adjustGlobal(int tsliceMs, int ratelimitUs, int migrationDelayUs) {
        throw new UnsupportedOperationException("scheduler " + name() + " has no pool parameters");
    }

    /** The pool's time slice in ms, or 0 if this scheduler has none. */
    default int tsliceMs() {
        return 0;
    }

    /** The pool's context-switch rate limit in µs, or 0 if none. */
    default int ratelimitUs() {
        return 0;
    }

    /** The pool's vCPU migration delay ({@code vcpu_migr_delay_us}) in µs, or 0 if none. */
    default int migrationDelayUs() {
        return 0;
    }
}
