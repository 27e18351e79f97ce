package io.xenon.drivers.ring;

import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A back end's requests as a Pekko Streams source of batches: on each demand, every request the
 * front end has published and the ring lets it consume (up to {@code max}) is decoded and
 * emitted as one list, as Linux back ends drain a ring per event rather than per request. It
 * parks and fails exactly as {@link RingSource} does, and wakes the sibling sink once per batch.
 */
public final class RingBatchSource {

    private RingBatchSource() {
    }

    /** Batches of at most {@code max} requests, as the front end publishes them on {@code ring}. */
    public static <T> Source<List<T>, NotUsed> requests(BackRing ring, SlotDecoder<T> decoder, RingEvents events,
            int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a batch holds at least one request: " + max);
        }
        return Source.fromGraph(new RingSourceStage<T, List<T>>("RingBatchSource",
                RingConsumer.requests(ring, decoder, events), max, RingConsumer::take));
    }
}
