package io.xenon.drivers.ring;

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

    private final Waiter source = new Waiter("a ring source is already attached to these events");
    private final Waiter sink = new Waiter("a ring sink is already attached to these events");
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
}
