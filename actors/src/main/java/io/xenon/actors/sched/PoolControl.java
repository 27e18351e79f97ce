package io.xenon.actors.sched;

import io.xenon.actors.Reply;
import io.xenon.runtime.sched.Cpupool;
import io.xenon.runtime.sched.Cpupools;
import io.xenon.runtime.sched.Cpupools.CpupoolException;
import io.xenon.runtime.sched.Scheduler;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The cpupool commands that change no unit ({@code xl cpupool-create}, {@code -rename},
 * {@code -destroy}, {@code -cpu-add}, {@code -cpu-remove}, {@code -list}) as replies: each names a pool by name or
 * id, and a refusal's reason is the {@link CpupoolException}'s text.
 *
 * <p>Confined to the {@link SchedulerActor} that owns it.
 */
final class PoolControl {

    private final Cpupools pools;
    private final BiFunction<String, String, Scheduler> schedulers;

    PoolControl(Cpupools pools, BiFunction<String, String, Scheduler> schedulers) {
        this.pools = pools;
        this.schedulers = schedulers;
    }

    /** A new pool run by a new {@code sched} scheduler. */
    Reply create(String name, String sched, BitSet cpus) {
        try {
            pools.create(name, schedulers.apply(sched, name), cpus);
            return new Reply.Done("");
        } catch (IllegalArgumentException | CpupoolException e) {
            return rejected(e);
        }
    }

    /** The pool {@code ref} is called {@code name} from now on. */
    Reply rename(String ref, String name) {
        Cpupool pool = pools.find(ref);
        if (pool == null) {
            return unknown(ref);
        }
        try {
            pools.rename(pool, name);
            return new Reply.Done("");
        } catch (CpupoolException e) {
            return rejected(e);
        }
    }

    Reply destroy(String ref) {
        Cpupool pool = pools.find(ref);
        if (pool == null) {
            return unknown(ref);
        }
        try {
            pools.destroy(pool);
            return new Reply.Done("");
        } catch (CpupoolException e) {
            return rejected(e);
        }
    }

    /** Adds ({@code add}) or removes the pCPUs {@code cpus}. */
    Reply cpus(String ref, BitSet cpus, boolean add) {
        Cpupool pool = pools.find(ref);
        if (pool == null) {
            return unknown(ref);
        }
        try {
            if (add) {
                pools.addCpus(pool, cpus);
            } else {
                pools.removeCpus(pool, cpus);
            }
            return new Reply.Done("");
        } catch (CpupoolException e) {
            return rejected(e);
        }
    }

    /** The pools, with each domain's pool name by domid as the caller knows them. */
    SchedulerActor.PoolList list(Map<Integer, String> domainPools) {
        List<SchedulerActor.PoolInfo> list = new ArrayList<>();
        for (Cpupool p : pools.list()) {
            list.add(new SchedulerActor.PoolInfo(p.id(), p.name(), p.scheduler().name(),
                    p.cpus().stream().boxed().toList(), p.domainCount()));
        }
        return new SchedulerActor.PoolList(list, domainPools);
    }

    /** libxl's refusal for a pool reference that names none. */
    static Reply.Rejected unknown(String ref) {
        return new Reply.Rejected("unknown cpupool '" + ref + "'", Reply.Kind.INVALID);
    }

    static Reply.Rejected rejected(RuntimeException e) {
        return new Reply.Rejected(e.getMessage(), e instanceof CpupoolException ? Reply.Kind.CONFLICT
                : Reply.Kind.INVALID);
    }
}
