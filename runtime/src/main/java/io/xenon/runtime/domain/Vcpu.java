package io.xenon.runtime.domain;

import io.xenon.abi.VcpuId;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One virtual CPU ({@code struct vcpu}): whether it may run, whether an event upcall is pending,
 * where it runs, and how much CPU time it used.
 *
 * <p>Eligibility follows Xen's pause flags: a vCPU runs only when it is neither blocked
 * ({@code VPF_blocked}) nor down ({@code VPF_down}) and its domain is neither paused nor shut
 * down. Blocking and waking use Xen's ordering (see {@link #block()} and {@link #raiseUpcall()}),
 * so a wake that races a block is never lost.
 *
 * <p>Thread-safe: the vCPU's own thread blocks it; event sources on other threads wake it; the
 * scheduler reads its state. A {@link WakeListener} hears every transition to runnable.
 */
public final class Vcpu {

    /** Told when a vCPU may have become runnable; it must then be (re)queued if it is. */
    @FunctionalInterface
    public interface WakeListener {
        void wake(Vcpu vcpu);
    }

    /** {@code VPF_blocked}: waiting for an event. */
    public static final int VPF_BLOCKED = 1;
    /** {@code VPF_down}: not brought up (or taken down) by the guest. */
    public static final int VPF_DOWN = 2;

    private static final WakeListener NOBODY = v -> { };

    private final Domain domain;
    private final VcpuId id;
    private final AtomicInteger pauseFlags;
    private final AtomicLong cpuTimeNanos = new AtomicLong();
    private volatile boolean upcallPending;
    private volatile boolean upcallMask;
    private volatile boolean running;
    private volatile int pcpu = -1;
    private volatile BitSet hardAffinity;
    private volatile BitSet softAffinity;
    private volatile WakeListener wakeListener = NOBODY;

    Vcpu(Domain domain, int vcpuId, boolean up) {
        this.domain = domain;
        this.id = new VcpuId(domain.id(), vcpuId);
        this.pauseFlags = new AtomicInteger(up ? 0 : VPF_DOWN);
    }

    public VcpuId id() {
        return id;
    }

    public int vcpuId() {
        return id.vcpu();
    }

    public Domain domain() {
        return domain;
    }

    public void setWakeListener(WakeListener listener) {
        this.wakeListener = listener == null ? NOBODY : listener;
    }

    /** Whether the scheduler may run this vCPU now. */
    public boolean isRunnable() {
        return pauseFlags.get() == 0 && domain.isSchedulable();
    }

    public boolean isBlocked() {
        return (pauseFlags.get() & VPF_BLOCKED) != 0;
    }

    /** Online in xl's sense: not down. */
    public boolean isUp() {
        return (pauseFlags.get() & VPF_DOWN) == 0;
    }

    public RunState runState() {
        if (running) {
            return RunState.RUNNING;
        }
        if (!isUp()) {
            return RunState.OFFLINE;
        }
        if (isBlocked()) {
            return RunState.BLOCKED;
        }
        return isRunnable() ? RunState.RUNNABLE : RunState.OFFLINE;
    }

    /**
     * {@code SCHEDOP_block}: sleep until an event is pending. Unmasks upcalls first, as Xen's
     * {@code do_block} does.
     *
     * @return false if an upcall was already pending, so the vCPU did not block
     */
    public boolean block() {
        upcallMask = false;
        setFlag(VPF_BLOCKED);
        // ORDERING: the flag is set (a full fence, via CAS) before the pending bit is read, and
        // raiseUpcall sets pending before it clears the flag, so one side always sees the other.
        if (upcallPending) {
            pauseFlags.getAndUpdate(f -> f & ~VPF_BLOCKED);
            return false;
        }
        return true;
    }

    /**
     * Marks an event upcall pending ({@code evtchn_upcall_pending}) and wakes the vCPU if it was
     * blocked ({@code vcpu_unblock}).
     */
    public void raiseUpcall() {
        upcallPending = true;
        clearFlagAndWake(VPF_BLOCKED);
    }

    /** Whether an upcall is pending and not masked: the vCPU should run its event handler. */
    public boolean upcallDeliverable() {
        return upcallPending && !upcallMask;
    }

    /** Takes the pending upcall: clears {@code evtchn_upcall_pending} before the handler runs. */
    public boolean takeUpcall() {
        if (upcallPending && !upcallMask) {
            upcallPending = false;
            return true;
        }
        return false;
    }

    public boolean isUpcallPending() {
        return upcallPending;
    }

    public void setUpcallMask(boolean masked) {
        upcallMask = masked;
        if (!masked && upcallPending) {
            clearFlagAndWake(VPF_BLOCKED);
        }
    }

    /** {@code VCPUOP_up}: brings the vCPU online; it becomes runnable. */
    public void up() {
        clearFlagAndWake(VPF_DOWN);
    }

    /** {@code VCPUOP_down}: takes the vCPU offline. */
    public void down() {
        setFlag(VPF_DOWN);
    }

    /** Tells the wake listener to look at this vCPU again (after an unpause, say). */
    public void kick() {
        if (isRunnable()) {
            wakeListener.wake(this);
        }
    }

    /** Marks the vCPU as running on {@code pcpu} (or not running when {@code pcpu < 0}). */
    public void setRunning(int pcpu) {
        if (pcpu >= 0) {
            this.pcpu = pcpu;
            this.running = true;
        } else {
            this.running = false;
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** The pCPU it runs on or last ran on, or -1 if it never ran. */
    public int pcpu() {
        return pcpu;
    }

    public long cpuTimeNanos() {
        return cpuTimeNanos.get();
    }

    public void addCpuTime(long nanos) {
        if (nanos > 0) {
            cpuTimeNanos.addAndGet(nanos);
        }
    }

    public BitSet hardAffinity() {
        return hardAffinity;
    }

    public BitSet softAffinity() {
        return softAffinity;
    }

    public void setAffinity(BitSet hard, BitSet soft) {
        this.hardAffinity = (BitSet) hard.clone();
        this.softAffinity = (BitSet) soft.clone();
    }

    private void setFlag(int flag) {
        pauseFlags.getAndUpdate(f -> f | flag);
    }

    private void clearFlagAndWake(int flag) {
        int before = pauseFlags.getAndUpdate(f -> f & ~flag);
        if ((before & flag) != 0 && isRunnable()) {
            wakeListener.wake(this);
        }
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
