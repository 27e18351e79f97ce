package io.xenon.runtime.gnttab;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A mapping domain's maptrack table: handles ({@code grant_handle_t}) for the grants it has
 * mapped, the most recently freed handle reused first, from a free list as in Xen's
 * {@code get_maptrack_handle}.
 *
 * <p>INVARIANT: a slot is null exactly when its handle is on the free list or above the
 * high-water mark; {@link #inUse()} counts the non-null slots.
 */
final class Maptrack {

    private final int limit;
    private Mapping[] slots = new Mapping[16];
    private int[] free = new int[16];
    private int freeCount;
    private int highWater;
    private int inUse;

    Maptrack(int limit) {
        this.limit = limit;
    }

    /**
     * Takes a handle for {@code mapping}.
     *
     * @return the handle, or -1 if {@link #limit} handles are in use
     */
    int add(Mapping mapping) {
        int handle;
        if (freeCount > 0) {
            handle = free[--freeCount];
        } else if (highWater < limit) {
            handle = highWater++;
            if (handle == slots.length) {
                slots = Arrays.copyOf(slots, Math.min(limit, slots.length * 2));
            }
        } else {
            return -1;
        }
        slots[handle] = mapping;
        inUse++;
        return handle;
    }

    /** The mapping a handle names, or null if the handle is out of range or free. */
    Mapping get(int handle) {
        return handle >= 0 && handle < highWater ? slots[handle] : null;
    }

    /** Frees a handle; returns its mapping, or null if it named none. */
    Mapping remove(int handle) {
        Mapping m = get(handle);
        if (m != null) {
            slots[handle] = null;
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, free.length * 2);
            }
            free[freeCount++] = handle;
            inUse--;
        }
        return m;
    }

    /** Frees every handle whose mapping {@code which} accepts; returns how many. */
    int removeIf(Predicate<Mapping> which, Consumer<Mapping> onRemoved) {
        int removed = 0;
        for (int h = 0; h < highWater; h++) {
            Mapping m = slots[h];
            if (m != null && which.test(m)) {
                remove(h);
                onRemoved.accept(m);
                removed++;
            }
        }
        return removed;
    }

    int inUse() {
        return inUse;
    }
}
