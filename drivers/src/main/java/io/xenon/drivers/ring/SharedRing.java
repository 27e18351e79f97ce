package io.xenon.drivers.ring;

import io.xenon.abi.ring.Sring;
import io.xenon.runtime.mm.Page;

/**
 * The shared half of a Xen ring, {@code struct <name>_sring} of
 * {@code xen/include/public/io/ring.h}, over one 4 KiB page that a front end granted and its back
 * end mapped (the same {@link Page} object at both ends, as in Xen no copy is made).
 *
 * <p>This class only reads and writes the header and locates slots; the producer and consumer
 * logic is in {@link FrontRing} and {@link BackRing}, which say for each access what ordering it
 * needs. Every field here may be rewritten by the peer at any moment.
 */
public final class SharedRing {

    private final Page page;
    private final int slotBytes;
    private final int size;

    /**
     * Views {@code page} as a ring whose slots are {@code slotBytes} long (the size of the
     * request/response union), with {@link Sring#ringSize} entries. Nothing is written.
     */
    public SharedRing(Page page, int slotBytes) {
        this.page = page;
        this.slotBytes = slotBytes;
        this.size = Sring.ringSize(Page.SIZE, slotBytes);
    }

    /** The shared page. */
    public Page page() {
        return page;
    }

    /** {@code RING_SIZE}: the number of slots, a power of two. */
    public int size() {
        return size;
    }

    /** The size of one slot in bytes. */
    public int slotBytes() {
        return slotBytes;
    }

    /**
     * {@code SHARED_RING_INIT}: both producer indices 0, both event indices 1, {@code pvt} and
     * {@code __pad} zeroed. Done by the front end only, before it grants the page.
     */
    public void sharedRingInit() {
        page.clear(0, Sring.HEADER_SIZE);
        page.putInt(Sring.OFF_req_event, 1);
        // ORDERING: the zeroed header must be visible before rsp_event, the last field written,
        // so a back end that maps the page after this store never sees a half-initialised ring.
        page.putIntRelease(Sring.OFF_rsp_event, 1);
    }

    /** The byte offset in the page of the slot for free-running index {@code idx}. */
    public int slotOffset(int idx) {
        return Sring.slotOffset(idx, size, slotBytes);
    }

    // ORDERING (all readers below): acquire, so that slot contents the peer wrote before it
    // published an index are visible once the index is. Writers say their ordering themselves.

    int reqProd() {
        return page.getIntAcquire(Sring.OFF_req_prod);
    }

    int reqEvent() {
        return page.getIntAcquire(Sring.OFF_req_event);
    }

    int rspProd() {
        return page.getIntAcquire(Sring.OFF_rsp_prod);
    }

    int rspEvent() {
        return page.getIntAcquire(Sring.OFF_rsp_event);
    }

    /** Publishes req_prod: release, so the requests in the slots are visible first. */
    void publishReqProd(int value) {
        page.putIntRelease(Sring.OFF_req_prod, value);
    }

    /** Publishes rsp_prod: release, so the responses in the slots are visible first. */
    void publishRspProd(int value) {
        page.putIntRelease(Sring.OFF_rsp_prod, value);
    }

    /** Sets req_event; the caller follows it with the full barrier ring.h puts there. */
    void setReqEvent(int value) {
        page.putIntRelease(Sring.OFF_req_event, value);
    }

    /** Sets rsp_event; the caller follows it with the full barrier ring.h puts there. */
    void setRspEvent(int value) {
        page.putIntRelease(Sring.OFF_rsp_event, value);
    }
}
