package io.xenon.abi.memory;

import io.xenon.abi.Xen;

/**
 * Constants from {@code xen/include/public/memory.h}: the {@code XENMEM_*} commands of
 * {@code HYPERVISOR_memory_op} (hypercall {@link Xen#HYPERVISOR_MEMORY_OP}) that a balloon
 * driver uses.
 *
 * <pre>
 * struct xen_memory_reservation {
 *     XEN_GUEST_HANDLE(xen_pfn_t) extent_start;  // GFNs to populate or release
 *     xen_ulong_t  nr_extents;
 *     unsigned int extent_order;                  // Xenon: always 0 (4 KiB extents)
 *     unsigned int mem_flags;
 *     domid_t      domid;                         // DOMID_SELF for a guest
 * };
 * </pre>
 *
 * {@code XENMEM_increase_reservation}, {@code XENMEM_decrease_reservation} and
 * {@code XENMEM_populate_physmap} return how many extents they handled, which is fewer than
 * {@code nr_extents} when they stopped early. {@code XENMEM_current_reservation} and
 * {@code XENMEM_maximum_reservation} take a {@code domid_t} and return pages.
 */
public final class MemoryOp {

    private MemoryOp() {
    }

    public static final int XENMEM_INCREASE_RESERVATION = 0;
    public static final int XENMEM_DECREASE_RESERVATION = 1;
    public static final int XENMEM_MAXIMUM_RAM_PAGE = 2;
    public static final int XENMEM_CURRENT_RESERVATION = 3;
    public static final int XENMEM_MAXIMUM_RESERVATION = 4;
    public static final int XENMEM_MAXIMUM_GPFN = 14;
    public static final int XENMEM_POPULATE_PHYSMAP = 6;

    /** The {@code domid} a guest names itself by ({@code DOMID_SELF}). */
    public static final int DOMID_SELF = Xen.DOMID_SELF;
}
