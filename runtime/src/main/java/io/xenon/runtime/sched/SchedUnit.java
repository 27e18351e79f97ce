package io.xenon.runtime.sched;

import io.xenon.runtime.domain.Vcpu;
import java.util.BitSet;

/**
 * One vCPU as a scheduler sees it ({@code struct sched_unit}): its weight and cap, the
 * framework's view of where it is, and a slot for the scheduler's private data ({@code priv}).
 *
 * <p>Confined to the scheduler's owner.
 */
public final class SchedUnit {

    /** Where the framework has the unit: in a run queue, on a pCPU, or asleep. */
    public enum Placement {
        SLEEPING,
        QUEUED,
        RUNNING
    }

    private final Vcpu vcpu;
    private int weight;
    private int cap;
    private Placement placement = Placement.SLEEPING;
    private int pcpu = -1;
    private boolean removed;
    /** The pCPUs of the unit's cpupool; null until the unit joins one, meaning any. */
    private BitSet poolCpus;
    /** The scheduler's own per-unit data. */
    public Object priv;

    public SchedUnit(Vcpu vcpu, int weight, int cap) {
        this.vcpu = vcpu;
        this.weight = weight;
        this.cap = cap;
    }

    public Vcpu vcpu() {
        return vcpu;
    }

    public int weight() {
        return weight;
    }

    public int cap() {
        return cap;
    }

    public void setParams(int weight, int cap) {
        this.weight = weight;
        this.cap = cap;
    }

    public Placement placement() {
        return placement;
    }

    public void setPlacement(Placement placement) {
        this.placement = placement;
    }

    /** The pCPU it runs on while {@link Placement#RUNNING}. */
    public int pcpu() {
        return pcpu;
    }

    public void setPcpu(int pcpu) {
        this.pcpu = pcpu;
    }

    public boolean isRemoved() {
        return removed;
    }

    public void markRemoved() {
        removed = true;
    }

    /**
     * The pCPUs of the cpupool the unit belongs to ({@code cpupool_domain_master_cpumask}); the
     * set is the pool's own and changes as pCPUs join and leave it.
     */
    public void setPoolCpus(BitSet poolCpus) {
        this.poolCpus = poolCpus;
    }

    /**
     * Whether the unit may run on {@code cpu}: a pCPU of its cpupool and in its hard affinity (no
     * affinity means any).
     */
    public boolean mayRunOn(int cpu) {
        if (poolCpus != null && !poolCpus.get(cpu)) {
            return false;
        }
        BitSet hard = vcpu.hardAffinity();
        return hard == null || hard.get(cpu);
    }

    /** Whether {@code cpu} is in the unit's soft affinity (a preference; none means any). */
    public boolean prefersRunningOn(int cpu) {
        BitSet soft = vcpu.softAffinity();
        return soft == null || soft.get(cpu);
    }

    @Override
    public String toString() {
        return vcpu.toString();
    }
}
