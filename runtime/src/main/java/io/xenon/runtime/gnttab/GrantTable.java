package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_gntref;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_page;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_general_error;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_okay;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_permission_denied;
import static io.xenon.abi.gnttab.Gtf.GTF_permit_access;
import static io.xenon.abi.gnttab.Gtf.GTF_readonly;
import static io.xenon.abi.gnttab.Gtf.GTF_reading;
import static io.xenon.abi.gnttab.Gtf.GTF_type_mask;
import static io.xenon.abi.gnttab.Gtf.GTF_writing;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantEntryV1;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.runtime.mm.P2m;
import io.xenon.runtime.mm.Page;
import java.util.HashMap;
import java.util.Map;

/**
 * One domain's version 1 grant table ({@code struct grant_table}): the shared entries the guest
 * writes, the hypervisor's active entries for the ones in use, and the maptrack of grants this
 * domain has mapped from others.
 *
 * <p>The shared entries live in the domain's own memory, in the last {@link #maxFrames()} frames
 * of its P2M: frame {@code i} of the table is GFN {@code firstFrameGfn() + i}. The guest's memory
 * allocator must leave those GFNs alone, as it leaves a reserved e820 region alone.
 * XEN-DIFF: Xen gives a PV guest Xen-heap frames and lets an HVM guest place them anywhere with
 * {@code XENMEM_add_to_physmap}; fixing them at the top of the reservation keeps them in the
 * domain's accounting and needs no physmap call. A domain whose memory is smaller than twice its
 * {@code max_grant_frames} gets half its memory as the limit.
 *
 * <p>Confined to the owner of {@link GrantTables}, except the guest-side calls
 * {@link #grantAccess}, {@link #endAccess} and {@link #flags}, which any thread of the domain may
 * make: they touch only the shared entry, with the ordering and compare-and-swap a real guest
 * uses, and the hypervisor side swaps the same words atomically.
 */
public final class GrantTable {

    /** How often a pin retries a compare-and-swap the guest keeps racing, as Xen's retry bound. */
    private static final int PIN_RETRIES = 4;

    private final DomId id;
    private final P2m memory;
    private final int maxFrames;
    private final long firstFrameGfn;
    private final Map<Integer, ActiveEntry> active = new HashMap<>();
    private final Maptrack maptrack;
    private final GnttabMetrics metrics;
    private volatile int nrFrames = 1;
    private int pins;

    GrantTable(DomId id, P2m memory, int maxGrantFrames, int maxMaptrackEntries) {
        if (maxGrantFrames < 1) {
            throw new IllegalArgumentException("max_grant_frames must be at least 1: " + maxGrantFrames);
        }
        this.id = id;
        this.memory = memory;
        this.maxFrames = (int) Math.max(1, Math.min(maxGrantFrames, memory.initialPages() / 2));
        this.firstFrameGfn = memory.initialPages() - maxFrames;
        this.maptrack = new Maptrack(maxMaptrackEntries);
        this.metrics = new GnttabMetrics(id.value());
    }

    public DomId id() {
        return id;
    }

    /** Frames the table has now ({@code nr_frames} of {@code GNTTABOP_query_size}); 1 at creation. */
    public int nrFrames() {
        return nrFrames;
    }

    /** The most frames it may grow to ({@code max_nr_frames}). */
    public int maxFrames() {
        return maxFrames;
    }

    /** The GFN of table frame 0; frame {@code i} is at {@code firstFrameGfn() + i}. */
    public long firstFrameGfn() {
        return firstFrameGfn;
    }

    /** Entries addressable now: {@code nrFrames() * 512}. */
    public int nrEntries() {
        return nrFrames * GrantEntryV1.ENTRIES_PER_FRAME;
    }

    /**
     * Guest side ({@code gnttab_grant_foreign_access_ref}): lets {@code grantee} map or copy the
     * frame {@code gfn}, read-only if asked.
     *
     * @throws IllegalArgumentException if {@code ref} is outside the table
     */
    public void grantAccess(GrantRef ref, DomId grantee, long gfn, boolean readonly) {
        Page page = entryFrame(checkedRef(ref));
        int off = GrantEntryV1.offsetInFrame(ref.value());
        page.putU16(off + GrantEntryV1.OFF_domid, grantee.value());
        page.putInt(off + GrantEntryV1.OFF_frame, (int) gfn);
        // ORDERING: domid and frame must be visible before the type bits that make the entry valid.
        page.putU16Release(off + GrantEntryV1.OFF_flags, GTF_permit_access | (readonly ? GTF_readonly : 0));
    }

