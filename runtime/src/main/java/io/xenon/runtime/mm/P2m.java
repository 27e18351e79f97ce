package io.xenon.runtime.mm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.BitSet;
import java.util.function.LongConsumer;

/**
 * A domain's physical-to-machine map: guest frame number (GFN) to {@link Page}, for a
 * reservation of {@link #nrPages()} frames taken from a {@link FramePool}.
 *
 * <p>The map is two-level and sparse, like a page table: a top array of leaves of 512 slots,
 * with leaves and pages allocated on first touch. An untouched 128 MiB domain costs its top
 * array (64 references) and nothing else.
 *
 * <p>The reservation moves with the guest's balloon, as Xen's {@code tot_pages} does:
 * {@link #decreaseReservation} gives GFNs back to the pool (they become holes) and
 * {@link #populatePhysmap} takes frames for holes again, never past {@link #maxPages()}
 * ({@code max_pages}) and never past what the pool has free. A domain starts with GFNs
 * {@code [0, initial)} populated; GFNs up to {@link #gfnLimit()} may be populated later.
 *
 * <p>INVARIANT: {@code nrPages} is the number of populated GFNs, and exactly that many frames of
 * the pool are reserved for this map until {@link #release()}.
 *
 * <p>Thread-safe: any of the domain's vCPUs and any back end holding a grant may touch pages
 * concurrently; a page is created exactly once. Reservation changes and first touches are
 * serialised on the map.
 */
public final class P2m {

    private static final int LEAF_SHIFT = 9;
    private static final int LEAF_SIZE = 1 << LEAF_SHIFT;
    private static final VarHandle LEAVES = MethodHandles.arrayElementVarHandle(Page[][].class);
    private static final VarHandle PAGES = MethodHandles.arrayElementVarHandle(Page[].class);

    private final FramePool pool;
    private final long initialPages;
    private final long gfnLimit;
    private final Page[][] leaves;
    /** Unpopulated GFNs below {@link #gfnLimit}; guarded by this. */
    private final BitSet holes = new BitSet();
    /** Set once the first hole appears: until then {@code [0, initialPages)} is all there is. */
    private volatile boolean ballooned;
    private volatile long nrPages;
    private volatile long maxPages;
    private volatile boolean released;
    private long touched;

    private P2m(FramePool pool, long nrPages, long gfnLimit) {
        this.pool = pool;
        this.initialPages = nrPages;
        this.nrPages = nrPages;
        this.maxPages = gfnLimit;
        this.gfnLimit = gfnLimit;
        this.leaves = new Page[(int) ((gfnLimit + LEAF_SIZE - 1) >>> LEAF_SHIFT)][];
        if (gfnLimit > nrPages) {
            holes.set((int) nrPages, (int) gfnLimit);
            ballooned = true;
        }
    }

    /**
     * Reserves {@code nrPages} frames from {@code pool} for a new domain, which may grow to as
     * many.
     *
     * @return the map, or null if the pool has too few free frames (nothing is then reserved)
     */
    public static P2m reserve(FramePool pool, long nrPages) {
        return reserve(pool, nrPages, nrPages);
    }

    /**
     * Reserves {@code nrPages} frames from {@code pool} for a new domain whose physmap spans
     * {@code gfnLimit} GFNs ({@code maxmem}): GFNs from {@code nrPages} up start as holes, and
     * {@link #maxPages()} starts at {@code gfnLimit}.
     *
     * @return the map, or null if the pool has too few free frames (nothing is then reserved)
     */
    public static P2m reserve(FramePool pool, long nrPages, long gfnLimit) {
        if (nrPages <= 0 || gfnLimit < nrPages || gfnLimit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid domain size: " + nrPages + " of " + gfnLimit + " pages");
        }
        if (!pool.tryReserve(nrPages)) {
            return null;
        }
        return new P2m(pool, nrPages, gfnLimit);
    }

    /** The frames the domain holds now ({@code tot_pages}, {@code XENMEM_current_reservation}). */
    public long nrPages() {
        return nrPages;
    }

    /** The frames it held when it was created ({@code start_info.nr_pages}). */
    public long initialPages() {
        return initialPages;
    }

    /** How far the domain may grow ({@code max_pages}, {@code XENMEM_maximum_reservation}). */
    public long maxPages() {
        return maxPages;
    }

    /**
     * {@code XEN_DOMCTL_max_mem}: sets {@link #maxPages()}. As in Xen, it may be set below the
     * current reservation; the domain then cannot grow until it has shrunk below it.
     */
    public void setMaxPages(long pages) {
        if (pages < 0) {
            throw new IllegalArgumentException("negative max_pages: " + pages);
        }
        this.maxPages = pages;
    }

    /** One past the highest GFN the domain may populate ({@code XENMEM_maximum_gpfn} + 1). */
    public long gfnLimit() {
        return gfnLimit;
    }

    /** Whether {@code gfn} is populated: inside the domain's memory and not ballooned out. */
    public boolean contains(long gfn) {
        if (gfn < 0 || gfn >= gfnLimit) {
            return false;
        }
        if (!ballooned) {
            return true;
        }
        synchronized (this) {
            return !holes.get((int) gfn);
        }
    }

