package io.xenon.runtime.sched;

/**
 * Where the credit scheduler puts a unit and where an idle pCPU looks for work: Xen's
 * {@code csched_res_pick} (which pCPU's run queue a waking unit joins) and
 * {@code csched_load_balance} (stealing from peers' run queues), over the scheduler's per-pCPU
 * run queues and the units each pCPU runs.
 *
 * <p>Confined to the {@link CreditScheduler} that owns it; the arrays are the scheduler's own.
 */
final class CreditPlacement {

    private final int pcpus;
    private final CreditRunq[] runqs;
    private final CreditUnit[] running;
    private final CreditUnit[] current;

    CreditPlacement(CreditRunq[] runqs, CreditUnit[] running, CreditUnit[] current) {
        this.pcpus = runqs.length;
        this.runqs = runqs;
        this.running = running;
        this.current = current;
    }

    /**
     * {@code csched_res_pick}, simplified: the unit's last pCPU if idle, else an idle pCPU (soft
     * affinity first), else its last pCPU, else the allowed pCPU with the shortest queue.
     */
    int pickCpu(CreditUnit cu) {
        SchedUnit u = cu.unit;
        int last = cu.lastCpu;
        if (last >= 0 && u.mayRunOn(last) && idle(last)) {
            return last;
        }
        int idle = -1;
        for (int cpu = 0; cpu < pcpus; cpu++) {
            if (u.mayRunOn(cpu) && idle(cpu)) {
                if (u.prefersRunningOn(cpu)) {
                    return cpu;
                }
                if (idle < 0) {
                    idle = cpu;
                }
            }
        }
        if (idle >= 0) {
            return idle;
        }
        if (last >= 0 && u.mayRunOn(last)) {
            return last;
        }
        int best = -1;
        for (int cpu = 0; cpu < pcpus; cpu++) {
            if (u.mayRunOn(cpu) && (best < 0 || runqs[cpu].size() < runqs[best].size())) {
                best = cpu;
            }
        }
        // An empty hard affinity leaves the unit on pCPU 0's queue, never chosen.
        return best < 0 ? 0 : best;
    }

    private boolean idle(int cpu) {
        return running[cpu] == null && current[cpu] == null && runqs[cpu].size() == 0;
    }

    /**
     * {@code csched_load_balance}: the best unit in a peer's run queue with a priority above
     * {@code above} that may run on {@code cpu}, peers visited from {@code cpu + 1} on.
     */
    CreditUnit steal(int cpu, int above) {
        CreditUnit best = null;
        for (int i = 1; i < pcpus; i++) {
            CreditRunq peer = runqs[(cpu + i) % pcpus];
            if (peer.size() == 0) {
                continue;
            }
            CreditUnit u = peer.best(cpu, best == null ? above : best.pri);
            if (u != null) {
                best = u;
                if (u.pri == CreditUnit.PRI_BOOST) {
                    break;
                }
            }
        }
        return best;
    }
}
