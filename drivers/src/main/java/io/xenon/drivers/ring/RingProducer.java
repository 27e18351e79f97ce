package io.xenon.drivers.ring;

/**
 * The producing half of a Xen ring as the sink drives it (a back end's responses or a front
 * end's requests), and the steps of {@code ring.h} it takes: wait for a free slot, parking
 * until the sibling source or a kick frees one; after filling slots, publish them with
 * {@code RING_PUSH_*_AND_CHECK_NOTIFY} and notify the peer only if that check says it asked.
 */
abstract class RingProducer<T> {

    private final Runnable notifyPeer;
    private final RingEvents events;

    private RingProducer(Runnable notifyPeer, RingEvents events) {
        this.notifyPeer = notifyPeer;
        this.events = events;
    }

    /** A back end's responses on {@code ring}; {@code notifyPeer} sends on the event channel. */
    static <T> RingProducer<T> responses(BackRing ring, SlotEncoder<T> encoder, Runnable notifyPeer,
            RingEvents events) {
        return new RingProducer<>(notifyPeer, events) {
            boolean broken() {
                return ring.broken();
            }

            int free() {
                return ring.freeResponses();
            }

            void put(T value) {
                ring.putResponse(encoder, value);
            }

            boolean pushAndCheckNotify() {
                return ring.pushResponsesAndCheckNotify();
            }
        };
    }

    /** A front end's requests on {@code ring}; {@code notifyPeer} sends on the event channel. */
    static <T> RingProducer<T> requests(FrontRing ring, SlotEncoder<T> encoder, Runnable notifyPeer,
            RingEvents events) {
        return new RingProducer<>(notifyPeer, events) {
            boolean broken() {
                return ring.broken();
            }

            int free() {
                return ring.freeRequests();
            }

            void put(T value) {
                ring.putRequest(encoder, value);
            }

            boolean pushAndCheckNotify() {
                return ring.pushRequestsAndCheckNotify();
            }
        };
    }

    abstract boolean broken();

    abstract int free();

    abstract void put(T value);

    abstract boolean pushAndCheckNotify();

    /** Where the producing stage parks; it attaches its resume callback here. */
    Waiter waiter() {
        return events.sink();
    }

    /**
     * The number of free slots, or 0 with the producing stage parked until the sibling source
     * consumes or {@link RingEvents#kick()} is called, or -1 if the ring is broken.
     */
    int freeOrPark() {
        if (broken()) {
            return -1;
        }
        int free = free();
        if (free > 0) {
            return free;
        }
        events.sink().park();
        if ((free = free()) == 0) {
            // The sibling source marks the ring broken and then wakes us; if it did so before we
            // parked, its wake found nobody waiting, so look once more now that we are parked.
            if (broken()) {
                events.sink().unpark();
                return -1;
            }
            return 0;
        }
        events.sink().unpark();
        return free;
    }

    /** Publishes the {@code n} entries just put and notifies the peer if it asked to be told. */
    void push(int n) {
        boolean notify = pushAndCheckNotify();
        if (notify) {
            notifyPeer.run();
        }
        events.metrics().produced(n, notify);
    }
}
