package io.xenon.abi.gnttab;

import io.xenon.abi.Xen;

/**
 * The layout of a version 1 shared grant entry, {@code struct grant_entry_v1} in
 * {@code xen/include/public/grant_table.h}. The grant table is an array of these in frames the
 * granting guest writes and Xen reads; all fields are little-endian.
 *
 * <p>To add an entry the guest writes {@code domid}, then {@code frame}, then a write barrier,
 * then {@code flags}, whose type bits make the entry valid. To revoke an unused
 * {@code GTF_permit_access} entry it compare-and-swaps {@code flags} to 0, which fails while
 * {@link Gtf#GTF_reading} or {@link Gtf#GTF_writing} is set.
 */
public final class GrantEntryV1 {

    private GrantEntryV1() {
    }

    /*
     * struct grant_entry_v1 {
     *     uint16_t flags;   // GTF_*
     *     domid_t  domid;   // the domain being granted privileges
     *     uint32_t frame;   // the frame (GFN) being shared, or the slot for a transfer
     * };
     */
    public static final int OFF_flags = 0;
    public static final int OFF_domid = 2;
    public static final int OFF_frame = 4;
    public static final int SIZE = 8;

    /** Entries in one 4 KiB grant-table frame. */
    public static final int ENTRIES_PER_FRAME = Xen.XEN_PAGE_SIZE / SIZE;

    /** The byte offset of entry {@code ref} within its frame. */
    public static int offsetInFrame(int ref) {
        return (ref % ENTRIES_PER_FRAME) * SIZE;
    }

    /** The index of the table frame that holds entry {@code ref}. */
    public static int frameIndex(int ref) {
        return ref / ENTRIES_PER_FRAME;
    }
}
