package io.xenon.actors.guest;

import io.xenon.abi.gnttab.GnttabOp;

/**
 * A guest kernel's allocator of its own frames and grant references, as Mini-OS's page allocator
 * and {@code gnttab_alloc_grant_references}: frames from 1 up to (not including) the special
 * pages the domain builder placed at the top of memory, refs after the reserved ones. Nothing is
 * ever freed: a driver keeps what it took for the life of the domain.
 *
 * <p>Confined to the vCPU that owns it.
 */
public final class GuestFrames {

    private final long limitGfn;
    private final int limitRef;
    private long nextGfn = 1;
    private int nextRef = GnttabOp.GNTTAB_NR_RESERVED_ENTRIES;

    /** The allocator of the domain {@code hv} runs in. */
    public GuestFrames(Hypercalls hv) {
        this.limitGfn = hv.consoleGfn();
        this.limitRef = hv.grantTable().nrEntries();
    }

    /** A free frame of the guest's memory. */
    public long frame() {
        if (nextGfn >= limitGfn) {
            throw new IllegalStateException("out of guest frames");
        }
        return nextGfn++;
    }

    /** A free grant reference of the guest's table. */
    public int ref() {
        if (nextRef >= limitRef) {
            throw new IllegalStateException("out of grant references");
        }
        return nextRef++;
    }
}
