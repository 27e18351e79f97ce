package io.xenon.runtime.sched;

import io.xenon.abi.DomId;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One CPU pool ({@code struct cpupool}, {@code xen/common/sched/cpupool.c}): a name, a set of
 * pCPUs no other pool has, its own {@link Scheduler}, and the domains whose vCPUs it schedules.
 *
 * <p>Confined to the {@link Cpupools} that owns it.
 */
public final class Cpupool {

    private final int id;
    private String name;
    private final Scheduler scheduler;
    /** INVARIANT: disjoint from every other pool's cpus; units hold this very set. */
    private final BitSet cpus = new BitSet();
    private final Set<DomId> domains = new LinkedHashSet<>();

    Cpupool(int id, String name, Scheduler scheduler) {
        this.id = id;
        this.name = name;
        this.scheduler = scheduler;
    }

    /** {@code cpupool_id}: 0 for Pool-0. */
    public int id() {
        return id;
    }

    /** The pool's name ({@code /local/pool/<id>/name}); {@link Cpupools#rename} changes it. */
    public String name() {
        return name;
    }

    void rename(String name) {
        this.name = name;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The pool's pCPUs; the set itself, which units consult, so never change it. */
    public BitSet cpus() {
        return cpus;
    }

    /** {@code n_dom}: how many domains the pool has. */
    public int domainCount() {
        return domains.size();
    }

    Set<DomId> domains() {
        return domains;
    }

    @Override
    public String toString() {
        return name;
    }
}
