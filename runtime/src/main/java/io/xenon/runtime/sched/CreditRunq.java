package io.xenon.runtime.sched;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One pCPU's run queue ({@code csched_pcpu.runq}): ordered by priority, FIFO within a priority.
 * One insertion-ordered set per priority keeps insert, remove and re-prioritise O(1).
 *
 * <p>Confined to the {@link CreditScheduler} that owns it.
 */
final class CreditRunq {

    private final int cpu;
    /** Index 0 BOOST, 1 UNDER, 2 OVER. */
    @SuppressWarnings("unchecked")
    private final LinkedHashSet<CreditUnit>[] levels = new LinkedHashSet[] {
        new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>()
    };
    private int size;

    CreditRunq(int cpu) {
        this.cpu = cpu;
    }

    private static int level(int pri) {
        return pri >= CreditUnit.PRI_BOOST ? 0 : pri == CreditUnit.PRI_UNDER ? 1 : 2;
    }

    /** Queues {@code u} behind every unit of its priority. */
    void insert(CreditUnit u) {
        // INVARIANT: a unit is in at most one run queue, at the level of its current priority.
        levels[level(u.pri)].add(u);
        u.runqCpu = cpu;
        size++;
    }

    void remove(CreditUnit u) {
        if (u.runqCpu == cpu && levels[level(u.pri)].remove(u)) {
            size--;
        }
        u.runqCpu = -1;
    }

    /** Moves {@code u} (queued here at priority {@code oldPri}) to the tail of its new priority. */
    void reprioritise(CreditUnit u, int oldPri) {
        if (levels[level(oldPri)].remove(u)) {
            levels[level(u.pri)].add(u);
        }
    }

    /** Takes every unit out of the queue (its pCPU left the pool), best first. */
    List<CreditUnit> drain() {
        List<CreditUnit> all = new ArrayList<>(size);
        for (LinkedHashSet<CreditUnit> level : levels) {
            for (CreditUnit u : level) {
                u.runqCpu = -1;
                all.add(u);
            }
            level.clear();
        }
        size = 0;
        return all;
    }

    int size() {
        return size;
    }

    /** The priority of the best unit that may run on {@code onCpu}, or {@link CreditUnit#PRI_IDLE}. */
    int bestPri(int onCpu) {
        CreditUnit u = best(onCpu, CreditUnit.PRI_IDLE);
        return u == null ? CreditUnit.PRI_IDLE : u.pri;
    }

    /**
     * The first unit, by priority then age, that may run on {@code onCpu} and whose priority is
     * above {@code above}; null if none.
     */
    CreditUnit best(int onCpu, int above) {
        return best(onCpu, above, null);
    }

    /**
     * As {@link #best(int, int)}; when {@code onCpu} is this queue's own pCPU, units whose hard
     * affinity no longer allows it (re-pinned while queued) are taken out into {@code misplaced}.
     */
    CreditUnit best(int onCpu, int above, List<CreditUnit> misplaced) {
        for (LinkedHashSet<CreditUnit> level : levels) {
            for (Iterator<CreditUnit> it = level.iterator(); it.hasNext();) {
                CreditUnit u = it.next();
                if (u.pri <= above) {
                    return null;
                }
                if (u.unit.mayRunOn(onCpu)) {
                    return u;
                }
                if (misplaced != null && onCpu == cpu) {
                    it.remove();
                    u.runqCpu = -1;
                    size--;
                    misplaced.add(u);
                }
            }
        }
        return null;
    }
}
