package io.xenon.drivers.ring;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The consuming side of a Xen ring as a Pekko Streams source: a back end's requests
 * ({@link #requests}) or a front end's responses ({@link #responses}), decoded out of their
 * slots, emitted while there are unconsumed entries and downstream demands.
 *
 * <p>When the ring is empty the stage runs {@code RING_FINAL_CHECK_FOR_REQUESTS} (or
 * {@code _RESPONSES}), which asks the peer to notify on the next entry, and parks until
 * {@link RingEvents#kick()} resumes it. It never blocks a thread, so a stalled peer stalls only
 * this stream. If the peer breaks the protocol the stream fails with
 * {@link BrokenRingException}.
 */
public final class RingSource {

    private RingSource() {
    }

    /** A back end's requests, as the front end publishes them on {@code ring}. */
    public static <T> Source<T, NotUsed> requests(BackRing ring, SlotDecoder<T> decoder, RingEvents events) {
        return one(RingConsumer.requests(ring, decoder, events));
    }

    /** A front end's responses, as the back end publishes them on {@code ring}. */
    public static <T> Source<T, NotUsed> responses(FrontRing ring, SlotDecoder<T> decoder, RingEvents events) {
        return one(RingConsumer.responses(ring, decoder, events));
    }

    private static <T> Source<T, NotUsed> one(RingConsumer<T> ring) {
        return Source.fromGraph(new RingSourceStage<T, T>("RingSource", ring, 1, (r, n) -> r.take()));
    }
}
