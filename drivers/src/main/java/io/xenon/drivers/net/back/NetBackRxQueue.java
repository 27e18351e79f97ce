package io.xenon.drivers.net.back;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * A vif's queue of frames towards its guest, netback's {@code rx_queue} bounded by
 * {@code rx_queue_max}: any thread {@linkplain #offer offers} frames, a frame that finds it full
 * is refused (the caller drops and counts it), and the rx stream's {@link #source()} takes
 * everything queued as one batch on each demand, so the stream costs one element per batch
 * rather than per frame.
 *
 * <p>Thread-safe. The source parks when the queue is empty and the next offer resumes it.
 */
final class NetBackRxQueue {

    private final ArrayBlockingQueue<byte[]> frames;
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final AtomicReference<Runnable> wake = new AtomicReference<>();
    private volatile boolean completed;

    /** A queue of at most {@code capacity} frames. */
    NetBackRxQueue(int capacity) {
        this.frames = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues {@code frame}; false if the queue is full or completed, and the frame is not queued. */
    boolean offer(byte[] frame) {
        if (completed || !frames.offer(frame)) {
            return false;
        }
        resume();
        return true;
    }

    /** Ends the source once it has handed on what is queued; later offers are refused. */
    void complete() {
        completed = true;
        resume();
    }

    private void resume() {
        // ORDERING: full barrier: the frame (or completion) must be visible before we read
        // waiting, or a source parking now could miss both (pairs with the fence in the stage).
        VarHandle.fullFence();
        if (waiting.get() && waiting.compareAndSet(true, false)) {
            Runnable r = wake.get();
            if (r != null) {
                r.run();
            }
        }
    }

    /** The rx stream's source of batches; materialize it once. */
    Source<List<byte[]>, NotUsed> source() {
        return Source.fromGraph(new Stage());
    }

    private final class Stage extends GraphStage<SourceShape<List<byte[]>>> {

        private final Outlet<List<byte[]>> out = Outlet.create("NetBackRxQueue.out");
        private final SourceShape<List<byte[]>> shape = SourceShape.of(out);

        @Override
        public SourceShape<List<byte[]>> shape() {
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
                    if (!wake.compareAndSet(null, () -> resume.invoke(NotUsed.getInstance()))) {
                        throw new IllegalStateException("a vif's rx queue feeds one stream");
                    }
                    setHandler(out, new AbstractOutHandler() {
                        @Override
                        public void onPull() {
                            emitOrPark();
                        }
                    });
                }

                private void emitOrPark() {
                    if (frames.isEmpty()) {
                        waiting.set(true);
                        // ORDERING: full barrier: an offerer must see waiting = true before we
                        // look at the queue again (pairs with the fence in resume()).
                        VarHandle.fullFence();
                        if (frames.isEmpty()) {
                            if (completed) {
                                completeStage();
                            }
                            return;
                        }
                        waiting.set(false);
                    }
                    List<byte[]> batch = new ArrayList<>(frames.size());
                    frames.drainTo(batch);
                    push(out, batch);
                }
            };
        }
    }
}
