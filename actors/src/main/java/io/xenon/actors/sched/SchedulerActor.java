package io.xenon.actors.sched;

import io.xenon.abi.DomId;
import io.xenon.runtime.domain.Vcpu;
import io.xenon.runtime.sched.SchedUnit;
import io.xenon.runtime.sched.SchedUnit.Placement;
import io.xenon.runtime.sched.Scheduler;
import io.xenon.runtime.sched.Slice;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The scheduler: Xen's scheduling framework ({@code xen/common/sched/core.c}) around one
 * {@link Scheduler}. It keeps {@code pcpus} slots, one per physical CPU; when a slot is free it
 * asks the scheduler for the next unit and sends that vCPU a {@link RunSlice}. The vCPU reports
 * back with {@link SliceDone} and the CPU time it used.
 *
 * <p>Wakes can race the end of a slice, so the actor never trusts a reported state: it reads the
 * vCPU's own flags ({@link Vcpu#isRunnable()}) whenever it decides, and every transition to
 * runnable sends a {@link Wake} after it happened. No wake is lost.
 */
public final class SchedulerActor {

    /** What the scheduler accepts. */
    public sealed interface Command {
    }

    /** A new vCPU, asleep until woken; {@code vcpuActor} receives its slices. */
    public record AddVcpu(Vcpu vcpu, ActorRef<RunSlice> vcpuActor, int weight, int cap) implements Command {
    }

    /** The vCPU is gone; a slice it is running still ends with {@link SliceDone}. */
    public record RemoveVcpu(Vcpu vcpu) implements Command {
    }

    /** The vCPU may have become runnable. */
    public record Wake(Vcpu vcpu) implements Command {
    }

    /** A slice ended after {@code ranNanos} of CPU time; {@code yielded} if the guest gave it up. */
    public record SliceDone(Vcpu vcpu, int pcpu, long ranNanos, boolean yielded) implements Command {
    }

    /** New weight and cap for every vCPU of a domain ({@code xl sched-credit -w -c}). */
    public record SetParams(DomId domain, int weight, int cap) implements Command {
    }

    /**
     * {@code xl sched-credit -s [-t TSLICE] [-r RATELIMIT]}: new pool parameters (a null keeps
     * the current value); replies with the parameters in force.
     */
    public record SetPoolParams(Integer tsliceMs, Integer ratelimitUs, ActorRef<PoolParams> replyTo)
            implements Command {
    }

    /** {@code xl sched-credit -s}: asks for the pool parameters. */
    public record GetPoolParams(ActorRef<PoolParams> replyTo) implements Command {
    }

    /**
     * The pool's scheduler and parameters ({@code Cpupool Pool-0: tslice=30ms ratelimit=1000us});
     * {@code error} says why a change was refused, else null.
     */
    public record PoolParams(String scheduler, int tsliceMs, int ratelimitUs, String error) {
    }

    /** Asks for the pCPU slots and queue length. */
    public record GetLoad(ActorRef<Load> replyTo) implements Command {
    }

    /** How busy the pCPUs are: how many run a slice now, and how many units wait. */
    public record Load(int pcpus, int busy, int queued, String scheduler) {
    }

    private record Tick() implements Command {
    }

    /** A vCPU actor stopped; a slice it was handed but never ran must not hold its pCPU. */
    private record VcpuGone(Vcpu vcpu) implements Command {
    }

    /** Sent to a vCPU actor: run for at most {@code sliceNanos} on {@code pcpu}, then report. */
    public record RunSlice(int pcpu, long sliceNanos) {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Scheduler scheduler;
    private final SchedUnit[] running;
    private final Map<Vcpu, Entry> units = new IdentityHashMap<>();
    private long nextTick = Long.MAX_VALUE;

    private record Entry(SchedUnit unit, ActorRef<RunSlice> actor) {
    }

    private SchedulerActor(ActorContext<Command> context, TimerScheduler<Command> timers, Scheduler scheduler,
            int pcpus) {
        this.context = context;
        this.timers = timers;
        this.scheduler = scheduler;
        this.running = new SchedUnit[pcpus];
    }

