package io.xenon.drivers.net.back;

import io.xenon.drivers.ring.ParkingSourceLogic;
import io.xenon.drivers.ring.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.javadsl.Source;
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
    private final Waiter waiter = new Waiter("a vif's rx queue feeds one stream");
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
        waiter.wake();
        return true;
    }

    /** Ends the source once it has handed on what is queued; later offers are refused. */
    void complete() {
        completed = true;
        waiter.wake();
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
            return new ParkingSourceLogic<>(shape, waiter) {
                @Override
                protected void emitOrPark() {
                    if (frames.isEmpty()) {
                        waiter.park();
                        if (frames.isEmpty()) {
                            if (completed) {
                                completeStage();
                            }
                            return;
                        }
                        waiter.unpark();
                    }
                    List<byte[]> batch = new ArrayList<>(frames.size());
                    frames.drainTo(batch);
                    push(out, batch);
                }
            };
        }
    }
}
