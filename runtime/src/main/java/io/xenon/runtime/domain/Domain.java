package io.xenon.runtime.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.ShutdownReason;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.console.ConsoleLog;
import io.xenon.runtime.mm.P2m;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One domain as the hypervisor keeps it ({@code struct domain}): its id, name and uuid, its
 * memory, its vCPUs, and its pause, shutdown and dying state.
 *
 * <p>State changes come from the domain's owning actor; vCPU threads and queries read them, so
 * the fields they share are volatile or atomic. {@link #info()} is a consistent-enough snapshot
 * for {@code xl list}.
 */
public final class Domain {

    private final DomId id;
    private final P2m memory;
    private final Vcpu[] vcpus;
    private final long createdAtMillis;
    private final long createdAtNanos;
    private final AtomicInteger pauseCount = new AtomicInteger();
    private volatile String name;
    private volatile UUID uuid;
    private volatile DomainConfig config;
    private volatile boolean shutdown;
    private volatile ShutdownReason shutdownReason;
    private volatile boolean dying;
    private volatile long targetKiB;
    private volatile int availableVcpus;
    private volatile int schedWeight;
    private volatile int schedCap;
    private final ConsoleLog console = new ConsoleLog(CONSOLE_BYTES);

    /** The credit scheduler's default weight, Domain-0's and any domain's without {@code cpu_weight}. */
    public static final int DEFAULT_WEIGHT = 256;

    /** How much console output a domain keeps in memory. */
    public static final int CONSOLE_BYTES = 64 * 1024;

    /**
     * A domain with {@code config.maxvcpus()} vCPUs, of which the first {@code onlineVcpus} are
     * up. A new DomU has only vCPU 0 up, as in Xen: its kernel brings the others up
     * ({@code VCPUOP_up}) up to its config's {@code vcpus}.
     */
    public Domain(DomId id, String name, UUID uuid, DomainConfig config, P2m memory, int onlineVcpus,
            long createdAtMillis, long createdAtNanos) {
        this.id = id;
        this.name = name;
        this.uuid = uuid;
        this.config = config;
        this.memory = memory;
        this.createdAtMillis = createdAtMillis;
        this.createdAtNanos = createdAtNanos;
        this.targetKiB = memory.nrPages() * 4;
        int max = Math.max(onlineVcpus, config == null ? onlineVcpus : config.maxvcpus());
        this.vcpus = new Vcpu[max];
        this.availableVcpus = config == null ? max : config.vcpus();
        this.schedWeight = config == null ? DEFAULT_WEIGHT : config.cpuWeight();
        this.schedCap = config == null ? 0 : config.cap();
        for (int i = 0; i < max; i++) {
            vcpus[i] = new Vcpu(this, i, i < onlineVcpus);
        }
    }

    public DomId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public UUID uuid() {
        return uuid;
    }

    public void setUuid(UUID newUuid) {
        this.uuid = newUuid;
    }

    /** The config the domain was created from; null for Domain-0. */
    public DomainConfig config() {
        return config;
    }

    public void setConfig(DomainConfig config) {
        this.config = config;
    }

    /** What the domain printed on its console, most recent {@link #CONSOLE_BYTES} bytes. */
    public ConsoleLog console() {
        return console;
    }

    /**
     * vCPUs the guest may bring up: its config's {@code vcpus} (all of Domain-0's) until
     * {@code xl vcpu-set} changes it ({@code cpu/<n>/availability} in XenStore).
     */
    public int availableVcpus() {
        return availableVcpus;
    }

    /**
     * {@code xl vcpu-set}: how many vCPUs the guest may have online, 1 to {@link #maxVcpus()}.
     *
     * @throws IllegalArgumentException outside that range
     */
    public void setAvailableVcpus(int n) {
        if (n < 1 || n > vcpus.length) {
            throw new IllegalArgumentException("vCPU count " + n + " outside 1.." + vcpus.length);
        }
        this.availableVcpus = n;
    }

    /** The scheduler's weight for this domain ({@code cpu_weight}, {@code xl sched-credit -w}). */
    public int schedWeight() {
        return schedWeight;
    }

    /** The scheduler's cap, % of one pCPU, 0 for none ({@code cap}, {@code xl sched-credit -c}). */
    public int schedCap() {
        return schedCap;
    }

    /** Records the credit parameters the scheduler was given for this domain. */
    public void setSchedParams(int weight, int cap) {
        this.schedWeight = weight;
        this.schedCap = cap;
    }

    public P2m memory() {
        return memory;
    }

    public List<Vcpu> vcpus() {
        return List.of(vcpus);
    }

    public Vcpu vcpu(int i) {
        return vcpus[i];
    }

    public int maxVcpus() {
        return vcpus.length;
    }

    /** Wall-clock creation time in ms since the epoch ({@code /vm/<uuid>/start_time}). */
    public long createdAtMillis() {
        return createdAtMillis;
    }

    /** Creation time on the monotonic clock, for uptime. */
    public long createdAtNanos() {
        return createdAtNanos;
    }

    /**
     * The balloon target in KiB ({@code memory/target}), which the guest's balloon driver moves
     * the reservation towards; the memory it holds now is {@code memory().nrPages()}.
     */
    public long targetKiB() {
        return targetKiB;
    }

    public void setTargetKiB(long kib) {
        this.targetKiB = kib;
    }

    /** {@code domain_pause_by_systemcontroller}: pauses are counted and nest. */
    public void pause() {
        pauseCount.incrementAndGet();
    }

    /**
     * {@code domain_unpause_by_systemcontroller}: undoes one pause; vCPUs that can run are kicked.
     *
     * @return false if the domain was not paused
     */
    public boolean unpause() {
        while (true) {
            int count = pauseCount.get();
            if (count == 0) {
                return false;
            }
            if (pauseCount.compareAndSet(count, count - 1)) {
                if (count == 1) {
                    for (Vcpu v : vcpus) {
                        v.kick();
                    }
                }
                return true;
            }
        }
    }

    public boolean isPaused() {
        return pauseCount.get() > 0;
    }

    public int pauseCount() {
        return pauseCount.get();
    }

    /** Whether its vCPUs may be scheduled: not paused, not shut down, not dying. */
    public boolean isSchedulable() {
        return pauseCount.get() == 0 && !shutdown && !dying;
    }

    /**
     * {@code domain_shutdown}: records the reason and stops the vCPUs. The first reason wins, as
     * in Xen, except that a crash overrides a shutdown still in progress.
     *
     * @return whether this call shut the domain down (false if it already was, or is dying)
     */
    public boolean shutdown(ShutdownReason reason) {
        synchronized (this) {
            if (dying || (shutdown && reason != ShutdownReason.CRASH)) {
                return false;
            }
            if (shutdown && shutdownReason == ShutdownReason.CRASH) {
                return false;
            }
            shutdownReason = reason;
            shutdown = true;
            return true;
        }
    }

    /** Clears the shut-down state (a resume after suspend). */
    public synchronized void resume() {
        shutdown = false;
        shutdownReason = null;
        for (Vcpu v : vcpus) {
            v.kick();
        }
    }

    public boolean isShutdown() {
        return shutdown;
    }

    /** The reason it shut down, or null while it has not. */
    public ShutdownReason shutdownReason() {
        return shutdownReason;
    }

    /** {@code domain_kill}: marks the domain dying; it never runs again. */
    public void markDying() {
        dying = true;
    }

    public boolean isDying() {
        return dying;
    }

    /** CPU time used by all vCPUs, in ns. */
    public long cpuTimeNanos() {
        long total = 0;
        for (Vcpu v : vcpus) {
            total += v.cpuTimeNanos();
        }
        return total;
    }

    /** The vCPUs online now (not down). */
    public int onlineVcpus() {
        int n = 0;
        for (Vcpu v : vcpus) {
            if (v.isUp()) {
                n++;
            }
        }
        return n;
    }

    /**
     * A snapshot for listing: the fields of {@code xc_domaininfo_t} that xl prints.
     * {@code running}: some vCPU is on a pCPU now; {@code blocked}: every online vCPU is blocked
     * (as Xen's {@code getdomaininfo} computes it).
     */
    public DomainInfo info() {
        boolean anyRunning = false;
        boolean allBlocked = true;
        int online = 0;
        long cpu = 0;
        List<VcpuInfo> vs = new ArrayList<>(vcpus.length);
        for (Vcpu v : vcpus) {
            cpu += v.cpuTimeNanos();
            if (v.isUp()) {
                online++;
                if (!v.isBlocked()) {
                    allBlocked = false;
                }
                if (v.isRunning()) {
                    anyRunning = true;
                }
            }
            vs.add(new VcpuInfo(v.vcpuId(), v.isUp(), v.pcpu(), v.runState(), v.cpuTimeNanos(),
                    copy(v.hardAffinity()), copy(v.softAffinity())));
        }
        if (online == 0) {
            allBlocked = false;
        }
        // A shut-down domain's vCPUs are paused: one still finishing the slice in which it shut
        // down runs no more guest code, so it does not count as running.
        anyRunning &= !shutdown;
        return new DomainInfo(id, name, uuid, memory.nrPages() * 4, targetKiB, memory.maxPages() * 4, online, vcpus.length, anyRunning, allBlocked, isPaused(), shutdown,
                shutdownReason, dying, cpu, createdAtMillis, createdAtNanos, memory.touchedPages(), vs);
    }

    private static BitSet copy(BitSet b) {
        return b == null ? null : (BitSet) b.clone();
    }

    @Override
    public String toString() {
        return "d" + id.value() + "(" + name + ")";
    }
}
