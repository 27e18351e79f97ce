package io.xenon.runtime.sched;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A plain round-robin scheduler: one FIFO run queue, fixed slices, hard affinity honoured.
 * Every runnable vCPU gets its turn; weight and cap are ignored.
 *
 * <p>Confined to its owner.
 */
public final class FairScheduler implements Scheduler {

    private final ArrayDeque<SchedUnit> runq = new ArrayDeque<>();
    private final long sliceNanos;

    public FairScheduler(long sliceNanos) {
        if (sliceNanos <= 0) {
            throw new IllegalArgumentException("slice must be positive: " + sliceNanos);
        }
        this.sliceNanos = sliceNanos;
    }

    @Override
    public String name() {
        return "fair";
    }

    @Override
    public void insertUnit(SchedUnit unit) {
        // INVARIANT: a new unit is asleep; wake queues it.
    }

    @Override
    public void removeUnit(SchedUnit unit) {
        runq.remove(unit);
    }

    @Override
    public void wake(SchedUnit unit, long now) {
        runq.addLast(unit);
    }

    @Override
    public void sleep(SchedUnit unit) {
        runq.remove(unit);
    }

    @Override
    public Slice doSchedule(int pcpu, long now) {
        for (Iterator<SchedUnit> it = runq.iterator(); it.hasNext();) {
            SchedUnit u = it.next();
            if (u.mayRunOn(pcpu)) {
                it.remove();
                return new Slice(u, sliceNanos);
            }
        }
        return null;
    }

    @Override
    public void descheduled(SchedUnit unit, long ranNanos, boolean runnable, boolean yielded, long now) {
        if (runnable) {
            runq.addLast(unit);
        }
    }

    @Override
    public int queued() {
        return runq.size();
    }
}
