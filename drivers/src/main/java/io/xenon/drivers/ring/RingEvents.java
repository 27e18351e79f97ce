package io.xenon.drivers.ring;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wake-up wiring of one end of a Xen ring: where the event channel's upcall (the peer's
 * {@code EVTCHNOP_send} after {@code RING_PUSH_*_AND_CHECK_NOTIFY} said so) enters the
 * {@link RingSource} and {@link RingSink} of that end.
 *
 * <p>Create one per ring end and materialization (a restarted back end makes a new one), pass it
 * to both stages, and call {@link #kick()} from the event channel handler, from any thread. A stage that found the ring empty (or, for a sink, had no
 * free slot) parks here and is resumed by the next kick; a kick while no stage waits is free. The
 * source also wakes its sibling sink: every entry it consumes frees a slot the sink may need.
 */
public final class RingEvents {

    private final Waiter source = new Waiter("source");
    private final Waiter sink = new Waiter("sink");
    private final RingMetrics metrics;

    /** Events of a ring end without metrics. */
    public RingEvents() {
        this(RingMetrics.NONE);
    }

    /** Events of a ring end whose stages record {@code metrics}. */
    public RingEvents(RingMetrics metrics) {
        this.metrics = metrics;
    }

    RingMetrics metrics() {
        return metrics;
    }

    /** The event-channel upcall: resume whichever stage waits on this ring. Thread-safe. */
    public void kick() {
        source.wake();
        sink.wake();
    }

    Waiter source() {
        return source;
    }

    Waiter sink() {
        return sink;
    }

    /** One stage's parking spot: its async callback and whether it is idle on the ring. */
    static final class Waiter {

        private final String role;
        private final AtomicReference<Runnable> callback = new AtomicReference<>();
        private final AtomicBoolean waiting = new AtomicBoolean();

        private Waiter(String role) {
            this.role = role;
        }

        /** Binds the stage's async callback; one stage per role and ring end. */
        void attach(Runnable resume) {
            if (!callback.compareAndSet(null, resume)) {
                throw new IllegalStateException("a ring " + role + " is already attached to these events");
            }
        }

        /** Called by the stage before its last look at the ring, so a kick after it is not lost. */
        void park() {
            waiting.set(true);
            // ORDERING: full barrier: the peer (or the sibling stage) must see waiting = true
            // before we re-read the ring indices; it publishes its index before reading waiting.
            VarHandle.fullFence();
        }

        /** Called by the stage when its last look found work after all. */
        void unpark() {
            waiting.set(false);
        }

        void wake() {
            // ORDERING: full barrier: the index the caller just published must be visible before
            // we read waiting, or a stage parking now could miss both the index and this wake.
            VarHandle.fullFence();
            if (waiting.get() && waiting.compareAndSet(true, false)) {
                Runnable r = callback.get();
                if (r != null) {
                    r.run();
                }
            }
        }
    }
}
