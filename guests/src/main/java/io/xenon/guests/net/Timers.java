package io.xenon.guests.net;

import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * The timers of one guest's network stack, multiplexed onto the vCPU's single one-shot timer
 * ({@code set_timer_op}) as Mini-OS and Linux multiplex theirs: {@link #nextDeadline()} is what
 * the kernel arms, and {@link #runDue()} runs what has come due when it wakes.
 *
 * <p>Times are nanoseconds of the guest's clock ({@code NOW()}), read from {@code clock}.
 * Confined to the guest's vCPU 0.
 */
public final class Timers {

    /** No timer is pending: the value {@code set_timer_op} takes to cancel. */
    public static final long NONE = 0;

    /** A scheduled task, which may be cancelled until it runs. */
    public static final class Timer {
        private final long deadline;
        private final long seq;
        private final Runnable task;
        private boolean cancelled;

        private Timer(long deadline, long seq, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
        }

        /** Stops the task from running; cancelling twice, or after it ran, does nothing. */
        public void cancel() {
            cancelled = true;
        }
    }

    private final LongSupplier clock;
    private final PriorityQueue<Timer> queue = new PriorityQueue<>(
            (a, b) -> a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    private long seq;

    /** Timers on {@code clock}, in nanoseconds. */
    public Timers(LongSupplier clock) {
        this.clock = clock;
    }

    /** The clock's time now. */
    public long now() {
        return clock.getAsLong();
    }

    /** Runs {@code task} at time {@code deadline} or at the first {@link #runDue()} after it. */
    public Timer at(long deadline, Runnable task) {
        Timer t = new Timer(deadline, seq++, task);
        queue.add(t);
        return t;
    }

    /** Runs {@code task} {@code delayNanos} from now. */
    public Timer after(long delayNanos, Runnable task) {
        return at(now() + delayNanos, task);
    }

    /**
     * Runs every task whose deadline has passed, in deadline order, including those the tasks
     * schedule if they are due too.
     *
     * @return how many tasks ran
     */
    public int runDue() {
        int ran = 0;
        long now = now();
        while (!queue.isEmpty() && queue.peek().deadline <= now) {
            Timer t = queue.poll();
            if (!t.cancelled) {
                t.cancelled = true;
                t.task.run();
                ran++;
            }
        }
        return ran;
    }

    /** The earliest pending deadline, or {@link #NONE}; cancelled timers are dropped first. */
    public long nextDeadline() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
        // INVARIANT: a real deadline is never 0 (the clock counts from host boot), so NONE is free.
        return queue.isEmpty() ? NONE : Math.max(1, queue.peek().deadline);
    }
}
