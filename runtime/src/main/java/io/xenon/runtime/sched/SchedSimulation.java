package io.xenon.runtime.sched;

import io.xenon.abi.DomId;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * A simulated host for a {@link Scheduler}: simulated time and pCPUs that run each slice to its
 * end, so a scheduler's shares, caps and latencies can be measured exactly and repeatably. It
 * drives the scheduler as the scheduler actor does: {@code doSchedule} for every idle pCPU,
 * {@code descheduled} with the CPU time a slice used, {@code tick} when it asks to be called, and
 * {@code wake} when a blocked unit's sleep ends.
 *
 * <p>Each unit is a one-vCPU domain that either burns CPU (always runnable) or is I/O-bound (runs
 * a short burst, then blocks for a while).
 *
 * <p>Confined to its owner.
 */
public final class SchedSimulation {

    private final Scheduler scheduler;
    private final int pcpus;
    private final FramePool frames = new FramePool(1 << 20);
    private final List<Sim> sims = new ArrayList<>();
    private final Map<SchedUnit, Sim> byUnit = new IdentityHashMap<>();
    /** Blocked I/O units by when they wake. */
    private final PriorityQueue<Sim> sleepers = new PriorityQueue<>((a, b) -> Long.compare(a.wakeAt, b.wakeAt));
    private final Sim[] onCpu;
    private final long[] sliceEnd;
    private final long[] sliceStart;
    private long now;
    private long nextTick;
    private long schedulerNanos;
    private long doScheduleNanos;
    private long accountingNanos;
    private long calls;

    /** One simulated unit's behaviour and what it got. */
    private static final class Sim {
        final SchedUnit unit;
        final long burstNanos;
        final long sleepNanos;
        long cpuNanos;
        long burstLeft;
        long wakeAt = Long.MAX_VALUE;
        long wokeAt = -1;
        long maxWakeLatency;
        boolean removed;
        final BitSet ranOn = new BitSet();

        Sim(SchedUnit unit, long burstNanos, long sleepNanos) {
            this.unit = unit;
            this.burstNanos = burstNanos;
            this.sleepNanos = sleepNanos;
            this.burstLeft = burstNanos;
        }

        boolean burner() {
            return sleepNanos == 0;
        }
    }

    public SchedSimulation(Scheduler scheduler, int pcpus) {
        this.scheduler = scheduler;
        this.pcpus = pcpus;
        this.onCpu = new Sim[pcpus];
        this.sliceEnd = new long[pcpus];
        this.sliceStart = new long[pcpus];
        this.nextTick = scheduler.tick(0);
    }

    /** A CPU-bound one-vCPU domain, runnable from now on. */
    public SchedUnit addBurner(int weight, int cap) {
        return add(weight, cap, 0, 0);
    }

    /** An I/O-bound one-vCPU domain: runs {@code burstNanos}, blocks {@code sleepNanos}, again. */
    public SchedUnit addIoUnit(int weight, long burstNanos, long sleepNanos) {
        return add(weight, 0, burstNanos, sleepNanos);
    }

    private SchedUnit add(int weight, int cap, long burst, long sleep) {
        int id = sims.size() + 1;
        Domain d = new Domain(DomId.of(id), "sim" + id, new UUID(0, id), null, P2m.reserve(frames, 1), 1, 0, 0);
        SchedUnit unit = new SchedUnit(d.vcpu(0), weight, cap);
        Sim sim = new Sim(unit, burst, sleep);
        sims.add(sim);
        byUnit.put(unit, sim);
        unit.setPlacement(SchedUnit.Placement.SLEEPING);
        scheduler.insertUnit(unit);
        wake(sim);
        return unit;
    }

    /** Pins {@code unit} to {@code cpus} (hard affinity). */
    public void pin(SchedUnit unit, BitSet cpus) {
        BitSet all = new BitSet();
        all.set(0, pcpus);
        unit.vcpu().setAffinity(cpus, all);
    }

    /** Removes {@code unit}; a slice it runs still ends, without telling the scheduler. */
    public void remove(SchedUnit unit) {
        Sim s = find(unit);
        s.removed = true;
        sleepers.remove(s);
        s.wakeAt = Long.MAX_VALUE;
        unit.markRemoved();
        scheduler.removeUnit(unit);
    }

    /** Forgets the wake latencies seen so far (after a warm-up, say). */
    public void resetLatencies() {
        for (Sim s : sims) {
            s.maxWakeLatency = 0;
        }
    }

