package io.xenon.drivers.ring;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * A back end's responses as a Pekko Streams sink of batches: each list is written into the
 * slots of the requests it answers and published with one {@code RING_PUSH_RESPONSES_AND_CHECK_NOTIFY},
 * so a batch costs one barrier pair and at most one {@code EVTCHNOP_send}. Otherwise it behaves
 * as {@link RingSink}: it parks while no consumed request awaits a response, fails on a broken
 * ring, and materializes a completion that finishes once upstream has finished and its last
 * response is published.
 */
public final class RingBatchSink<T> extends AbstractGraphStageWithMaterializedValue<SinkShape<List<T>>, CompletionStage<Done>> {

    private final Inlet<List<T>> in = Inlet.create("RingBatchSink.in");
    private final SinkShape<List<T>> shape = SinkShape.of(in);
    private final BackRing ring;
    private final SlotEncoder<T> encoder;
    private final Runnable notifyPeer;
    private final RingEvents events;

    private RingBatchSink(BackRing ring, SlotEncoder<T> encoder, Runnable notifyPeer, RingEvents events) {
        this.ring = ring;
        this.encoder = encoder;
        this.notifyPeer = notifyPeer;
        this.events = events;
    }

    /** Batches of a back end's responses onto {@code ring}; {@code notifyPeer} sends on the event channel. */
    public static <T> Sink<List<T>, CompletionStage<Done>> responses(BackRing ring, SlotEncoder<T> encoder,
            Runnable notifyPeer, RingEvents events) {
        return Sink.fromGraph(new RingBatchSink<>(ring, encoder, notifyPeer, events));
    }

    @Override
    public SinkShape<List<T>> shape() {
        return shape;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValuePair(Attributes attributes) {
        CompletableFuture<Done> done = new CompletableFuture<>();
        GraphStageLogic logic = new GraphStageLogic(shape) {
            private List<T> pending;
            private int next;
            private boolean finishing;

            {
                AsyncCallback<Done> resume = createAsyncCallback(x -> {
                    if (pending != null) {
                        writeOrPark();
                    }
                });
                events.sink().attach(() -> resume.invoke(Done.getInstance()));
                setHandler(in, new AbstractInHandler() {
                    @Override
                    public void onPush() {
                        pending = grab(in);
                        next = 0;
                        writeOrPark();
                    }

                    @Override
                    public void onUpstreamFinish() {
                        if (pending == null) {
                            finish();
                        } else {
                            finishing = true;
                            setKeepGoing(true);
                        }
                    }

                    @Override
                    public void onUpstreamFailure(Throwable cause) {
                        done.completeExceptionally(cause);
                        failStage(cause);
                    }
                });
            }

            @Override
            public void preStart() {
                pull(in);
            }

            @Override
            public void postStop() {
                if (!done.isDone()) {
                    done.completeExceptionally(new IllegalStateException("ring sink stopped before upstream finished"));
                }
            }

            /** Writes what of the pending batch has slots, publishes it, and parks for the rest. */
            private void writeOrPark() {
                while (next < pending.size()) {
                    if (ring.broken()) {
                        BrokenRingException e = new BrokenRingException("the peer broke the ring; nothing more is written");
                        done.completeExceptionally(e);
                        failStage(e);
                        return;
                    }
                    int free = ring.freeResponses();
                    if (free == 0) {
                        events.sink().park();
                        if (ring.freeResponses() == 0) {
                            return;
                        }
                        events.sink().unpark();
                        continue;
                    }
                    int n = Math.min(free, pending.size() - next);
                    for (int i = 0; i < n; i++) {
                        ring.putResponse(encoder, pending.get(next++));
                    }
                    boolean notify = ring.pushResponsesAndCheckNotify();
                    if (notify) {
                        notifyPeer.run();
                    }
                    events.metrics().produced(n, notify);
                }
                pending = null;
                if (finishing) {
                    finish();
                } else {
                    pull(in);
                }
            }

            private void finish() {
                done.complete(Done.getInstance());
                completeStage();
            }
        };
        return Pair.create(logic, done);
    }
}
