package io.xenon.drivers.ring;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * The consuming half of a Xen ring as the stages drive it (a back end's requests or a front
 * end's responses), and the steps of {@code ring.h} every consuming stage takes: look for
 * entries; with none, park and run {@code RING_FINAL_CHECK_FOR_REQUESTS} (or {@code _RESPONSES}),
 * failing the stage once the peer has broken the ring; after taking entries, record them and
 * wake the sibling sink.
 */
abstract class RingConsumer<T> {

    private final RingEvents events;

    private RingConsumer(RingEvents events) {
        this.events = events;
    }

    /** A back end's requests on {@code ring}. */
    static <T> RingConsumer<T> requests(BackRing ring, SlotDecoder<T> decoder, RingEvents events) {
        return new RingConsumer<>(events) {
            boolean broken() {
                return ring.broken();
            }

            int unconsumed() {
                return ring.unconsumedRequests();
            }

            T take() {
                return ring.takeRequest(decoder);
            }

            boolean finalCheck() {
                return ring.finalCheckForRequests();
            }
        };
    }

    /** A front end's responses on {@code ring}. */
    static <T> RingConsumer<T> responses(FrontRing ring, SlotDecoder<T> decoder, RingEvents events) {
        return new RingConsumer<>(events) {
            boolean broken() {
                return ring.broken();
            }

            int unconsumed() {
                return ring.unconsumedResponses();
            }

            T take() {
                return ring.takeResponse(decoder);
            }

            boolean finalCheck() {
                return ring.finalCheckForResponses();
            }
        };
    }

    abstract boolean broken();

    abstract int unconsumed();

    abstract T take();

    abstract boolean finalCheck();

    /** Where the consuming stage parks; it attaches its resume callback here. */
    Waiter waiter() {
        return events.source();
    }

    /**
     * The number of entries ready to take, or 0 with the consuming stage parked until
     * {@link RingEvents#kick()}. If the peer has broken the ring, {@code stage} is failed with
     * {@link BrokenRingException} instead.
     */
    int unconsumedOrPark(GraphStageLogic stage) {
        int n = unconsumed();
        if (n > 0) {
            return n;
        }
        events.source().park();
        if (finalCheck() && (n = unconsumed()) > 0) {
            events.source().unpark();
            return n;
        }
        // The final check finds entries that are then gone only if the peer broke the ring since.
        if (broken()) {
            stage.failStage(new BrokenRingException("the peer broke the ring; no more entries are read"));
            // A sibling sink parked on a slot this source will never free must wake to see the
            // ring broken too.
            events.sink().wake();
        }
        return 0;
    }

    /** Takes the next {@code n} entries, which {@link #unconsumedOrPark} said are there. */
    List<T> take(int n) {
        List<T> taken = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            taken.add(take());
        }
        return taken;
    }

    /** Records {@code n} entries just taken and wakes the sibling sink. */
    void consumed(int n) {
        events.metrics().consumed(n, unconsumed());
        // The consumed entries free slots the sibling sink may be waiting for.
        events.sink().wake();
    }
}