    /**
     * The page at {@code gfn}, creating it (zeroed) on first touch.
     *
     * @throws IllegalArgumentException if {@code gfn} is not populated
     * @throws IllegalStateException if the domain's memory was released
     */
    public Page page(long gfn) {
        checkRange(gfn);
        Page[] leaf = (Page[]) LEAVES.getAcquire(leaves, (int) (gfn >>> LEAF_SHIFT));
        if (leaf != null) {
            Page page = (Page) PAGES.getAcquire(leaf, (int) (gfn & (LEAF_SIZE - 1)));
            if (page != null) {
                return page;
            }
        }
        return create(gfn);
    }

    /** First touch: the slow path, serialised so that release accounts every page exactly. */
    private synchronized Page create(long gfn) {
        checkGfn(gfn);
        int top = (int) (gfn >>> LEAF_SHIFT);
        Page[] leaf = leaves[top];
        if (leaf == null) {
            leaf = new Page[LEAF_SIZE];
            LEAVES.setRelease(leaves, top, leaf);
        }
        int slot = (int) (gfn & (LEAF_SIZE - 1));
        Page page = leaf[slot];
        if (page == null) {
            page = new Page();
            PAGES.setRelease(leaf, slot, page);
            touched++;
            pool.touched();
        }
        return page;
    }

    /**
     * {@code XENMEM_decrease_reservation}: gives each GFN of {@code gfns} back to the pool, in
     * order, stopping at the first that is not populated. A page other domains still map stays
     * valid for them (they hold the object) but no longer belongs to this domain; the GFN reads
     * as a new zeroed page once it is populated again.
     *
     * @return how many GFNs were released, as Xen returns the extents done
     */
    public synchronized int decreaseReservation(long[] gfns) {
        int done = 0;
        for (long gfn : gfns) {
            if (released || gfn < 0 || gfn >= gfnLimit || holes.get((int) gfn)) {
                break;
            }
            boolean wasTouched = false;
            Page[] leaf = leaves[(int) (gfn >>> LEAF_SHIFT)];
            if (leaf != null) {
                int slot = (int) (gfn & (LEAF_SIZE - 1));
                if (leaf[slot] != null) {
                    PAGES.setRelease(leaf, slot, null);
                    wasTouched = true;
                    touched--;
                }
            }
            holes.set((int) gfn);
            ballooned = true;
            nrPages--;
            pool.release(1, wasTouched ? 1 : 0);
            done++;
        }
        return done;
    }

    /**
     * {@code XENMEM_populate_physmap}: takes a frame from the pool for each GFN of {@code gfns},
     * in order, stopping at the first that is already populated or beyond {@link #gfnLimit()},
     * when the domain reaches {@link #maxPages()}, or when the pool has no free frame.
     *
     * <p>XEN-DIFF: Xen lets a PV guest populate a GFN it already holds (the guest then rewrites
     * its own p2m); Xenon keeps the p2m itself, so that is refused as an overlap.
     *
     * @return how many GFNs were populated, as Xen returns the extents done
     */
    public synchronized int populatePhysmap(long[] gfns) {
        int done = 0;
        for (long gfn : gfns) {
            if (released || gfn < 0 || gfn >= gfnLimit || !holes.get((int) gfn) || nrPages >= maxPages
                    || !pool.tryReserve(1)) {
                break;
            }
            holes.clear((int) gfn);
            nrPages++;
            done++;
        }
        return done;
    }

    /** The page at {@code gfn} if it was ever touched, else null (it reads as zeros). */
    public Page peek(long gfn) {
        checkRange(gfn);
        Page[] leaf = (Page[]) LEAVES.getAcquire(leaves, (int) (gfn >>> LEAF_SHIFT));
        return leaf == null ? null : (Page) PAGES.getAcquire(leaf, (int) (gfn & (LEAF_SIZE - 1)));
    }

    /** Calls {@code action} with each touched GFN in ascending order. */
    public void forEachTouched(LongConsumer action) {
        for (int top = 0; top < leaves.length; top++) {
            Page[] leaf = (Page[]) LEAVES.getAcquire(leaves, top);
            if (leaf == null) {
                continue;
            }
            for (int slot = 0; slot < LEAF_SIZE; slot++) {
                if (PAGES.getAcquire(leaf, slot) != null) {
                    action.accept(((long) top << LEAF_SHIFT) | slot);
                }
            }
        }
    }

    /** How many pages have been touched. */
    public synchronized long touchedPages() {
        return touched;
    }

    /**
     * Gives the reservation back to the pool. Pages still mapped by other domains stay valid for
     * them (they hold the object) but no longer belong to this domain. Idempotent.
     */
    public synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        java.util.Arrays.fill(leaves, null);
        pool.release(nrPages, touched);
        touched = 0;
    }

    public boolean isReleased() {
        return released;
    }

    private void checkRange(long gfn) {
        if (released) {
            throw new IllegalStateException("domain memory was released");
        }
        if (gfn < 0 || gfn >= gfnLimit) {
            throw new IllegalArgumentException("gfn " + gfn + " outside domain of " + gfnLimit + " pages");
        }
    }

    /** The slow path's check, under the lock: the GFN must also be populated. */
    private void checkGfn(long gfn) {
        checkRange(gfn);
        if (holes.get((int) gfn)) {
            throw new IllegalArgumentException("gfn " + gfn + " is not populated");
        }
    }
}
