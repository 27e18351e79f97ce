package io.xenon.actors.domain;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The hypervisor's timer service: one-shot timers at Xen system time deadlines, for
 * {@code set_timer_op}. One daemon thread serves every domain; a timer's action only raises an
 * upcall, so it never blocks that thread.
 */
public final class VcpuTimers implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    public VcpuTimers() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "xenon-vcpu-timers");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code action} at {@code deadlineNanos} on the {@link System#nanoTime()} clock. */
    public ScheduledFuture<?> at(long deadlineNanos, Runnable action) {
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        return executor.schedule(action, delay, TimeUnit.NANOSECONDS);
    }

    /** Timers waiting to fire. */
    public int pending() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
