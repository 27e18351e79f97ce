package io.xenon.drivers.ring;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The producing side of a Xen ring as a Pekko Streams sink: a back end's responses
 * ({@link #responses}) or a front end's requests ({@link #requests}), each encoded into a free
 * slot and published with {@code RING_PUSH_*_AND_CHECK_NOTIFY}; the notify callback (an
 * {@code EVTCHNOP_send}) runs only when that check says the peer asked for it.
 *
 * <p>The sink back-pressures while no slot is free (a front end with {@code RING_FULL}, a back
 * end with no consumed request left to answer) and resumes when the sibling {@link RingSource}
 * consumes or {@link RingEvents#kick()} is called. It materializes a completion that finishes
 * once upstream has finished and its last entry is published.
 */
public final class RingSink {

    private RingSink() {
    }

    /** A back end's responses onto {@code ring}; {@code notifyPeer} sends on the event channel. */
    public static <T> Sink<T, CompletionStage<Done>> responses(BackRing ring, SlotEncoder<T> encoder,
            Runnable notifyPeer, RingEvents events) {
        return Sink.fromGraph(new RingSinkStage<>("RingSink",
                RingProducer.responses(ring, encoder, notifyPeer, events), RingSinkStage.one()));
    }

    /** A front end's requests onto {@code ring}; {@code notifyPeer} sends on the event channel. */
    public static <T> Sink<T, CompletionStage<Done>> requests(FrontRing ring, SlotEncoder<T> encoder,
            Runnable notifyPeer, RingEvents events) {
        return Sink.fromGraph(new RingSinkStage<>("RingSink",
                RingProducer.requests(ring, encoder, notifyPeer, events), RingSinkStage.one()));
    }
}