    /**
     * Guest side ({@code gnttab_end_foreign_access_ref}): revokes a grant unless it is in use.
     *
     * @return false, changing nothing, while the entry has {@code GTF_reading} or
     *         {@code GTF_writing} set
     * @throws IllegalArgumentException if {@code ref} is outside the table
     */
    public boolean endAccess(GrantRef ref) {
        Page page = entryFrame(checkedRef(ref));
        int off = GrantEntryV1.offsetInFrame(ref.value()) + GrantEntryV1.OFF_flags;
        int flags = page.getU16Volatile(off);
        while ((flags & (GTF_reading | GTF_writing)) == 0) {
            if (page.compareAndSetU16(off, flags, 0)) {
                return true;
            }
            flags = page.getU16Volatile(off);
        }
        return false;
    }

    /**
     * The shared entry's {@code flags} as they are now.
     *
     * @throws IllegalArgumentException if {@code ref} is outside the table
     */
    public int flags(GrantRef ref) {
        return entryFrame(checkedRef(ref)).getU16Volatile(GrantEntryV1.offsetInFrame(ref.value()));
    }

    /** Mappings this domain holds of grants (maptrack handles in use). */
    public int mappingsHeld() {
        return maptrack.inUse();
    }

    /** Pins other domains hold on this domain's grants: their mappings, plus copies in progress. */
    public int mappingsGranted() {
        return pins;
    }

    /** Entries of this table in use (pinned at least once). */
    public int activeEntries() {
        return active.size();
    }

    /**
     * Grows the table to {@code frames} frames; never shrinks it ({@code gnttab_grow_table}). A
     * new frame the guest had already touched is cleared, so the table starts with no grants.
     *
     * @return false if {@code frames} (a u32) exceeds {@link #maxFrames()}
     */
    boolean grow(int frames) {
        if (Integer.compareUnsigned(frames, maxFrames) > 0) {
            return false;
        }
        for (int i = nrFrames; i < frames; i++) {
            Page used = memory.peek(firstFrameGfn + i);
            if (used != null) {
                used.clear(0, Page.SIZE);
            }
        }
        if (frames > nrFrames) {
            nrFrames = frames;
        }
        return true;
    }

    /**
     * Pins entry {@code ref} for {@code grantee}, for reading or also writing: the check Xen makes
     * in {@code map_grant_ref} and {@code acquire_grant_for_copy}, then {@code _set_status_v1}.
     * On success the entry's page is {@link #pinnedPage}.
     */
    GrantStatus pin(int ref, int grantee, boolean readonly) {
        if (Integer.compareUnsigned(ref, nrEntries()) >= 0) {
            return GNTST_bad_gntref;
        }
        ActiveEntry act = active.get(ref);
        // XEN-DIFF: Xen answers GNTST_general_error for an entry granted to another domain and for
        // a writable pin of a read-only grant; Xenon says GNTST_permission_denied, so that a back
        // end can tell a refusal from a broken table.
        if (act != null && act.grantee != grantee) {
            return GNTST_permission_denied;
        }
        if (act == null || (!readonly && act.writers == 0)) {
            GrantStatus set = setStatus(ref, act == null, grantee, readonly);
            if (set != GNTST_okay) {
                return set;
            }
        }
        if (act == null) {
            Page page = entryFrame(ref);
            // UNTRUSTED: the guest chose the frame; read it once, after the pin, and keep it.
            long gfn = Integer.toUnsignedLong(page.getIntAcquire(GrantEntryV1.offsetInFrame(ref) + GrantEntryV1.OFF_frame));
            if (!memory.contains(gfn)) {
                clearStatus(ref, GTF_reading | GTF_writing);
                return GNTST_bad_page;
            }
            act = new ActiveEntry(grantee, gfn, memory.page(gfn));
            active.put(ref, act);
        }
        if (readonly) {
            act.readers++;
        } else {
            act.writers++;
        }
        pins++;
        return GNTST_okay;
    }

