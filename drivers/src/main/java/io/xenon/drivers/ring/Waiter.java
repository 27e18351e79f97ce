package io.xenon.drivers.ring;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One stage's parking spot: its async callback and whether it is idle, the half of Xen's
 * "set the event, check once more, sleep" handshake that lives on our side of an event channel.
 * A stage that found nothing to do {@linkplain #park() parks}, looks once more, and either
 * {@linkplain #unpark() unparks} or returns; whoever publishes work then {@linkplain #wake()
 * wakes} it, from any thread.
 *
 * <p>The ring stages get theirs from {@link RingEvents}; a queue that feeds a stream the same
 * way (netback's rx queue) keeps its own. Thread-safe.
 */
public final class Waiter {

    private final String attachedTwice;
    private final AtomicReference<Runnable> callback = new AtomicReference<>();
    private final AtomicBoolean waiting = new AtomicBoolean();

    /** A parking spot for one stage; {@code attachedTwice} is the error if a second one attaches. */
    public Waiter(String attachedTwice) {
        this.attachedTwice = attachedTwice;
    }

    /** Binds the stage's async callback; one stage per waiter. */
    public void attach(Runnable resume) {
        if (!callback.compareAndSet(null, resume)) {
            throw new IllegalStateException(attachedTwice);
        }
    }

    /** Called by the stage before its last look for work, so a wake after it is not lost. */
    public void park() {
        waiting.set(true);
        // ORDERING: full barrier: the publisher (the peer, the sibling stage, an offering thread)
        // must see waiting = true before we look again; it publishes its work before reading waiting.
        VarHandle.fullFence();
    }

    /** Called by the stage when its last look found work after all. */
    public void unpark() {
        waiting.set(false);
    }

    /** Resumes the stage if it is parked; called after publishing work (an index, a frame). */
    public void wake() {
        // ORDERING: full barrier: the work the caller just published must be visible before we
        // read waiting, or a stage parking now could miss both the work and this wake.
        VarHandle.fullFence();
        if (waiting.get() && waiting.compareAndSet(true, false)) {
            Runnable r = callback.get();
            if (r != null) {
                r.run();
            }
        }
    }
}
