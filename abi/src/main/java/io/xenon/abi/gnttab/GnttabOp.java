package io.xenon.abi.gnttab;

/**
 * The grant-table operations and their flags, from {@code xen/include/public/grant_table.h}:
 * the {@code cmd} of {@code HYPERVISOR_grant_table_op} ({@code GNTTABOP_*}), the map flags
 * ({@code GNTMAP_*}), the copy flags ({@code GNTCOPY_*}) and the reserved grant references.
 */
public final class GnttabOp {

    private GnttabOp() {
    }

    // cmd of HYPERVISOR_grant_table_op (hypercall 20).
    public static final int GNTTABOP_map_grant_ref = 0;
    public static final int GNTTABOP_unmap_grant_ref = 1;
    public static final int GNTTABOP_setup_table = 2;
    public static final int GNTTABOP_dump_table = 3;
    public static final int GNTTABOP_transfer = 4;
    public static final int GNTTABOP_copy = 5;
    public static final int GNTTABOP_query_size = 6;
    public static final int GNTTABOP_unmap_and_replace = 7;
    public static final int GNTTABOP_set_version = 8;
    public static final int GNTTABOP_get_status_frames = 9;
    public static final int GNTTABOP_get_version = 10;
    public static final int GNTTABOP_swap_grant_ref = 11;
    public static final int GNTTABOP_cache_flush = 12;

    // flags of gnttab_map_grant_ref.
    /** Map for access by I/O devices ({@code dev_bus_addr} is returned). */
    public static final int GNTMAP_device_map = 1 << 0;
    /** Map for access by the host CPU ({@code host_addr}). */
    public static final int GNTMAP_host_map = 1 << 1;
    /** The mapping is read-only. */
    public static final int GNTMAP_readonly = 1 << 2;
    /** PV only: the mapping is accessible from guest user space. */
    public static final int GNTMAP_application_map = 1 << 3;
    /** PV only: {@code host_addr} is the address of a PTE to update, not a virtual address. */
    public static final int GNTMAP_contains_pte = 1 << 4;
    /** The first bit left to the guest's own use. */
    public static final int GNTMAP_guest_avail0 = 1 << 16;

    // flags of gnttab_copy.
    /** {@code source.u} is a grant reference, not a frame number. */
    public static final int GNTCOPY_source_gref = 1 << 0;
    /** {@code dest.u} is a grant reference, not a frame number. */
    public static final int GNTCOPY_dest_gref = 1 << 1;

    // Reserved grant references, filled in by the domain builder.
    public static final int GNTTAB_NR_RESERVED_ENTRIES = 8;
    public static final int GNTTAB_RESERVED_CONSOLE = 0;
    public static final int GNTTAB_RESERVED_XENSTORE = 1;
}
