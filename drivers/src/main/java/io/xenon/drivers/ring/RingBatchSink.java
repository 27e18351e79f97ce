package io.xenon.drivers.ring;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * A back end's responses as a Pekko Streams sink of batches: each list is written into the
 * slots of the requests it answers and published with one {@code RING_PUSH_RESPONSES_AND_CHECK_NOTIFY},
 * so a batch costs one barrier pair and at most one {@code EVTCHNOP_send}. Otherwise it behaves
 * as {@link RingSink}: it parks while no consumed request awaits a response, fails on a broken
 * ring, and materializes a completion that finishes once upstream has finished and its last
 * response is published.
 */
public final class RingBatchSink {

    private RingBatchSink() {
    }

    /** Batches of a back end's responses onto {@code ring}; {@code notifyPeer} sends on the event channel. */
    public static <T> Sink<List<T>, CompletionStage<Done>> responses(BackRing ring, SlotEncoder<T> encoder,
            Runnable notifyPeer, RingEvents events) {
        return Sink.fromGraph(new RingSinkStage<>("RingBatchSink",
                RingProducer.responses(ring, encoder, notifyPeer, events), RingSinkStage.<T>batch()));
    }
}