    /**
     * One {@code GNTTABOP_copy} between entry {@code ref} and {@code local}, done while the caller
     * holds the registry's lock: {@code acquire_grant_for_copy}, the copy,
     * {@code release_grant_for_copy}. An entry nobody has pinned is checked and flagged
     * ({@code GTF_reading}, and {@code GTF_writing} into it) as {@link #pin} would, without an
     * active entry for the length of the copy; a pinned one goes through {@link #pin}.
     * {@code offset} and {@code len} must already lie inside the page and {@code local}.
     */
    GrantStatus copy(int ref, int grantee, boolean intoGrant, int offset, byte[] local, int localOffset, int len) {
        if (Integer.compareUnsigned(ref, nrEntries()) >= 0) {
            return GNTST_bad_gntref;
        }
        if (active.containsKey(ref)) {
            GrantStatus pinned = pin(ref, grantee, !intoGrant);
            if (pinned == GNTST_okay) {
                copyBytes(pinnedPage(ref), intoGrant, offset, local, localOffset, len);
                unpin(ref, !intoGrant);
            }
            return pinned;
        }
        GrantStatus set = setStatus(ref, true, grantee, !intoGrant);
        if (set != GNTST_okay) {
            return set;
        }
        // UNTRUSTED: the guest chose the frame; read it once, after the flags are set.
        long gfn = Integer.toUnsignedLong(entryFrame(ref).getIntAcquire(GrantEntryV1.offsetInFrame(ref) + GrantEntryV1.OFF_frame));
        GrantStatus status = GNTST_okay;
        if (memory.contains(gfn)) {
            copyBytes(memory.page(gfn), intoGrant, offset, local, localOffset, len);
        } else {
            status = GNTST_bad_page;
        }
        clearStatus(ref, GTF_reading | GTF_writing);
        return status;
    }

    private static void copyBytes(Page page, boolean intoGrant, int offset, byte[] local, int localOffset, int len) {
        if (intoGrant) {
            System.arraycopy(local, localOffset, page.bytes(), offset, len);
        } else {
            System.arraycopy(page.bytes(), offset, local, localOffset, len);
        }
    }

    /** The page of an entry pinned by {@link #pin}. */
    Page pinnedPage(int ref) {
        return active.get(ref).page;
    }

    /** Undoes one {@link #pin}, clearing {@code GTF_writing} and {@code GTF_reading} as they lapse. */
    void unpin(int ref, boolean readonly) {
        ActiveEntry act = active.get(ref);
        if (readonly) {
            act.readers--;
        } else {
            act.writers--;
        }
        pins--;
        if (act.pins() == 0) {
            active.remove(ref);
            clearStatus(ref, GTF_reading | GTF_writing);
        } else if (!readonly && act.writers == 0) {
            clearStatus(ref, GTF_writing);
        }
    }

    Maptrack maptrack() {
        return maptrack;
    }

    GnttabMetrics metrics() {
        return metrics;
    }

    P2m memory() {
        return memory;
    }

    /**
     * Sets {@code GTF_reading} (and {@code GTF_writing}) in the shared entry if it grants
     * {@code grantee} access: {@code _set_status_v1}, one 32-bit compare-and-swap over
     * {@code flags} and {@code domid} together, so the guest cannot change either in between.
     */
    private GrantStatus setStatus(int ref, boolean firstPin, int grantee, boolean readonly) {
        Page page = entryFrame(ref);
        int off = GrantEntryV1.offsetInFrame(ref);
        // UNTRUSTED: flags and domid are the guest's; check them on every attempt.
        int seen = page.getIntVolatile(off);
        for (int retries = 0; ; retries++) {
            int flags = seen & 0xFFFF;
            int domid = seen >>> 16;
            if (firstPin && (flags & GTF_type_mask) != GTF_permit_access) {
                return GNTST_general_error;
            }
            if (firstPin && domid != grantee) {
                return GNTST_permission_denied;
            }
            int set = GTF_reading;
            if (!readonly) {
                if ((flags & GTF_readonly) != 0) {
                    return GNTST_permission_denied;
                }
                set |= GTF_writing;
            }
            if (page.compareAndSetInt(off, seen, seen | set)) {
                return GNTST_okay;
            }
            if (retries == PIN_RETRIES) {
                return GNTST_general_error;
            }
            seen = page.getIntVolatile(off);
        }
    }

    private void clearStatus(int ref, int bits) {
        entryFrame(ref).getAndClearBitsU16(GrantEntryV1.offsetInFrame(ref) + GrantEntryV1.OFF_flags, bits);
    }

    private int checkedRef(GrantRef ref) {
        if (Integer.compareUnsigned(ref.value(), nrEntries()) >= 0) {
            throw new IllegalArgumentException("grant ref " + ref + " outside d" + id + "'s " + nrEntries() + " entries");
        }
        return ref.value();
    }

    private Page entryFrame(int ref) {
        return memory.page(firstFrameGfn + GrantEntryV1.frameIndex(ref));
    }

    @Override
    public String toString() {
        return "d" + id + " grant table (" + nrFrames + "/" + maxFrames + " frames)";
    }
}
