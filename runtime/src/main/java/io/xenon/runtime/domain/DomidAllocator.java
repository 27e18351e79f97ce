package io.xenon.runtime.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.Xen;
import java.util.BitSet;

/**
 * Hands out domain ids as Xen does when the toolstack lets the hypervisor choose
 * ({@code domain_create} with a zero domid): a rover moves forward from the last id given, skips
 * ids in use, and wraps from {@code DOMID_FIRST_RESERVED - 1} back to 1. Id 0 is Domain-0's and
 * the reserved ids ({@code DOMID_SELF} and above) are never given. A freed id is therefore not
 * reused until the rover comes round again, so a stale id rarely names a new domain.
 *
 * <p>Confined to its owner (the hypervisor).
 */
public final class DomidAllocator {

    private final BitSet inUse = new BitSet(Xen.DOMID_FIRST_RESERVED);
    private int rover;

    public DomidAllocator() {
        inUse.set(0);
    }

    /** The next free DomU id, or null if all of 1..0x7FEF are in use. */
    public DomId allocate() {
        for (int tries = 0; tries < Xen.DOMID_FIRST_RESERVED - 1; tries++) {
            rover++;
            if (rover >= Xen.DOMID_FIRST_RESERVED) {
                rover = 1;
            }
            if (!inUse.get(rover)) {
                inUse.set(rover);
                return DomId.of(rover);
            }
        }
        return null;
    }

    /** Gives an id back. Domain-0's id is never freed. */
    public void free(DomId id) {
        if (id.value() != 0) {
            inUse.clear(id.value());
        }
    }

    public boolean isInUse(DomId id) {
        return id.value() < Xen.DOMID_FIRST_RESERVED && inUse.get(id.value());
    }

    /** How many ids are taken, Domain-0's included. */
    public int inUseCount() {
        return inUse.cardinality();
    }
}
