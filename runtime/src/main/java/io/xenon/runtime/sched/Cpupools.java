package io.xenon.runtime.sched;

import io.xenon.abi.DomId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's CPU pools ({@code xen/common/sched/cpupool.c}): Pool-0 starts with every pCPU and
 * Domain-0; other pools are made from free pCPUs (ones in no pool). Each pool has its own
 * {@link Scheduler}, and each domain belongs to exactly one pool.
 *
 * <p>The rules are Xen's: a pCPU joins a pool only if it is free; a pool with domains keeps at
 * least one pCPU ({@code -EBUSY}); a pool with domains cannot be destroyed ({@code -EBUSY}), and
 * Pool-0 never can. A refusal throws {@link CpupoolException} and changes nothing.
 *
 * <p>Confined to its owner (the scheduler actor).
 */
public final class Cpupools {

    /** The default pool's name at boot; {@link #rename} may change it. */
    public static final String POOL0 = "Pool-0";

    /** A refused pool operation; the message says why. */
    public static final class CpupoolException extends RuntimeException {

        CpupoolException(String message) {
            super(message);
        }
    }

    private final int pcpus;
    private final Map<String, Cpupool> pools = new LinkedHashMap<>();
    private final Cpupool[] poolOfCpu;
    private final Map<DomId, Cpupool> poolOfDomain = new HashMap<>();
    private int nextId = 1;

    /** Pool-0 with all {@code pcpus} pCPUs, scheduled by {@code pool0}. */
    public Cpupools(int pcpus, Scheduler pool0) {
        if (pcpus <= 0) {
            throw new IllegalArgumentException("pcpus must be positive: " + pcpus);
        }
        this.pcpus = pcpus;
        this.poolOfCpu = new Cpupool[pcpus];
        Cpupool p0 = new Cpupool(0, POOL0, pool0);
        pools.put(POOL0, p0);
        BitSet all = new BitSet();
        all.set(0, pcpus);
        assignCpus(p0, all);
    }

    /** The host's pCPU count. */
    public int pcpus() {
        return pcpus;
    }

    /** The pools, Pool-0 first, then in order of creation. */
    public List<Cpupool> list() {
        return List.copyOf(pools.values());
    }

    /** Pool-0, the pool of id 0, whatever its name now. */
    public Cpupool pool0() {
        return pools.values().iterator().next();
    }

    /** The pool named {@code ref}, or whose id {@code ref} is; null if none. */
    public Cpupool find(String ref) {
        Cpupool p = pools.get(ref);
        if (p != null) {
            return p;
        }
        for (Cpupool q : pools.values()) {
            if (String.valueOf(q.id()).equals(ref)) {
                return q;
            }
        }
        return null;
    }

    /** The pool that owns {@code cpu}, or null if it is free. */
    public Cpupool poolOfCpu(int cpu) {
        return poolOfCpu[cpu];
    }

    /** The pool {@code domain} belongs to, or null if it has none yet. */
    public Cpupool poolOf(DomId domain) {
        return poolOfDomain.get(domain);
    }

    /** The pCPUs in no pool ({@code xl info}'s {@code free_cpus}). */
    public BitSet freeCpus() {
        BitSet free = new BitSet();
        for (int cpu = 0; cpu < pcpus; cpu++) {
            if (poolOfCpu[cpu] == null) {
                free.set(cpu);
            }
        }
        return free;
    }

    /** {@code cpupool_create}: a new pool of the free pCPUs {@code cpus} (maybe none). */
    public Cpupool create(String name, Scheduler scheduler, BitSet cpus) {
        if (name == null || name.isEmpty()) {
            throw new CpupoolException("a cpupool must have a name");
        }
        if (pools.containsKey(name)) {
            throw new CpupoolException("Pool name \"" + name + "\" already exists");
        }
        checkFree(cpus);
        Cpupool p = new Cpupool(nextId++, name, scheduler);
        pools.put(name, p);
        assignCpus(p, cpus);
        return p;
    }

    /**
     * {@code libxl_cpupool_rename}: the pool is called {@code name} from now on, keeping its id,
     * place in the list, pCPUs and domains. Pool-0 may be renamed too.
     *
     * <p>XEN-DIFF: libxl writes the new name to XenStore without looking at the other pools, so
     * two pools can share a name there; Xenon finds pools by name and refuses a name another pool
     * has, and an empty one.
     */
    public void rename(Cpupool pool, String name) {
        if (name == null || name.isEmpty()) {
            throw new CpupoolException("a cpupool must have a name");
        }
        Cpupool other = pools.get(name);
        if (other == pool) {
            return;
        }
        if (other != null) {
            throw new CpupoolException("Pool name \"" + name + "\" already exists");
        }
        List<Cpupool> order = List.copyOf(pools.values());
        pool.rename(name);
        pools.clear();
        for (Cpupool p : order) {
            pools.put(p.name(), p);
        }
    }

