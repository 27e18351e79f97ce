package io.xenon.runtime.mm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's machine memory: a fixed number of 4 KiB frames that domains reserve when they are
 * created and give back when they die.
 *
 * <p>Reserving is accounting only: a reserved frame becomes a real {@link Page} when its domain
 * first touches it, so thousands of idle 128 MiB domains fit on one machine. The pool counts both
 * figures: {@link #freeFrames()} is what {@code xl info} calls free memory, {@link #touchedFrames()}
 * is the heap actually used for guest memory.
 *
 * <p>XEN-DIFF: Xen's {@code free_memory} also leaves out the hypervisor's own heap; here the pool
 * holds only domains' frames, so total is exactly free plus every domain's reservation, Domain-0's
 * included, whatever the balloons do.
 *
 * <p>Thread-safe: reservations come from the hypervisor, touches from any vCPU or back end.
 */
public final class FramePool {

    private final long totalFrames;
    private final AtomicLong freeFrames;
    private final AtomicLong touchedFrames = new AtomicLong();

    public FramePool(long totalFrames) {
        if (totalFrames <= 0) {
            throw new IllegalArgumentException("a host needs memory: " + totalFrames + " frames");
        }
        this.totalFrames = totalFrames;
        this.freeFrames = new AtomicLong(totalFrames);
    }

    /** A pool of {@code mebibytes} MiB. */
    public static FramePool ofMiB(long mebibytes) {
        return new FramePool(mebibytes * 256);
    }

    public long totalFrames() {
        return totalFrames;
    }

    public long freeFrames() {
        return freeFrames.get();
    }

    public long touchedFrames() {
        return touchedFrames.get();
    }

    /**
     * Takes {@code frames} frames from the free pool, all or nothing.
     *
     * @return whether they were available; on false nothing changed
     */
    public boolean tryReserve(long frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("negative reservation: " + frames);
        }
        while (true) {
            long free = freeFrames.get();
            if (free < frames) {
                return false;
            }
            if (freeFrames.compareAndSet(free, free - frames)) {
                return true;
            }
        }
    }

    /** Gives {@code frames} reserved frames back, of which {@code touched} had been backed by pages. */
    public void release(long frames, long touched) {
        long after = freeFrames.addAndGet(frames);
        touchedFrames.addAndGet(-touched);
        if (after > totalFrames) {
            throw new IllegalStateException("released more frames than the host has: " + after);
        }
    }

    void touched() {
        touchedFrames.incrementAndGet();
    }
}
