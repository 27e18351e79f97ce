package io.xenon.runtime.domain;

import io.xenon.abi.DomId;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The machine Xenon runs: its memory, its pCPU count, and the domain table. It allocates domids
 * and memory for new domains and takes them back when domains die.
 *
 * <p>Confined to its owner (the hypervisor actor), except {@link #domains()} and {@link #find},
 * which other threads may call for read-only snapshots.
 */
public final class Host {

    /** Domain-0's name, as xl prints it. */
    public static final String DOM0_NAME = "Domain-0";

    private final FramePool frames;
    private final int pcpus;
    private final DomidAllocator domids = new DomidAllocator();
    private final Map<DomId, Domain> byId = Collections.synchronizedMap(new TreeMap<>());
    private final Map<String, Domain> byName = Collections.synchronizedMap(new HashMap<>());
    private final long bootMillis = System.currentTimeMillis();
    private final long bootNanos = System.nanoTime();

    public Host(long memoryMiB, int pcpus) {
        if (pcpus <= 0) {
            throw new IllegalArgumentException("a host needs pCPUs: " + pcpus);
        }
        this.frames = FramePool.ofMiB(memoryMiB);
        this.pcpus = pcpus;
    }

    public FramePool frames() {
        return frames;
    }

    public int pcpus() {
        return pcpus;
    }

    public long bootMillis() {
        return bootMillis;
    }

    public long bootNanos() {
        return bootNanos;
    }

    /**
     * Creates Domain-0 with {@code memoryMiB} of memory and {@code vcpus} vCPUs.
     *
     * @throws CreateException if it already exists or its memory does not fit
     */
    public Domain createDom0(long memoryMiB, int vcpus) throws CreateException {
        if (byId.containsKey(DomId.DOM0)) {
            throw new CreateException("Domain-0 already exists");
        }
        P2m memory = reserve(DOM0_NAME, memoryMiB, memoryMiB);
        Domain dom0 = new Domain(DomId.DOM0, DOM0_NAME, new UUID(0, 0), null, memory, vcpus,
                bootMillis, bootNanos);
        register(dom0);
        return dom0;
    }

    /**
     * Creates a DomU from {@code config}: checks that the name is free and the memory fits,
     * then takes a domid and reserves {@code memory} (the target; {@code maxmem} is the ballooning limit). On failure nothing has changed.
     *
     * @throws CreateException with a message naming what was wrong
     */
    public Domain create(DomainConfig config) throws CreateException {
        String name = config.name();
        if (name == null || name.isEmpty()) {
            throw new CreateException("a domain needs a name");
        }
        if (byName.containsKey(name)) {
            throw new CreateException("domain with name \"" + name + "\" already exists");
        }
        if (config.vcpus() < 1 || config.maxvcpus() < config.vcpus()) {
            throw new CreateException("invalid vcpus=" + config.vcpus() + " maxvcpus=" + config.maxvcpus());
        }
        P2m memory = reserve(name, config.memoryMiB(), Math.max(config.memoryMiB(), config.maxmemMiB()));
        DomId id = domids.allocate();
        if (id == null) {
            memory.release();
            throw new CreateException("no free domain id");
        }
        UUID uuid = config.uuid() != null ? config.uuid() : UUID.randomUUID();
        if (config.uuid() != null && uuidInUse(uuid)) {
            domids.free(id);
            memory.release();
            throw new CreateException("domain with uuid " + uuid + " already exists");
        }
        Domain d = new Domain(id, name, uuid, config, memory, 1, System.currentTimeMillis(),
                System.nanoTime());
        d.setTargetKiB(config.memoryMiB() * 1024);
        register(d);
        return d;
    }

    /**
     * Renames a domain.
     *
     * @throws CreateException if another domain has the name
     */
    public void rename(Domain d, String newName) throws CreateException {
        if (newName == null || newName.isEmpty()) {
            throw new CreateException("a domain needs a name");
        }
        synchronized (byName) {
            Domain other = byName.get(newName);
            if (other != null && other != d) {
                throw new CreateException("domain with name \"" + newName + "\" already exists");
            }
            byName.remove(d.name());
            d.rename(newName);
            byName.put(newName, d);
        }
    }

    /** Removes a dead domain: frees its domid and gives its memory back. */
    public void release(Domain d) {
        if (d.id().equals(DomId.DOM0)) {
            throw new IllegalArgumentException("Domain-0 cannot be released");
        }
        if (byId.remove(d.id(), d)) {
            byName.remove(d.name(), d);
            domids.free(d.id());
            d.memory().release();
        }
    }

    /**
     * {@code libxl_set_memory_target}: sets the balloon target of {@code d} to {@code kib}. The
     * guest's balloon driver then moves the domain's memory towards it.
     *
     * @throws MemoryException if the target is above the domain's maximum, or would need more
     *         memory than the host has free; nothing changed then
     */
    public void setMemoryTarget(Domain d, long kib) throws MemoryException {
        if (kib <= 0) {
            throw new MemoryException("invalid memory target " + kib + " KiB for domain " + d.id().value());
        }
        long maxKiB = d.memory().maxPages() * 4;
        if (kib > maxKiB) {
            throw new MemoryException("memory_dynamic_max must be less than or equal to memory_static_max ("
                    + "domain " + d.id().value() + ": target " + kib + " KiB, max " + maxKiB + " KiB)");
        }
        long growKiB = kib - d.memory().nrPages() * 4;
        long freeKiB = frames.freeFrames() * 4;
        if (growKiB > freeKiB) {
            throw new MemoryException("not enough free memory on the host for domain " + d.id().value() + ": target "
                    + kib + " KiB needs " + growKiB + " KiB more, " + freeKiB + " KiB free");
        }
        d.setTargetKiB(kib);
    }

    /**
     * {@code libxl_domain_setmaxmem}: sets how far {@code d} may grow ({@code max_pages}).
     *
     * @throws MemoryException if {@code kib} is below the current target or above the host's
     *         memory; nothing changed then
     */
    public void setMaxMemory(Domain d, long kib) throws MemoryException {
        if (kib < d.targetKiB()) {
            throw new MemoryException("memory_static_max must be greater than or equal to memory_dynamic_max ("
                    + "domain " + d.id().value() + ": max " + kib + " KiB, target " + d.targetKiB() + " KiB)");
        }
        long totalKiB = frames.totalFrames() * 4;
        if (kib > totalKiB) {
            throw new MemoryException("cannot set the maximum memory of domain " + d.id().value() + " to " + kib
                    + " KiB: the host has " + totalKiB + " KiB");
        }
        d.memory().setMaxPages(kib / 4);
    }

    public Domain get(DomId id) {
        return byId.get(id);
    }

    /** The domain xl names by {@code ref}: a domid if it is all digits, else a name. */
    public Domain find(String ref) {
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        if (ref.chars().allMatch(Character::isDigit) && ref.length() <= 5) {
            int id = Integer.parseInt(ref);
            return id <= 0xFFFF ? byId.get(DomId.of(id)) : null;
        }
        return byName.get(ref);
    }

    /** The domains in domid order. */
    public List<Domain> domains() {
        synchronized (byId) {
            return new ArrayList<>(byId.values());
        }
    }

    public int domainCount() {
        return byId.size();
    }

    public int domidsInUse() {
        return domids.inUseCount();
    }

    private boolean uuidInUse(UUID uuid) {
        Collection<Domain> all = domains();
        return all.stream().anyMatch(d -> d.uuid().equals(uuid));
    }

    private P2m reserve(String name, long memoryMiB, long maxmemMiB) throws CreateException {
        if (memoryMiB <= 0) {
            throw new CreateException("domain \"" + name + "\" needs memory, got " + memoryMiB + " MiB");
        }
        P2m memory = maxmemMiB > frames.totalFrames() / 256 ? null : P2m.reserve(frames, memoryMiB * 256, maxmemMiB * 256);
        if (memory == null && memoryMiB * 256 > frames.freeFrames()) {
            throw new CreateException("not enough free memory for domain \"" + name + "\": need " + memoryMiB
                    + " MiB, " + frames.freeFrames() / 256 + " MiB free");
        }
        if (memory == null) {
            throw new CreateException("maxmem of domain \"" + name + "\" is " + maxmemMiB + " MiB but the host has "
                    + frames.totalFrames() / 256 + " MiB");
        }
        return memory;
    }

    private void register(Domain d) {
        byId.put(d.id(), d);
        byName.put(d.name(), d);
    }
}
