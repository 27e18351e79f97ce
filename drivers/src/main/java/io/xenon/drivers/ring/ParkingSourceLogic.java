package io.xenon.drivers.ring;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * The logic of a source stage that emits on demand and, with nothing to emit, parks on a
 * {@link Waiter} until a wake resumes it, as a Xen back end sleeps on its event channel after
 * the final check: the ring sources, and queues that feed a stream the same way (netback's rx
 * queue). It never blocks a thread.
 *
 * <p>A pull, or a wake while downstream still waits, calls {@link #emitOrPark()}.
 */
public abstract class ParkingSourceLogic<T> extends GraphStageLogic {

    /** The logic of a source of {@code shape} that parks on {@code waiter}. */
    protected ParkingSourceLogic(SourceShape<T> shape, Waiter waiter) {
        super(shape);
        Outlet<T> out = shape.out();
        AsyncCallback<NotUsed> resume = createAsyncCallback(x -> {
            if (isAvailable(out)) {
                emitOrPark();
            }
        });
        waiter.attach(() -> resume.invoke(NotUsed.getInstance()));
        setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
                emitOrPark();
            }
        });
    }

    /**
     * Downstream has pulled: push one element, or park on the waiter (park, look once more,
     * unpark if there is work after all), or end the stage.
     */
    protected abstract void emitOrPark();
}
