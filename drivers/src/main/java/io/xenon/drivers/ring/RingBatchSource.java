package io.xenon.drivers.ring;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * A back end's requests as a Pekko Streams source of batches: on each demand, every request the
 * front end has published and the ring lets it consume (up to {@code max}) is decoded and
 * emitted as one list, as Linux back ends drain a ring per event rather than per request. It
 * parks and fails exactly as {@link RingSource} does, and wakes the sibling sink once per batch.
 */
public final class RingBatchSource<T> extends GraphStage<SourceShape<List<T>>> {

    private final Outlet<List<T>> out = Outlet.create("RingBatchSource.out");
    private final SourceShape<List<T>> shape = SourceShape.of(out);
    private final BackRing ring;
    private final SlotDecoder<T> decoder;
    private final RingEvents events;
    private final int max;

    private RingBatchSource(BackRing ring, SlotDecoder<T> decoder, RingEvents events, int max) {
        this.ring = ring;
        this.decoder = decoder;
        this.events = events;
        this.max = max;
    }

    /** Batches of at most {@code max} requests, as the front end publishes them on {@code ring}. */
    public static <T> Source<List<T>, NotUsed> requests(BackRing ring, SlotDecoder<T> decoder, RingEvents events,
            int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a batch holds at least one request: " + max);
        }
        return Source.fromGraph(new RingBatchSource<>(ring, decoder, events, max));
    }

    @Override
    public SourceShape<List<T>> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
        return new GraphStageLogic(shape) {
            {
                AsyncCallback<NotUsed> resume = createAsyncCallback(x -> {
                    if (isAvailable(out)) {
                        emitOrPark();
                    }
                });
                events.source().attach(() -> resume.invoke(NotUsed.getInstance()));
                setHandler(out, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        emitOrPark();
                    }
                });
            }

            private void emitOrPark() {
                int n = ring.unconsumedRequests();
                if (n == 0) {
                    events.source().park();
                    if (!ring.finalCheckForRequests()) {
                        if (ring.broken()) {
                            failStage(new BrokenRingException("the peer broke the ring; no more entries are read"));
                            events.sink().wake();
                        }
                        return;
                    }
                    events.source().unpark();
                    n = ring.unconsumedRequests();
                    if (n == 0) {
                        // Only a req_prod that broke the ring since the final check gets here.
                        failStage(new BrokenRingException("the peer broke the ring; no more entries are read"));
                        events.sink().wake();
                        return;
                    }
                }
                n = Math.min(n, max);
                List<T> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(ring.takeRequest(decoder));
                }
                push(out, batch);
                events.metrics().consumed(n, ring.unconsumedRequests());
                // The consumed requests free slots the sibling sink may be waiting for.
                events.sink().wake();
            }
        };
    }
}
