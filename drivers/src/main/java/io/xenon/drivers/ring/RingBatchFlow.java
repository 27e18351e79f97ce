package io.xenon.drivers.ring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * Work that comes from elsewhere paired with the requests a front end posts for it, as a Pekko
 * Streams flow of batches: netback's receive side, where frames queued for the guest meet the
 * buffers the guest posted on its rx ring. Upstream batches of items are held; whenever there
 * are items, requests and demand, as many of each as both allow are paired, in order, and
 * handed to a {@link Pairing} whose batch of responses goes downstream (to a
 * {@link RingBatchSink} on the same ring).
 *
 * <p>Items are taken from upstream only when none are held, so the upstream bound (a bounded
 * queue that drops) stays the only buffer worth naming. With items but no request the stage runs
 * {@code RING_FINAL_CHECK_FOR_REQUESTS} and parks until {@link RingEvents#kick()}; a broken ring
 * fails the stream with {@link BrokenRingException}.
 */
public final class RingBatchFlow<I, Q, R> extends GraphStage<FlowShape<List<I>, List<R>>> {

    /** Turns {@code items.get(i)} and {@code requests.get(i)} into the responses, in order. */
    @FunctionalInterface
    public interface Pairing<I, Q, R> {

        /** {@code items} and {@code requests} are equally long; returns one response per pair. */
        List<R> apply(List<I> items, List<Q> requests);
    }

    private final Inlet<List<I>> in = Inlet.create("RingBatchFlow.in");
    private final Outlet<List<R>> out = Outlet.create("RingBatchFlow.out");
    private final FlowShape<List<I>, List<R>> shape = FlowShape.of(in, out);
    private final RingConsumer<Q> ring;
    private final Pairing<I, Q, R> pairing;

    private RingBatchFlow(RingConsumer<Q> ring, Pairing<I, Q, R> pairing) {
        this.ring = ring;
        this.pairing = pairing;
    }

    /** Pairs upstream items with the requests on {@code ring} through {@code pairing}. */
    public static <I, Q, R> Flow<List<I>, List<R>, NotUsed> requests(BackRing ring, SlotDecoder<Q> decoder,
            RingEvents events, Pairing<I, Q, R> pairing) {
        return Flow.fromGraph(new RingBatchFlow<>(RingConsumer.requests(ring, decoder, events), pairing));
    }

    @Override
    public FlowShape<List<I>, List<R>> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
        return new GraphStageLogic(shape) {
            private final ArrayDeque<I> held = new ArrayDeque<>();

            {
                AsyncCallback<NotUsed> resume = createAsyncCallback(x -> pairOrPark());
                ring.waiter().attach(() -> resume.invoke(NotUsed.getInstance()));
                setHandler(in, new AbstractInHandler() {
                    @Override
                    public void onPush() {
                        held.addAll(grab(in));
                        pairOrPark();
                    }
                });
                setHandler(out, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        pairOrPark();
                    }
                });
            }

            private void pairOrPark() {
                if (held.isEmpty()) {
                    if (!hasBeenPulled(in) && !isClosed(in)) {
                        pull(in);
                    }
                    return;
                }
                if (!isAvailable(out)) {
                    return;
                }
                int n = Math.min(ring.unconsumedOrPark(this), held.size());
                if (n == 0) {
                    return;
                }
                List<I> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(held.poll());
                }
                push(out, pairing.apply(items, ring.take(n)));
                ring.consumed(n);
                if (held.isEmpty() && !hasBeenPulled(in) && !isClosed(in)) {
                    pull(in);
                }
            }
        };
    }
}
