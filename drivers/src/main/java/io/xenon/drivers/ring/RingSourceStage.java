package io.xenon.drivers.ring;

import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * The stage behind {@link RingSource} and {@link RingBatchSource}: on each demand it takes up
 * to {@code max} unconsumed entries and emits them as one element, or parks after the final
 * check until {@link RingEvents#kick()}.
 */
final class RingSourceStage<S, E> extends GraphStage<SourceShape<E>> {

    /** Turns the next {@code n} entries of the ring into one element. */
    @FunctionalInterface
    interface Emit<S, E> {

        E take(RingConsumer<S> ring, int n);
    }

    private final Outlet<E> out;
    private final SourceShape<E> shape;
    private final RingConsumer<S> ring;
    private final int max;
    private final Emit<S, E> emit;

    RingSourceStage(String name, RingConsumer<S> ring, int max, Emit<S, E> emit) {
        this.out = Outlet.create(name + ".out");
        this.shape = SourceShape.of(out);
        this.ring = ring;
        this.max = max;
        this.emit = emit;
    }

    @Override
    public SourceShape<E> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
        return new ParkingSourceLogic<>(shape, ring.waiter()) {
            @Override
            protected void emitOrPark() {
                int n = Math.min(ring.unconsumedOrPark(this), max);
                if (n == 0) {
                    return;
                }
                push(out, emit.take(ring, n));
                ring.consumed(n);
            }
        };
    }
}
