package io.xenon.abi.gnttab;

/**
 * The {@code GTF_*} bits of a shared grant entry's {@code flags} field, from
 * {@code xen/include/public/grant_table.h}.
 *
 * <p>Bits 0-1 are the entry type. The guest sets the type and {@link #GTF_readonly}; Xen sets
 * {@link #GTF_reading} and {@link #GTF_writing} while the granted frame is in use, and the guest
 * must not revoke an entry while either is set.
 */
public final class Gtf {

    private Gtf() {
    }

    // Entry types (flags & GTF_type_mask).
    /** Grants nothing; the entry is free. */
    public static final int GTF_invalid = 0;
    /** The grantee named in {@code domid} may map or copy {@code frame}. */
    public static final int GTF_permit_access = 1;
    /** The grantee may transfer a page to us; Xen writes the frame number into {@code frame}. */
    public static final int GTF_accept_transfer = 2;
    /** Version 2 only: the access is granted through another domain's grant. */
    public static final int GTF_transitive = 3;
    public static final int GTF_type_mask = 3;

    // Subflags of GTF_permit_access.
    /** The grantee may only read the frame [set by the guest]. */
    public static final int GTF_readonly = 1 << 2;
    /** The frame is mapped or being copied for reading [set by Xen]. */
    public static final int GTF_reading = 1 << 3;
    /** The frame is mapped or being copied for writing [set by Xen]. */
    public static final int GTF_writing = 1 << 4;
    /** x86 cache attribute: page-level write-through. */
    public static final int GTF_PWT = 1 << 5;
    /** x86 cache attribute: page-level cache disable. */
    public static final int GTF_PCD = 1 << 6;
    /** x86 cache attribute: page attribute table. */
    public static final int GTF_PAT = 1 << 7;
    /** Version 2 only: a sub-page grant, usable only by copy. */
    public static final int GTF_sub_page = 1 << 8;

    // Subflags of GTF_accept_transfer.
    /** Xen is committed to transferring to this entry; the guest must not touch it. */
    public static final int GTF_transfer_committed = 1 << 2;
    /** The transfer is done; {@code frame} is valid. */
    public static final int GTF_transfer_completed = 1 << 3;
}
