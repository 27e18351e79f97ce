package io.xenon.runtime.mm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongConsumer;

/**
 * A domain's physical-to-machine map: guest frame number (GFN) to {@link Page}, for a
 * reservation of {@link #nrPages()} frames taken from a {@link FramePool}.
 *
 * <p>The map is two-level and sparse, like a page table: a top array of leaves of 512 slots,
 * with leaves and pages allocated on first touch. An untouched 128 MiB domain costs its top
 * array (64 references) and nothing else.
 *
 * <p>Thread-safe: any of the domain's vCPUs and any back end holding a grant may touch pages
 * concurrently; a page is created exactly once.
 */
public final class P2m {

    private static final int LEAF_SHIFT = 9;
    private static final int LEAF_SIZE = 1 << LEAF_SHIFT;
    private static final VarHandle LEAVES = MethodHandles.arrayElementVarHandle(Page[][].class);
    private static final VarHandle PAGES = MethodHandles.arrayElementVarHandle(Page[].class);

    private final FramePool pool;
    private final long nrPages;
    private final Page[][] leaves;
    private volatile boolean released;
    private long touched;

    private P2m(FramePool pool, long nrPages) {
        this.pool = pool;
        this.nrPages = nrPages;
        this.leaves = new Page[(int) ((nrPages + LEAF_SIZE - 1) >>> LEAF_SHIFT)][];
    }

    /**
     * Reserves {@code nrPages} frames from {@code pool} for a new domain.
     *
     * @return the map, or null if the pool has too few free frames (nothing is then reserved)
     */
    public static P2m reserve(FramePool pool, long nrPages) {
        if (nrPages <= 0 || nrPages > (long) Integer.MAX_VALUE * LEAF_SIZE) {
            throw new IllegalArgumentException("invalid domain size: " + nrPages + " pages");
        }
        if (!pool.tryReserve(nrPages)) {
            return null;
        }
        return new P2m(pool, nrPages);
    }

    public long nrPages() {
        return nrPages;
    }

    /** Whether {@code gfn} lies inside this domain's memory. */
    public boolean contains(long gfn) {
        return gfn >= 0 && gfn < nrPages;
    }

    /**
     * The page at {@code gfn}, creating it (zeroed) on first touch.
     *
     * @throws IllegalArgumentException if {@code gfn} is outside the domain
     * @throws IllegalStateException if the domain's memory was released
     */
    public Page page(long gfn) {
        checkGfn(gfn);
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

    /** The page at {@code gfn} if it was ever touched, else null (it reads as zeros). */
    public Page peek(long gfn) {
        checkGfn(gfn);
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

    private void checkGfn(long gfn) {
        if (released) {
            throw new IllegalStateException("domain memory was released");
        }
        if (!contains(gfn)) {
            throw new IllegalArgumentException("gfn " + gfn + " outside domain of " + nrPages + " pages");
        }
    }
}
