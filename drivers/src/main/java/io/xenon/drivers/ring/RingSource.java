package io.xenon.drivers.ring;

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
public final class RingSource<T> extends GraphStage<SourceShape<T>> {

    /** What the stage needs of a consuming ring half. */
    private interface Consumer<T> {

        boolean broken();

        int unconsumed();

        T take();

        boolean finalCheck();
    }

    private final Outlet<T> out = Outlet.create("RingSource.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final Consumer<T> ring;
    private final RingEvents events;

    private RingSource(Consumer<T> ring, RingEvents events) {
        this.ring = ring;
        this.events = events;
    }

    /** A back end's requests, as the front end publishes them on {@code ring}. */
    public static <T> Source<T, NotUsed> requests(BackRing ring, SlotDecoder<T> decoder, RingEvents events) {
        return Source.fromGraph(new RingSource<>(new Consumer<T>() {
            public boolean broken() {
                return ring.broken();
            }

            public int unconsumed() {
                return ring.unconsumedRequests();
            }

            public T take() {
                return ring.takeRequest(decoder);
            }

            public boolean finalCheck() {
                return ring.finalCheckForRequests();
            }
        }, events));
    }

    /** A front end's responses, as the back end publishes them on {@code ring}. */
    public static <T> Source<T, NotUsed> responses(FrontRing ring, SlotDecoder<T> decoder, RingEvents events) {
        return Source.fromGraph(new RingSource<>(new Consumer<T>() {
            public boolean broken() {
                return ring.broken();
            }

            public int unconsumed() {
                return ring.unconsumedResponses();
            }

            public T take() {
                return ring.takeResponse(decoder);
            }

            public boolean finalCheck() {
                return ring.finalCheckForResponses();
            }
        }, events));
    }

    @Override
    public SourceShape<T> shape() {
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
                if (ring.unconsumed() == 0) {
                    events.source().park();
                    if (!ring.finalCheck()) {
                        if (ring.broken()) {
                            failStage(new BrokenRingException("the peer broke the ring; no more entries are read"));
                            // A sibling sink parked on a slot this source will never free
                            // must wake to see the ring broken too.
                            events.sink().wake();
                        }
                        return;
                    }
                    events.source().unpark();
                }
                push(out, ring.take());
                events.metrics().consumed(ring.unconsumed());
                // A consumed entry frees a slot the sibling sink may be waiting for.
                events.sink().wake();
            }
        };
    }
}
