package io.xenon.drivers.ring;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * The stage behind {@link RingSink} and {@link RingBatchSink}: each element is one or more
 * entries, written into as many free slots as there are and published with one push; with no
 * slot free it parks until one frees. It materializes a completion that finishes once upstream
 * has finished and its last entry is published.
 */
final class RingSinkStage<E, S> extends AbstractGraphStageWithMaterializedValue<SinkShape<E>, CompletionStage<Done>> {

    /** The entries one element carries. */
    interface Entries<E, S> {

        int count(E element);

        S get(E element, int i);
    }

    /** Each element is one entry. */
    static <S> Entries<S, S> one() {
        return new Entries<>() {
            public int count(S element) {
                return 1;
            }

            public S get(S element, int i) {
                return element;
            }
        };
    }

    /** Each element is a batch of entries. */
    static <S> Entries<List<S>, S> batch() {
        return new Entries<>() {
            public int count(List<S> element) {
                return element.size();
            }

            public S get(List<S> element, int i) {
                return element.get(i);
            }
        };
    }

    private final Inlet<E> in;
    private final SinkShape<E> shape;
    private final RingProducer<S> ring;
    private final Entries<E, S> entries;

    RingSinkStage(String name, RingProducer<S> ring, Entries<E, S> entries) {
        this.in = Inlet.create(name + ".in");
        this.shape = SinkShape.of(in);
        this.ring = ring;
        this.entries = entries;
    }

    @Override
    public SinkShape<E> shape() {
        return shape;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValuePair(Attributes attributes) {
        CompletableFuture<Done> done = new CompletableFuture<>();
        GraphStageLogic logic = new GraphStageLogic(shape) {
            private E pending;
            private int next;
            private boolean finishing;

            {
                AsyncCallback<Done> resume = createAsyncCallback(x -> {
                    if (pending != null) {
                        writeOrPark();
                    }
                });
                ring.waiter().attach(() -> resume.invoke(Done.getInstance()));
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
                            // The parked entries still go out: keep the stage alive, with its
                            // only port closed, until slots free.
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

            /** Writes what of the pending element has slots, publishes it, and parks for the rest. */
            private void writeOrPark() {
                int count = entries.count(pending);
                while (next < count) {
                    int free = ring.freeOrPark();
                    if (free < 0) {
                        BrokenRingException e = new BrokenRingException("the peer broke the ring; nothing more is written");
                        done.completeExceptionally(e);
                        failStage(e);
                        return;
                    }
                    if (free == 0) {
                        return;
                    }
                    int n = Math.min(free, count - next);
                    for (int i = 0; i < n; i++) {
                        ring.put(entries.get(pending, next++));
                    }
                    ring.push(n);
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
