package io.xenon.actors.sched;

import io.xenon.abi.DomId;
import io.xenon.actors.Reply;
import io.xenon.runtime.domain.Vcpu;
import io.xenon.runtime.sched.Cpupool;
import io.xenon.runtime.sched.Cpupools;
import io.xenon.runtime.sched.Cpupools.CpupoolException;
import io.xenon.runtime.sched.SchedUnit;
import io.xenon.runtime.sched.SchedUnit.Placement;
import io.xenon.runtime.sched.Scheduler;
import io.xenon.runtime.sched.Slice;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The scheduler: Xen's scheduling framework ({@code xen/common/sched/core.c}) around the host's
 * CPU pools ({@link Cpupools}), each with its own {@link Scheduler}. It keeps {@code pcpus}
 * slots, one per physical CPU; when a slot is free it asks the scheduler of the slot's pool for
 * the next unit and sends that vCPU a {@link RunSlice}. The vCPU reports back with
 * {@link SliceDone} and the CPU time it used. A pCPU in no pool stays idle.
 *
 * <p>Pool-0 starts with every pCPU and Domain-0; a domain joins Pool-0 unless
 * {@link MoveDomain} put it elsewhere before its first vCPU arrived.
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
     * {@code xl sched-credit -s [-p POOL] [-t TSLICE] [-r RATELIMIT] [-m DELAY]}: new parameters
     * for the pool named or numbered {@code pool} (null: Pool-0); a null value keeps the current
     * one. Replies with the parameters in force.
     */
    public record SetPoolParams(String pool, Integer tsliceMs, Integer ratelimitUs, Integer migrationDelayUs,
            ActorRef<PoolParams> replyTo) implements Command {
    }

    /** {@code xl sched-credit -s [-p POOL]}: asks for a pool's parameters (null: Pool-0's). */
    public record GetPoolParams(String pool, ActorRef<PoolParams> replyTo) implements Command {
    }

    /**
     * A pool's name, scheduler and parameters ({@code libxl_sched_credit_params}, as in
     * {@code Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us}). {@code error}
     * says why a change was refused, else null; when no pool has the name, {@code pool} is null
     * too.
     */
    public record PoolParams(String pool, String scheduler, int tsliceMs, int ratelimitUs, int migrationDelayUs,
            String error) {
    }

    /** Asks for the pCPU slots and queue length. */
    public record GetLoad(ActorRef<Load> replyTo) implements Command {
    }

    /** How busy the pCPUs are: how many run a slice now, and how many units wait. */
    public record Load(int pcpus, int busy, int queued, String scheduler) {
    }

    /** {@code xl cpupool-create}: a pool of the free pCPUs {@code cpus} run by scheduler {@code sched}. */
    public record CreatePool(String name, String sched, BitSet cpus, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl cpupool-rename}: the pool is called {@code name} from now on. */
    public record RenamePool(String pool, String name, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl cpupool-destroy}: a pool without domains; its pCPUs go free. */
    public record DestroyPool(String pool, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl cpupool-cpu-add}: free pCPUs join the pool. */
    public record AddPoolCpus(String pool, BitSet cpus, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl cpupool-cpu-remove}: the pool's pCPUs go free; a pool with domains keeps one. */
    public record RemovePoolCpus(String pool, BitSet cpus, ActorRef<Reply> replyTo) implements Command {
    }

    /**
     * {@code xl cpupool-migrate}, and {@code pool=} at creation: the domain's vCPUs leave their
     * pool's scheduler for {@code pool}'s and from then on run only on its pCPUs.
     */
    public record MoveDomain(DomId domain, String pool, ActorRef<Reply> replyTo) implements Command {
    }

    /** The domain is gone; its pool forgets it. */
    public record ReleaseDomain(DomId domain) implements Command {
    }

    /** {@code xl cpupool-list}: asks for the pools. */
    public record ListPools(ActorRef<PoolList> replyTo) implements Command {
    }

    /** The pools, Pool-0 first, and each domain's pool name by domid. */
    public record PoolList(List<PoolInfo> pools, Map<Integer, String> domainPools) {
    }

    /** One pool as {@code libxl_cpupoolinfo} has it. */
    public record PoolInfo(int id, String name, String scheduler, List<Integer> cpus, int domains) {
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
    /** Pool-0's scheduler, whose name {@code xl info} prints. */
    private final Scheduler scheduler;
    private final Cpupools pools;
    private final PoolControl control;
    private final SchedUnit[] running;
    private final Map<Vcpu, Entry> units = new IdentityHashMap<>();
    private long nextTick = Long.MAX_VALUE;

    /** A vCPU's unit, its actor, and the pool whose scheduler has it. */
    private static final class Entry {
        final SchedUnit unit;
        final ActorRef<RunSlice> actor;
        Cpupool pool;
        /** Moved to {@link #pool} while running: its slice's end goes to no scheduler. */
        boolean moved;

        Entry(SchedUnit unit, ActorRef<RunSlice> actor, Cpupool pool) {
            this.unit = unit;
            this.actor = actor;
            this.pool = pool;
        }
    }

    private SchedulerActor(ActorContext<Command> context, TimerScheduler<Command> timers, Scheduler scheduler,
            int pcpus, BiFunction<String, String, Scheduler> schedulers) {
        this.context = context;
        this.timers = timers;
        this.scheduler = scheduler;
        this.pools = new Cpupools(pcpus, scheduler);
        this.control = new PoolControl(pools, schedulers);
        this.running = new SchedUnit[pcpus];
        pools.assign(DomId.DOM0, pools.pool0());
    }

    /**
     * A scheduler actor over {@code pcpus} physical CPUs, all in Pool-0 driven by
     * {@code scheduler}; new pools get theirs from {@code schedulers} (scheduler name, pool name),
     * which throws {@link IllegalArgumentException} for an unknown scheduler.
     */
    public static Behavior<Command> create(Scheduler scheduler, int pcpus,
            BiFunction<String, String, Scheduler> schedulers) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
            SchedulerActor actor = new SchedulerActor(ctx, timers, scheduler, pcpus, schedulers);
            actor.armTick(System.nanoTime());
            return actor.behavior();
        }));
    }

    /** A scheduler actor with Pool-0 only: creating another pool is refused. */
    public static Behavior<Command> create(Scheduler scheduler, int pcpus) {
        return create(scheduler, pcpus, (sched, pool) -> {
            throw new IllegalArgumentException("no scheduler for new cpupools");
        });
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
                .onMessage(CreatePool.class, this::onCreatePool)
                .onMessage(RenamePool.class, m -> {
                    m.replyTo().tell(control.rename(m.pool(), m.name()));
                    return Behaviors.same();
                })
                .onMessage(DestroyPool.class, m -> {
                    m.replyTo().tell(control.destroy(m.pool()));
                    return Behaviors.same();
                })
                .onMessage(AddPoolCpus.class, m -> onPoolCpus(m.pool(), m.cpus(), true, m.replyTo()))
                .onMessage(RemovePoolCpus.class, m -> onPoolCpus(m.pool(), m.cpus(), false, m.replyTo()))
                .onMessage(MoveDomain.class, this::onMoveDomain)
                .onMessage(ReleaseDomain.class, m -> {
                    pools.release(m.domain());
                    return Behaviors.same();
                })
                .onMessage(ListPools.class, this::onListPools)
                .onMessage(Tick.class, this::onTick)
                .onMessage(VcpuGone.class, this::onVcpuGone)
                .build();
    }

    private Behavior<Command> onAdd(AddVcpu m) {
        SchedUnit unit = new SchedUnit(m.vcpu(), m.weight(), m.cap());
        DomId domain = m.vcpu().domain().id();
        Cpupool pool = pools.poolOf(domain);
        if (pool == null) {
            pool = configuredPool(m.vcpu());
            pools.assign(domain, pool);
        }
        unit.setPoolCpus(pool.cpus());
        Entry e = new Entry(unit, m.vcpuActor(), pool);
        units.put(m.vcpu(), e);
        context.watchWith(m.vcpuActor(), new VcpuGone(m.vcpu()));
        pool.scheduler().insertUnit(unit);
        if (m.vcpu().isRunnable()) {
            wake(e);
            dispatch();
        }
        return Behaviors.same();
    }

    /**
     * The pool a domain's config names ({@code pool=}), as when it is restarted with the same
     * config; Pool-0 if none, or if that pool is gone or has no pCPUs.
     */
    private Cpupool configuredPool(Vcpu vcpu) {
        String name = vcpu.domain().config() == null ? null : vcpu.domain().config().pool();
        Cpupool pool = name == null ? null : pools.find(name);
        return pool == null || pool.cpus().isEmpty() ? pools.pool0() : pool;
    }

    private Behavior<Command> onRemove(RemoveVcpu m) {
        Entry e = units.get(m.vcpu());
        if (e != null) {
            e.unit.markRemoved();
            e.pool.scheduler().removeUnit(e.unit);
            if (e.unit.placement() != Placement.RUNNING) {
                e.unit.setPlacement(Placement.SLEEPING);
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
            e.unit.markRemoved();
            e.pool.scheduler().removeUnit(e.unit);
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
        if (e != null && e.unit.placement() == Placement.SLEEPING && m.vcpu().isRunnable()) {
            wake(e);
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
        Entry e = units.get(m.vcpu());
        if (unit.isRemoved() || e == null) {
            unit.setPlacement(Placement.SLEEPING);
        } else if (e.moved) {
            // Its new pool's scheduler never ran it: it joins that pool as a waking unit.
            e.moved = false;
            unit.setPlacement(Placement.SLEEPING);
            if (m.vcpu().isRunnable()) {
                wake(e);
            }
        } else {
            boolean runnable = m.vcpu().isRunnable();
            e.pool.scheduler().descheduled(unit, m.ranNanos(), runnable, m.yielded(), now);
            unit.setPlacement(runnable ? Placement.QUEUED : Placement.SLEEPING);
        }
        dispatch();
        return Behaviors.same();
    }

    private Behavior<Command> onSetParams(SetParams m) {
        for (Entry e : units.values()) {
            if (e.unit.vcpu().domain().id().equals(m.domain())) {
                e.unit.setParams(m.weight(), m.cap());
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
        int queued = 0;
        for (Cpupool p : pools.list()) {
            queued += p.scheduler().queued();
        }
        m.replyTo().tell(new Load(running.length, busy, queued, scheduler.name()));
        return Behaviors.same();
    }

    private Behavior<Command> onSetPoolParams(SetPoolParams m) {
        Cpupool pool = m.pool() == null ? pools.pool0() : pools.find(m.pool());
        if (pool == null) {
            m.replyTo().tell(unknownPool(m.pool()));
            return Behaviors.same();
        }
        Scheduler s = pool.scheduler();
        String error = null;
        try {
            s.adjustGlobal(m.tsliceMs() != null ? m.tsliceMs() : s.tsliceMs(),
                    m.ratelimitUs() != null ? m.ratelimitUs() : s.ratelimitUs(),
                    m.migrationDelayUs() != null ? m.migrationDelayUs() : s.migrationDelayUs());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            error = e.getMessage();
        }
        m.replyTo().tell(params(pool, error));
        return Behaviors.same();
    }

    private Behavior<Command> onGetPoolParams(GetPoolParams m) {
        Cpupool pool = m.pool() == null ? pools.pool0() : pools.find(m.pool());
        m.replyTo().tell(pool == null ? unknownPool(m.pool()) : params(pool, null));
        return Behaviors.same();
    }

    private static PoolParams params(Cpupool pool, String error) {
        Scheduler s = pool.scheduler();
        return new PoolParams(pool.name(), s.name(), s.tsliceMs(), s.ratelimitUs(), s.migrationDelayUs(), error);
    }

    private static PoolParams unknownPool(String ref) {
        return new PoolParams(null, null, 0, 0, 0, PoolControl.unknown(ref).reason());
    }

    private Behavior<Command> onCreatePool(CreatePool m) {
        Reply reply = control.create(m.name(), m.sched(), m.cpus());
        armTick(System.nanoTime());
        m.replyTo().tell(reply);
        return Behaviors.same();
    }

    private Behavior<Command> onPoolCpus(String pool, BitSet cpus, boolean add, ActorRef<Reply> replyTo) {
        replyTo.tell(control.cpus(pool, cpus, add));
        dispatch();
        return Behaviors.same();
    }

    /**
     * {@code cpupool_move_domain}: each of the domain's units leaves its scheduler and joins the
     * new pool's, asleep, then wakes there if runnable; a running one joins when its slice ends.
     */
    private Behavior<Command> onMoveDomain(MoveDomain m) {
        Cpupool target = pools.find(m.pool());
        if (target == null) {
            m.replyTo().tell(PoolControl.unknown(m.pool()));
            return Behaviors.same();
        }
        if (m.domain().equals(DomId.DOM0)) {
            m.replyTo().tell(new Reply.Rejected("Domain-0 cannot leave cpupool " + pools.pool0().name()));
            return Behaviors.same();
        }
        try {
            if (pools.assign(m.domain(), target) == target) {
                m.replyTo().tell(new Reply.Done(""));
                return Behaviors.same();
            }
        } catch (CpupoolException e) {
            m.replyTo().tell(PoolControl.rejected(e));
            return Behaviors.same();
        }
        for (Entry e : units.values()) {
            if (!e.unit.vcpu().domain().id().equals(m.domain()) || e.unit.isRemoved()) {
                continue;
            }
            e.pool.scheduler().removeUnit(e.unit);
            e.pool = target;
            e.unit.setPoolCpus(target.cpus());
            target.scheduler().insertUnit(e.unit);
            if (e.unit.placement() == Placement.RUNNING) {
                e.moved = true;
            } else {
                e.unit.setPlacement(Placement.SLEEPING);
                if (e.unit.vcpu().isRunnable()) {
                    wake(e);
                }
            }
        }
        m.replyTo().tell(new Reply.Done(""));
        dispatch();
        return Behaviors.same();
    }

    private Behavior<Command> onListPools(ListPools m) {
        Map<Integer, String> domainPools = new HashMap<>();
        for (Entry e : units.values()) {
            domainPools.put(e.unit.vcpu().domain().id().value(), e.pool.name());
        }
        domainPools.put(DomId.DOM0.value(), pools.pool0().name());
        m.replyTo().tell(control.list(domainPools));
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
        long next = Long.MAX_VALUE;
        for (Cpupool p : pools.list()) {
            next = Math.min(next, p.scheduler().tick(now));
        }
        if (next != Long.MAX_VALUE && next < nextTick) {
            nextTick = next;
            timers.startSingleTimer(Tick.class, new Tick(), Duration.ofNanos(Math.max(0, next - now)));
        }
    }

    private void wake(Entry e) {
        e.pool.scheduler().wake(e.unit, System.nanoTime());
        e.unit.setPlacement(Placement.QUEUED);
    }

    /** Fills every idle pCPU with the scheduler's next choice. */
    private void dispatch() {
        long now = System.nanoTime();
        for (int cpu = 0; cpu < running.length; cpu++) {
            Cpupool pool = pools.poolOfCpu(cpu);
            if (running[cpu] != null || pool == null) {
                continue;
            }
            Slice slice = nextRunnable(pool.scheduler(), cpu, now);
            if (slice == null) {
                continue;
            }
            SchedUnit unit = slice.unit();
            running[cpu] = unit;
            unit.setPlacement(Placement.RUNNING);
            unit.setPcpu(cpu);
            units.get(unit.vcpu()).actor.tell(new RunSlice(cpu, slice.nanos()));
        }
    }

    /**
     * The scheduler's next unit for {@code cpu}, putting to sleep any that stopped being runnable
     * while queued (paused, say). If one becomes runnable again, its Wake is already on its way
     * and will find it asleep.
     */
    private Slice nextRunnable(Scheduler scheduler, int cpu, long now) {
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
