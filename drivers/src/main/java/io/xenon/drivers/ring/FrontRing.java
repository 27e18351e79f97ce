package io.xenon.drivers.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A front end's private half of a Xen ring, {@code struct <name>_front_ring} of
 * {@code xen/include/public/io/ring.h}: {@code req_prod_pvt} (the next request slot to fill, not
 * yet published) and {@code rsp_cons} (the next response to consume).
 *
 * <p>Indices are free-running u32 counters held in {@code int}s; every distance is computed by
 * subtraction and compared unsigned, so they wrap at 2^32 exactly as {@code RING_IDX} does.
 *
 * <p>One thread may produce requests ({@link #putRequest}, {@link #pushRequestsAndCheckNotify})
 * while another consumes responses ({@link #takeResponse}, {@link #finalCheckForResponses}); each
 * private index has a single writer and is published to the other side with release/acquire.
 */
public final class FrontRing {

    private static final VarHandle REQ_PROD_PVT;
    private static final VarHandle RSP_CONS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REQ_PROD_PVT = l.findVarHandle(FrontRing.class, "reqProdPvt", int.class);
            RSP_CONS = l.findVarHandle(FrontRing.class, "rspCons", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SharedRing sring;
    private final int size;
    private int reqProdPvt;
    private int rspCons;
    private volatile boolean broken;

    private FrontRing(SharedRing sring, int index) {
        this.sring = sring;
        this.size = sring.size();
        this.reqProdPvt = index;
        this.rspCons = index;
    }

    /** {@code SHARED_RING_INIT} then {@code FRONT_RING_INIT}: a fresh ring, both indices 0. */
    public static FrontRing init(SharedRing sring) {
        sring.sharedRingInit();
        return new FrontRing(sring, 0);
    }

    /**
     * {@code FRONT_RING_ATTACH}: takes over a ring whose shared indices already stand at
     * {@code index} (both private indices start there); the header is left as it is.
     */
    public static FrontRing attach(SharedRing sring, int index) {
        return new FrontRing(sring, index);
    }

    public SharedRing sring() {
        return sring;
    }

    /** {@code RING_SIZE}. */
    public int size() {
        return size;
    }

    /** {@code req_prod_pvt}, readable from the consuming thread too. */
    public int reqProdPvt() {
        // ORDERING: acquire, pairing with the release in putRequest.
        return (int) REQ_PROD_PVT.getAcquire(this);
    }

    /** {@code rsp_cons}, readable from the producing thread too. */
    public int rspCons() {
        // ORDERING: acquire, pairing with the release in takeResponse.
        return (int) RSP_CONS.getAcquire(this);
    }

    /** True once the back end has broken the protocol; the ring is then never read again. */
    public boolean broken() {
        return broken;
    }

    /** {@code RING_FREE_REQUESTS}: {@code nr_ents - (req_prod_pvt - rsp_cons)}. */
    public int freeRequests() {
        // ORDERING: acquire rsp_cons, so the consumer has finished decoding a response before its
        // slot is counted free and overwritten with a new request.
        return size - (reqProdPvt - (int) RSP_CONS.getAcquire(this));
    }

    /** {@code RING_FULL}: no request slot is free. */
    public boolean full() {
        return freeRequests() == 0;
    }

    /**
     * Writes the next request into slot {@code req_prod_pvt} ({@code RING_GET_REQUEST}, fill it,
     * {@code req_prod_pvt++}). The back end does not see it until
     * {@link #pushRequestsAndCheckNotify}.
     *
     * @throws IllegalStateException if the ring is {@linkplain #full() full}
     */
    public <T> void putRequest(SlotEncoder<T> encoder, T request) {
        if (full()) {
            throw new IllegalStateException("request ring full (" + size + " outstanding)");
        }
        encoder.encode(sring.page(), sring.slotOffset(reqProdPvt), request);
        // ORDERING: release; the response consumer reads it only for its sanity check.
        REQ_PROD_PVT.setRelease(this, reqProdPvt + 1);
    }

    /** The page offset of the request slot for index {@code idx} ({@code RING_GET_REQUEST}). */
    public int requestOffset(int idx) {
        return sring.slotOffset(idx);
    }

    /** The page offset of the response slot for index {@code idx} ({@code RING_GET_RESPONSE}). */
    public int responseOffset(int idx) {
        return sring.slotOffset(idx);
    }

    /**
     * {@code RING_PUSH_REQUESTS_AND_CHECK_NOTIFY}: publishes {@code req_prod = req_prod_pvt} and
     * says whether the back end asked to be told, that is whether {@code req_event} lies in
     * {@code (old, new]}. {@code true} means: send on the event channel.
     */
    public boolean pushRequestsAndCheckNotify() {
        int old = sring.reqProd();
        int now = reqProdPvt;
        // ORDERING: release: the requests written into their slots are visible before req_prod.
        sring.publishReqProd(now);
        // ORDERING: full barrier: the back end must see the new req_prod before we read
        // req_event, or it could set req_event after our read and then sleep on a ring we will
        // not notify (pairs with the fence in BackRing.finalCheckForRequests).
        VarHandle.fullFence();
        int event = sring.reqEvent();
        return Integer.compareUnsigned(now - event, now - old) < 0;
    }

    /**
     * The number of published responses not yet consumed ({@code rsp_prod - rsp_cons}), or 0 once
     * the ring is broken.
     *
     * <p>UNTRUSTED: {@code rsp_prod} is read once and checked. A back end that claims responses
     * past the requests this front end produced ({@code RING_RESPONSE_PROD_OVERFLOW}, or behind
     * {@code rsp_cons}) marks the ring broken.
     */
    public int unconsumedResponses() {
        if (broken) {
            return 0;
        }
        int prod = sring.rspProd();
        int cons = rspCons;
        // XEN-DIFF: ring.h only checks prod - rsp_cons > nr_ents; we also refuse responses to
        // requests never produced (prod past req_prod_pvt), which Xen leaves to the driver.
        // ORDERING: req_prod_pvt is read after rsp_prod, so it already covers every request the
        // back end could have answered when it published that rsp_prod.
        int produced = (int) REQ_PROD_PVT.getAcquire(this);
        if (Integer.compareUnsigned(prod - cons, size) > 0
                || Integer.compareUnsigned(prod - cons, produced - cons) > 0) {
            broken = true;
            return 0;
        }
        return prod - cons;
    }

    /** {@code RING_HAS_UNCONSUMED_RESPONSES}. */
    public boolean hasUnconsumedResponses() {
        return unconsumedResponses() > 0;
    }

    /**
     * {@code RING_COPY_RESPONSE(r, r->rsp_cons)} then {@code r->rsp_cons++}: decodes the next
     * response out of its slot, then frees the slot.
     *
     * @throws IllegalStateException if no response is waiting
     */
    public <T> T takeResponse(SlotDecoder<T> decoder) {
        if (unconsumedResponses() == 0) {
            throw new IllegalStateException("no unconsumed response");
        }
        T rsp = decoder.decode(sring.page(), sring.slotOffset(rspCons));
        // ORDERING: release: the response is decoded before the producer, which reads rsp_cons
        // with acquire, counts its slot free and overwrites it.
        RSP_CONS.setRelease(this, rspCons + 1);
        return rsp;
    }

    /**
     * {@code RING_FINAL_CHECK_FOR_RESPONSES}: before going idle, asks the back end for a
     * notification on the very next response ({@code rsp_event = rsp_cons + 1}) and checks once
     * more. {@code true} means there is work and the caller must not sleep.
     */
    public boolean finalCheckForResponses() {
        if (hasUnconsumedResponses()) {
            return true;
        }
        sring.setRspEvent(rspCons + 1);
        // ORDERING: full barrier: the back end must see rsp_event before we re-read rsp_prod,
        // or a response published in between would go unnotified and unread (pairs with the
        // fence in BackRing.pushResponsesAndCheckNotify).
        VarHandle.fullFence();
        return hasUnconsumedResponses();
    }
}
