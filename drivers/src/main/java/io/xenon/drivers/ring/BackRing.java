package io.xenon.drivers.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A back end's private half of a Xen ring, {@code struct <name>_back_ring} of
 * {@code xen/include/public/io/ring.h}: {@code rsp_prod_pvt} (the next response slot to fill, not
 * yet published) and {@code req_cons} (the next request to consume).
 *
 * <p>UNTRUSTED: the front end owns {@code req_prod} and may write anything there at any time. It
 * is read once per look at the ring and checked; a value no honest front end could write marks
 * the ring {@linkplain #broken() broken}, after which it yields no more requests. Nothing is
 * thrown at the caller for a peer's fault.
 *
 * <p>One thread may consume requests ({@link #takeRequest}, {@link #finalCheckForRequests}) while
 * another produces responses ({@link #putResponse}, {@link #pushResponsesAndCheckNotify}); each
 * private index has a single writer and is published to the other side with release/acquire.
 */
public final class BackRing {

    private static final VarHandle RSP_PROD_PVT;
    private static final VarHandle REQ_CONS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RSP_PROD_PVT = l.findVarHandle(BackRing.class, "rspProdPvt", int.class);
            REQ_CONS = l.findVarHandle(BackRing.class, "reqCons", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SharedRing sring;
    private final int size;
    private int rspProdPvt;
    private int reqCons;
    private volatile boolean broken;

    private BackRing(SharedRing sring, int index) {
        this.sring = sring;
        this.size = sring.size();
        this.rspProdPvt = index;
        this.reqCons = index;
    }

    /** {@code BACK_RING_INIT}: both private indices 0; the front end initialised the page. */
    public static BackRing init(SharedRing sring) {
        return new BackRing(sring, 0);
    }

    /**
     * {@code BACK_RING_ATTACH}: takes over a ring at {@code index}, typically the
     * {@code rsp_prod} a previous back end left, so a restarted back end resumes where it was.
     */
    public static BackRing attach(SharedRing sring, int index) {
        return new BackRing(sring, index);
    }

    /**
     * {@code BACK_RING_ATTACH} at the responses already published: a back end that restarts
     * carries on where its predecessor's responses end, so every request that has no response
     * is read (again) and nothing answered is answered twice. On a fresh ring it is
     * {@link #init}.
     */
    public static BackRing resume(SharedRing sring) {
        return attach(sring, sring.rspProd());
    }

    public SharedRing sring() {
        return sring;
    }

    /** {@code RING_SIZE}. */
    public int size() {
        return size;
    }

    /**
     * {@code req_cons}, readable from the producing thread too.
     */
    public int reqCons() {
        // ORDERING: acquire, pairing with the release in takeRequest.
        return (int) REQ_CONS.getAcquire(this);
    }

    /** {@code rsp_prod_pvt}, readable from the consuming thread too. */
    public int rspProdPvt() {
        // ORDERING: acquire, pairing with the release in putResponse.
        return (int) RSP_PROD_PVT.getAcquire(this);
    }

    /** True once the front end has broken the protocol; the ring then yields no more requests. */
    public boolean broken() {
        return broken;
    }

    /** {@code RING_REQUEST_CONS_OVERFLOW}: consuming request {@code cons} would leave no response slot. */
    public boolean requestConsOverflow(int cons) {
        // ORDERING: acquire rsp_prod_pvt, pairing with the release in putResponse.
        return Integer.compareUnsigned(cons - (int) RSP_PROD_PVT.getAcquire(this), size) >= 0;
    }

    /** {@code RING_REQUEST_PROD_OVERFLOW}: a front end claims more requests than the ring holds. */
    public boolean requestProdOverflow(int prod) {
        // ORDERING: acquire rsp_prod_pvt, pairing with the release in putResponse.
        return Integer.compareUnsigned(prod - (int) RSP_PROD_PVT.getAcquire(this), size) > 0;
    }

    /**
     * {@code RING_UNCONSUMED_REQUESTS}: {@code min(req_prod - req_cons,
     * nr_ents - (req_cons - rsp_prod_pvt))}, the second term so a back end never reads more
     * requests than it has response slots for. 0 once the ring is broken.
     *
     * <p>UNTRUSTED: {@code req_prod} is copied once, then checked: past {@code rsp_prod_pvt +
     * nr_ents} ({@code RING_REQUEST_PROD_OVERFLOW}) or behind {@code req_cons}, it marks the ring
     * broken instead of letting us read slots the front end never filled.
     */
    public int unconsumedRequests() {
        if (broken) {
            return 0;
        }
        int prod = sring.reqProd();
        int cons = reqCons;
        // ORDERING: acquire rsp_prod_pvt: the producer's responses free slots for more requests.
        int rspPvt = (int) RSP_PROD_PVT.getAcquire(this);
        // XEN-DIFF: ring.h checks only prod - rsp_prod_pvt > nr_ents; a req_prod moved back
        // behind req_cons passes that check and makes the macro read a ring of stale slots, so
        // we refuse it too.
        if (Integer.compareUnsigned(prod - rspPvt, size) > 0
                || Integer.compareUnsigned(prod - rspPvt, cons - rspPvt) < 0) {
            broken = true;
            return 0;
        }
        // INVARIANT: once prod - rsp_prod_pvt <= nr_ents holds, the min() below is the first
        // term; it is kept as ring.h writes it so the bound never rests on the check alone.
        int unconsumed = prod - cons;
        int room = size - (cons - rspPvt);
        return Integer.compareUnsigned(unconsumed, room) < 0 ? unconsumed : room;
    }

    /** {@code RING_HAS_UNCONSUMED_REQUESTS}. */
    public boolean hasUnconsumedRequests() {
        return unconsumedRequests() > 0;
    }

    /**
     * {@code RING_COPY_REQUEST(r, r->req_cons)} then {@code r->req_cons++}: decodes the next
     * request out of its slot (a private copy the front end can no longer change), then gives
     * the slot to the response producer.
     *
     * @throws IllegalStateException if no request is waiting
     */
    public <T> T takeRequest(SlotDecoder<T> decoder) {
        if (unconsumedRequests() == 0) {
            throw new IllegalStateException("no unconsumed request");
        }
        T req = decoder.decode(sring.page(), sring.slotOffset(reqCons));
        // ORDERING: release: the request is decoded before the response producer, which reads
        // req_cons with acquire, writes a response over its slot.
        REQ_CONS.setRelease(this, reqCons + 1);
        return req;
    }

    /**
     * Response slots free to fill: requests consumed but not yet answered
     * ({@code req_cons - rsp_prod_pvt}). A response always takes the slot of a consumed request.
     */
    public int freeResponses() {
        // ORDERING: acquire req_cons: the consumer finished decoding those requests' slots.
        return (int) REQ_CONS.getAcquire(this) - rspProdPvt;
    }

    /**
     * Writes the next response into slot {@code rsp_prod_pvt} ({@code RING_GET_RESPONSE}, fill it,
     * {@code rsp_prod_pvt++}). The front end does not see it until
     * {@link #pushResponsesAndCheckNotify}.
     *
     * @throws IllegalStateException if no consumed request is waiting for its response
     */
    public <T> void putResponse(SlotEncoder<T> encoder, T response) {
        if (freeResponses() == 0) {
            throw new IllegalStateException("no consumed request awaits a response");
        }
        encoder.encode(sring.page(), sring.slotOffset(rspProdPvt), response);
        // ORDERING: release: the consumer reads rsp_prod_pvt with acquire in the min() rule.
        RSP_PROD_PVT.setRelease(this, rspProdPvt + 1);
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
     * {@code RING_PUSH_RESPONSES_AND_CHECK_NOTIFY}: publishes {@code rsp_prod = rsp_prod_pvt} and
     * says whether the front end asked to be told, that is whether {@code rsp_event} lies in
     * {@code (old, new]}. {@code true} means: send on the event channel.
     */
    public boolean pushResponsesAndCheckNotify() {
        int old = sring.rspProd();
        int now = rspProdPvt;
        // ORDERING: release: the responses written into their slots are visible before rsp_prod.
        sring.publishRspProd(now);
        // ORDERING: full barrier: the front end must see the new rsp_prod before we read
        // rsp_event, or it could set rsp_event after our read and sleep on responses we will not
        // notify (pairs with the fence in FrontRing.finalCheckForResponses).
        VarHandle.fullFence();
        int event = sring.rspEvent();
        return Integer.compareUnsigned(now - event, now - old) < 0;
    }

    /**
     * {@code RING_FINAL_CHECK_FOR_REQUESTS}: before going idle, asks the front end for a
     * notification on the very next request ({@code req_event = req_cons + 1}) and checks once
     * more. {@code true} means there is work and the caller must not sleep.
     */
    public boolean finalCheckForRequests() {
        if (hasUnconsumedRequests()) {
            return true;
        }
        sring.setReqEvent(reqCons + 1);
        // ORDERING: full barrier: the front end must see req_event before we re-read req_prod,
        // or a request published in between would go unnotified and unread (pairs with the fence
        // in FrontRing.pushRequestsAndCheckNotify).
        VarHandle.fullFence();
        return hasUnconsumedRequests();
    }
}