    /** A scheduler actor driving {@code scheduler} over {@code pcpus} physical CPUs. */
    public static Behavior<Command> create(Scheduler scheduler, int pcpus) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
            SchedulerActor actor = new SchedulerActor(ctx, timers, scheduler, pcpus);
            actor.armTick(System.nanoTime());
            return actor.behavior();
        }));
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(AddVcpu.class, this::onAdd)
                .onMessage(RemoveVcpu.class, this::onRemove)
                .onMessage(Wake.class, this::onWake)
                .onMessage(SliceDone.class, this::onSliceDone)
                .onMessage(SetParams.class, this::onSetParams)
                .onMessage(GetLoad.class, this::onGetLoad)
                .onMessage(SetPoolParams.class, this::onSetPoolParams)
                .onMessage(GetPoolParams.class, this::onGetPoolParams)
                .onMessage(Tick.class, this::onTick)
                .onMessage(VcpuGone.class, this::onVcpuGone)
                .build();
    }

    private Behavior<Command> onAdd(AddVcpu m) {
        SchedUnit unit = new SchedUnit(m.vcpu(), m.weight(), m.cap());
        units.put(m.vcpu(), new Entry(unit, m.vcpuActor()));
        context.watchWith(m.vcpuActor(), new VcpuGone(m.vcpu()));
        scheduler.insertUnit(unit);
        if (m.vcpu().isRunnable()) {
            wake(unit);
            dispatch();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onRemove(RemoveVcpu m) {
        Entry e = units.get(m.vcpu());
        if (e != null) {
            e.unit().markRemoved();
            scheduler.removeUnit(e.unit());
            if (e.unit().placement() != Placement.RUNNING) {
                e.unit().setPlacement(Placement.SLEEPING);
            }
        }
        return Behaviors.same();
    }

    /**
     * A stopped vCPU actor may have dropped a {@link RunSlice} from its mailbox, so no
     * {@link SliceDone} will come: free any pCPU still held for it. A late SliceDone for it is
     * then ignored.
     */
    private Behavior<Command> onVcpuGone(VcpuGone m) {
        Entry e = units.remove(m.vcpu());
        if (e != null) {
            e.unit().markRemoved();
            scheduler.removeUnit(e.unit());
        }
        boolean freed = false;
        for (int cpu = 0; cpu < running.length; cpu++) {
            if (running[cpu] != null && running[cpu].vcpu() == m.vcpu()) {
                running[cpu].setPlacement(Placement.SLEEPING);
                running[cpu].setPcpu(-1);
                running[cpu] = null;
                freed = true;
            }
        }
        if (freed) {
            dispatch();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onWake(Wake m) {
        Entry e = units.get(m.vcpu());
        if (e != null && e.unit().placement() == Placement.SLEEPING && m.vcpu().isRunnable()) {
            wake(e.unit());
            dispatch();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onSliceDone(SliceDone m) {
        SchedUnit unit = running[m.pcpu()];
        if (unit == null || unit.vcpu() != m.vcpu()) {
            // The vCPU's actor stopped and its pCPU was freed already (see onVcpuGone).
            return Behaviors.same();
        }
        running[m.pcpu()] = null;
        unit.setPcpu(-1);
        long now = System.nanoTime();
        if (unit.isRemoved()) {
            unit.setPlacement(Placement.SLEEPING);
        } else {
            boolean runnable = m.vcpu().isRunnable();
            scheduler.descheduled(unit, m.ranNanos(), runnable, m.yielded(), now);
            unit.setPlacement(runnable ? Placement.QUEUED : Placement.SLEEPING);
        }
        dispatch();
        return Behaviors.same();
    }

    private Behavior<Command> onSetParams(SetParams m) {
        for (Entry e : units.values()) {
            if (e.unit().vcpu().domain().id().equals(m.domain())) {
                e.unit().setParams(m.weight(), m.cap());
            }
        }
        return Behaviors.same();
    }

    private Behavior<Command> onGetLoad(GetLoad m) {
        int busy = 0;
        for (SchedUnit u : running) {
            if (u != null) {
                busy++;
            }
        }
        m.replyTo().tell(new Load(running.length, busy, scheduler.queued(), scheduler.name()));
        return Behaviors.same();
    }

    private Behavior<Command> onSetPoolParams(SetPoolParams m) {
        String error = null;
        try {
            scheduler.adjustGlobal(m.tsliceMs() != null ? m.tsliceMs() : scheduler.tsliceMs(),
                    m.ratelimitUs() != null ? m.ratelimitUs() : scheduler.ratelimitUs());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            error = e.getMessage();
        }
        m.replyTo().tell(new PoolParams(scheduler.name(), scheduler.tsliceMs(), scheduler.ratelimitUs(), error));
        return Behaviors.same();
    }

    private Behavior<Command> onGetPoolParams(GetPoolParams m) {
        m.replyTo().tell(new PoolParams(scheduler.name(), scheduler.tsliceMs(), scheduler.ratelimitUs(), null));
        return Behaviors.same();
    }

    private Behavior<Command> onTick(Tick m) {
        long now = System.nanoTime();
        nextTick = Long.MAX_VALUE;
        armTick(now);
        dispatch();
        return Behaviors.same();
    }

    private void armTick(long now) {
        long next = scheduler.tick(now);
        if (next != Long.MAX_VALUE && next < nextTick) {
            nextTick = next;
            timers.startSingleTimer(Tick.class, new Tick(), Duration.ofNanos(Math.max(0, next - now)));
        }
    }

    private void wake(SchedUnit unit) {
        scheduler.wake(unit, System.nanoTime());
        unit.setPlacement(Placement.QUEUED);
    }

    /** Fills every idle pCPU with the scheduler's next choice. */
    private void dispatch() {
        long now = System.nanoTime();
        for (int cpu = 0; cpu < running.length; cpu++) {
            if (running[cpu] != null) {
                continue;
            }
            Slice slice = nextRunnable(cpu, now);
            if (slice == null) {
                continue;
            }
            SchedUnit unit = slice.unit();
            running[cpu] = unit;
            unit.setPlacement(Placement.RUNNING);
            unit.setPcpu(cpu);
            units.get(unit.vcpu()).actor().tell(new RunSlice(cpu, slice.nanos()));
        }
    }

    /**
     * The scheduler's next unit for {@code cpu}, putting to sleep any that stopped being runnable
     * while queued (paused, say). If one becomes runnable again, its Wake is already on its way
     * and will find it asleep.
     */
    private Slice nextRunnable(int cpu, long now) {
        while (true) {
            Slice slice = scheduler.doSchedule(cpu, now);
            if (slice == null) {
                return null;
            }
            if (!slice.unit().isRemoved() && slice.unit().vcpu().isRunnable()) {
                return slice;
            }
            slice.unit().setPlacement(Placement.SLEEPING);
        }
    }
}
