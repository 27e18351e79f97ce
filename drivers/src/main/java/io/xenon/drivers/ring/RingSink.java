package io.xenon.drivers.ring;

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
public final class RingSink<T> extends AbstractGraphStageWithMaterializedValue<SinkShape<T>, CompletionStage<Done>> {

    /** What the stage needs of a producing ring half. */
    private interface Producer<T> {

        boolean broken();

        int free();

        void put(T value);

        boolean pushAndCheckNotify();
    }

    private final Inlet<T> in = Inlet.create("RingSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final Producer<T> ring;
    private final Runnable notifyPeer;
    private final RingEvents events;

    private RingSink(Producer<T> ring, Runnable notifyPeer, RingEvents events) {
        this.ring = ring;
        this.notifyPeer = notifyPeer;
        this.events = events;
    }

    /** A back end's responses onto {@code ring}; {@code notifyPeer} sends on the event channel. */
    public static <T> Sink<T, CompletionStage<Done>> responses(BackRing ring, SlotEncoder<T> encoder,
            Runnable notifyPeer, RingEvents events) {
        return Sink.fromGraph(new RingSink<>(new Producer<T>() {
            public boolean broken() {
                return ring.broken();
            }

            public int free() {
                return ring.freeResponses();
            }

            public void put(T value) {
                ring.putResponse(encoder, value);
            }

            public boolean pushAndCheckNotify() {
                return ring.pushResponsesAndCheckNotify();
            }
        }, notifyPeer, events));
    }

    /** A front end's requests onto {@code ring}; {@code notifyPeer} sends on the event channel. */
    public static <T> Sink<T, CompletionStage<Done>> requests(FrontRing ring, SlotEncoder<T> encoder,
            Runnable notifyPeer, RingEvents events) {
        return Sink.fromGraph(new RingSink<>(new Producer<T>() {
            public boolean broken() {
                return ring.broken();
            }

            public int free() {
                return ring.freeRequests();
            }

            public void put(T value) {
                ring.putRequest(encoder, value);
            }

            public boolean pushAndCheckNotify() {
                return ring.pushRequestsAndCheckNotify();
            }
        }, notifyPeer, events));
    }

    @Override
    public SinkShape<T> shape() {
        return shape;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValuePair(Attributes attributes) {
        CompletableFuture<Done> done = new CompletableFuture<>();
        GraphStageLogic logic = new GraphStageLogic(shape) {
            private T pending;
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
                        writeOrPark();
                    }

                    @Override
                    public void onUpstreamFinish() {
                        if (pending == null) {
                            finish();
                        } else {
                            // The parked entry still goes out: keep the stage alive, with its
                            // only port closed, until a slot frees.
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

            private void writeOrPark() {
                if (ring.broken()) {
                    BrokenRingException e = new BrokenRingException("the peer broke the ring; nothing more is written");
                    done.completeExceptionally(e);
                    failStage(e);
                    return;
                }
                if (ring.free() == 0) {
                    events.sink().park();
                    if (ring.free() == 0) {
                        return;
                    }
                    events.sink().unpark();
                }
                ring.put(pending);
                pending = null;
                boolean notify = ring.pushAndCheckNotify();
                if (notify) {
                    notifyPeer.run();
                }
                events.metrics().produced(notify);
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
