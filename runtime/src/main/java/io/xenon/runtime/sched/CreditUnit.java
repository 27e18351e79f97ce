package io.xenon.runtime.sched;

/**
 * The credit scheduler's private data for one unit ({@code struct csched_unit}): its credit,
 * priority and flags, where it is queued, and how long it has held its pCPU.
 *
 * <p>Confined to the {@link CreditScheduler} that owns it.
 */
final class CreditUnit {

    /** {@code CSCHED_PRI_TS_BOOST}: just woke from a block. */
    static final int PRI_BOOST = 0;
    /** {@code CSCHED_PRI_TS_UNDER}: has credit left. */
    static final int PRI_UNDER = -1;
    /** {@code CSCHED_PRI_TS_OVER}: has used up its credit. */
    static final int PRI_OVER = -2;
    /** {@code CSCHED_PRI_IDLE}: nothing to run. */
    static final int PRI_IDLE = -64;

    /** Where the unit is, for the per-vCPU run/runnable/blocked times. */
    enum State {
        RUNNING,
        RUNNABLE,
        BLOCKED
    }

    final SchedUnit unit;
    final CreditDom dom;
    final CreditMetrics.VcpuTimes times;
    int credit;
    /** CPU time not yet burnt as a whole credit. */
    long residueNanos;
    int pri = PRI_UNDER;
    /** On its domain's active list: earns credit at each accounting. */
    boolean active;
    /** {@code CSCHED_FLAG_UNIT_PARKED}: capped out, not run until its credit is positive again. */
    boolean parked;
    /** Runnable but held back because it is parked. */
    boolean waitingParked;
    /** CPU time used since it stopped earning, towards starting to earn again. */
    long inactiveRunNanos;
    /** The pCPU whose run queue holds it, or -1. */
    int runqCpu = -1;
    /** The pCPU it last ran on, or -1. */
    int lastCpu = -1;
    /** When its current slice started. */
    long slicedAt;
    /** CPU time used since it got its pCPU (for the time slice and the rate limit). */
    long heldNanos;
    State state = State.BLOCKED;
    /** When it entered {@link #state}; {@link Long#MIN_VALUE} before its first transition. */
    long stateSince = Long.MIN_VALUE;

    CreditUnit(SchedUnit unit, CreditDom dom, CreditMetrics.VcpuTimes times) {
        this.unit = unit;
        this.dom = dom;
        this.times = times;
    }

    /** Burns {@code nanos} of CPU time at {@code CSCHED_CREDITS_PER_MSEC}, keeping the remainder. */
    void burn(long nanos) {
        long total = residueNanos + nanos;
        credit -= (int) (total / CreditScheduler.NANOS_PER_CREDIT);
        residueNanos = total % CreditScheduler.NANOS_PER_CREDIT;
    }

    /** Moves to {@code next}, charging the time spent in the state it leaves. */
    void enter(State next, long now) {
        long spent = stateSince == Long.MIN_VALUE ? 0 : now - stateSince;
        if (times != null) {
            times.add(state, spent);
        }
        state = next;
        stateSince = now;
    }

    @Override
    public String toString() {
        return unit + "[credit=" + credit + " pri=" + pri + (parked ? " parked" : "") + "]";
    }
}