    /** Runs the host for {@code nanos} of simulated time. */
    public void run(long nanos) {
        long end = now + nanos;
        while (true) {
            fill();
            long next = Math.min(end, nextTick);
            for (int cpu = 0; cpu < pcpus; cpu++) {
                if (onCpu[cpu] != null) {
                    next = Math.min(next, sliceEnd[cpu]);
                }
            }
            if (!sleepers.isEmpty()) {
                next = Math.min(next, sleepers.peek().wakeAt);
            }
            if (next >= end) {
                advanceRunning(end);
                now = end;
                return;
            }
            now = next;
            for (int cpu = 0; cpu < pcpus; cpu++) {
                if (onCpu[cpu] != null && sliceEnd[cpu] == now) {
                    endSlice(cpu);
                }
            }
            if (now >= nextTick) {
                long t0 = System.nanoTime();
                nextTick = scheduler.tick(now);
                accountingNanos += count(t0);
            }
            while (!sleepers.isEmpty() && sleepers.peek().wakeAt <= now) {
                wake(sleepers.poll());
            }
        }
    }

    /** Charges running slices up to {@code t} without ending them (for measurements). */
    private void advanceRunning(long t) {
        for (int cpu = 0; cpu < pcpus; cpu++) {
            Sim s = onCpu[cpu];
            if (s != null) {
                s.cpuNanos += t - sliceStart[cpu];
                sliceStart[cpu] = t;
            }
        }
    }

    private void fill() {
        for (int cpu = 0; cpu < pcpus; cpu++) {
            if (onCpu[cpu] != null) {
                continue;
            }
            long t0 = System.nanoTime();
            Slice slice = scheduler.doSchedule(cpu, now);
            doScheduleNanos += count(t0);
            if (slice == null) {
                continue;
            }
            Sim s = find(slice.unit());
            s.unit.setPlacement(SchedUnit.Placement.RUNNING);
            s.ranOn.set(cpu);
            if (s.wokeAt >= 0) {
                s.maxWakeLatency = Math.max(s.maxWakeLatency, now - s.wokeAt);
                s.wokeAt = -1;
            }
            onCpu[cpu] = s;
            sliceStart[cpu] = now;
            long length = Math.max(1, slice.nanos());
            sliceEnd[cpu] = now + (s.burner() ? length : Math.min(length, s.burstLeft));
        }
    }

    private void endSlice(int cpu) {
        Sim s = onCpu[cpu];
        onCpu[cpu] = null;
        long ran = now - sliceStart[cpu];
        s.cpuNanos += ran;
        boolean runnable = true;
        if (!s.burner()) {
            s.burstLeft -= ran;
            if (s.burstLeft <= 0) {
                runnable = false;
                s.burstLeft = s.burstNanos;
                s.wakeAt = now + s.sleepNanos;
                sleepers.add(s);
            }
        }
        if (s.removed) {
            s.unit.setPlacement(SchedUnit.Placement.SLEEPING);
            return;
        }
        s.unit.setPlacement(runnable ? SchedUnit.Placement.QUEUED : SchedUnit.Placement.SLEEPING);
        long t0 = System.nanoTime();
        scheduler.descheduled(s.unit, ran, runnable, false, now);
        count(t0);
    }

    private void wake(Sim s) {
        s.wakeAt = Long.MAX_VALUE;
        s.wokeAt = now;
        s.unit.setPlacement(SchedUnit.Placement.QUEUED);
        long t0 = System.nanoTime();
        scheduler.wake(s.unit, now);
        count(t0);
    }

    private long count(long t0) {
        long spent = System.nanoTime() - t0;
        schedulerNanos += spent;
        calls++;
        return spent;
    }

    private Sim find(SchedUnit unit) {
        Sim s = byUnit.get(unit);
        if (s != null) {
            return s;
        }
        throw new IllegalStateException("scheduler chose an unknown unit: " + unit);
    }

    /** Simulated time so far. */
    public long now() {
        return now;
    }

    /** CPU time {@code unit} got so far. */
    public long cpuTime(SchedUnit unit) {
        return find(unit).cpuNanos;
    }

    /** The longest wait so far from a wake of {@code unit} to its next slice. */
    public long maxWakeLatency(SchedUnit unit) {
        return find(unit).maxWakeLatency;
    }

    /** The pCPUs {@code unit} has run on. */
    public BitSet ranOn(SchedUnit unit) {
        return (BitSet) find(unit).ranOn.clone();
    }

    /** Real time spent inside the scheduler's operations. */
    public long schedulerNanos() {
        return schedulerNanos;
    }

    /** Real time spent in {@code doSchedule}: the decisions alone. */
    public long doScheduleNanos() {
        return doScheduleNanos;
    }

    /** Real time spent in {@code tick}: the periodic accounting. */
    public long accountingNanos() {
        return accountingNanos;
    }

    /** How many scheduler operations the host called. */
    public long schedulerCalls() {
        return calls;
    }

    /** Jain's fairness index of {@code xs}: 1 when all are equal, 1/n at worst. */
    public static double jain(double[] xs) {
        double sum = 0;
        double squares = 0;
        for (double x : xs) {
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? 1 : sum * sum / (xs.length * squares);
    }
}