    /** {@code cpupool_destroy}: only a pool with no domains, never Pool-0; its pCPUs go free. */
    public void destroy(Cpupool pool) {
        if (pool.id() == 0) {
            throw new CpupoolException("cpupool " + pool.name() + " cannot be destroyed");
        }
        if (pool.domainCount() > 0) {
            throw new CpupoolException("cpupool " + pool.name() + " still has " + pool.domainCount()
                    + " domain(s)");
        }
        BitSet cpus = (BitSet) pool.cpus().clone();
        releaseCpus(pool, cpus);
        pools.remove(pool.name());
        pool.scheduler().deinit();
    }

    /** {@code cpupool_assign_cpu}: the free pCPUs {@code cpus} join {@code pool}. */
    public void addCpus(Cpupool pool, BitSet cpus) {
        checkFree(cpus);
        assignCpus(pool, cpus);
    }

    /**
     * {@code cpupool_unassign_cpu}: {@code cpus}, all {@code pool}'s, go free; a pool with domains
     * keeps at least one.
     */
    public void removeCpus(Cpupool pool, BitSet cpus) {
        checkRange(cpus);
        for (int cpu = cpus.nextSetBit(0); cpu >= 0; cpu = cpus.nextSetBit(cpu + 1)) {
            if (poolOfCpu[cpu] != pool) {
                throw new CpupoolException("cpu " + cpu + " is not in cpupool " + pool.name());
            }
        }
        BitSet left = (BitSet) pool.cpus().clone();
        left.andNot(cpus);
        if (left.isEmpty() && pool.domainCount() > 0) {
            throw new CpupoolException("cpupool " + pool.name() + " has domains and must keep a cpu");
        }
        releaseCpus(pool, cpus);
    }

    /**
     * A domain joins {@code pool} ({@code sched_init_domain}, or {@code cpupool_move_domain}
     * when it had one); a pool with no pCPUs cannot take one.
     *
     * @return the pool it left, or null
     */
    public Cpupool assign(DomId domain, Cpupool pool) {
        Cpupool old = poolOfDomain.get(domain);
        if (old == pool) {
            return old;
        }
        if (pool.cpus().isEmpty()) {
            throw new CpupoolException("cpupool " + pool.name() + " has no cpus");
        }
        if (old != null) {
            old.domains().remove(domain);
        }
        pool.domains().add(domain);
        poolOfDomain.put(domain, pool);
        return old;
    }

    /** The domain is gone: its pool forgets it. */
    public void release(DomId domain) {
        Cpupool old = poolOfDomain.remove(domain);
        if (old != null) {
            old.domains().remove(domain);
        }
    }

    /** Every pool's name, id and pCPU list, for messages and logs. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Cpupool p : pools.values()) {
            parts.add(p.name() + "(" + p.id() + ")=" + p.cpus());
        }
        return String.join(" ", parts);
    }

    private void checkFree(BitSet cpus) {
        checkRange(cpus);
        for (int cpu = cpus.nextSetBit(0); cpu >= 0; cpu = cpus.nextSetBit(cpu + 1)) {
            if (poolOfCpu[cpu] != null) {
                throw new CpupoolException("cpu " + cpu + " is not free (it is in cpupool " + poolOfCpu[cpu].name()
                        + ")");
            }
        }
    }

    private void checkRange(BitSet cpus) {
        if (cpus.length() > pcpus) {
            throw new CpupoolException("cpu " + (cpus.length() - 1) + " does not exist (the host has " + pcpus
                    + " cpus)");
        }
    }

    private void assignCpus(Cpupool pool, BitSet cpus) {
        for (int cpu = cpus.nextSetBit(0); cpu >= 0; cpu = cpus.nextSetBit(cpu + 1)) {
            poolOfCpu[cpu] = pool;
        }
        pool.cpus().or(cpus);
        pool.scheduler().setCpus(pool.cpus());
    }

    private void releaseCpus(Cpupool pool, BitSet cpus) {
        for (int cpu = cpus.nextSetBit(0); cpu >= 0; cpu = cpus.nextSetBit(cpu + 1)) {
            poolOfCpu[cpu] = null;
        }
        pool.cpus().andNot(cpus);
        pool.scheduler().setCpus(pool.cpus());
    }
}
