package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_copy_arg;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_domain;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_gntref;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_handle;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_page;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_general_error;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_no_space;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_okay;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_permission_denied;

import io.xenon.abi.DomId;
import io.xenon.abi.Xen;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantHandle;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.mm.P2m;
import io.xenon.runtime.mm.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every domain's grant table, keyed by domid, and the operations of
 * {@code HYPERVISOR_grant_table_op} on them ({@code do_grant_table_op} in
 * {@code xen/common/grant_table.c}), each made by a calling domain and answered with Xen's
 * {@code GNTST_*} status. Misuse by a guest is an error status, never an exception; a caller
 * without a table (never created, or already released) gets {@code GNTST_general_error}.
 *
 * <p>The hypervisor {@link #create}s a table with each domain and {@link #release}s it when the
 * domain dies, before the domain's memory is given back: what the dead domain mapped is unmapped,
 * and what others mapped of it is revoked.
 *
 * <p>Thread-safe: guests' vCPUs and back ends call it from their own threads, and every operation
 * holds this registry's lock. XEN-DIFF: Xen locks each domain's table (and its maptrack) on its
 * own; one lock is simpler and the operations are short. See {@link GrantTable} for the
 * guest-side calls that take no lock here.
 */
public final class GrantTables {

    /** Xen's default {@code gnttab_max_frames}, for a domain without a config (Domain-0). */
    public static final int DEFAULT_MAX_GRANT_FRAMES = 64;
    /** Xen's default {@code gnttab_max_maptrack_frames}. */
    public static final int DEFAULT_MAX_MAPTRACK_FRAMES = 1024;
    /** Maptrack entries per frame: 4096 / {@code sizeof(struct grant_mapping)} (16). */
    public static final int MAPTRACK_PER_FRAME = 256;

    private final Map<DomId, GrantTable> tables = new HashMap<>();
    private final int maxMaptrackEntries;

    /** Tables whose maptracks hold up to {@link #DEFAULT_MAX_MAPTRACK_FRAMES} frames of handles. */
    public GrantTables() {
        this(DEFAULT_MAX_MAPTRACK_FRAMES);
    }

    /** Tables whose maptracks hold up to {@code maxMaptrackFrames} frames of handles each. */
    public GrantTables(int maxMaptrackFrames) {
        if (maxMaptrackFrames < 1) {
            throw new IllegalArgumentException("max_maptrack_frames must be at least 1: " + maxMaptrackFrames);
        }
        this.maxMaptrackEntries = maxMaptrackFrames * MAPTRACK_PER_FRAME;
    }

    /** Creates {@code d}'s table, of its config's {@code max_grant_frames} (Xen's default without one). */
    public synchronized GrantTable create(Domain d) {
        return create(d.id(), d.memory(), d.config() == null ? DEFAULT_MAX_GRANT_FRAMES : d.config().maxGrantFrames());
    }

    /**
     * Creates the table of domain {@code id}, whose frames are the top of {@code memory}.
     *
     * @throws IllegalStateException if the domain already has one
     */
    public synchronized GrantTable create(DomId id, P2m memory, int maxGrantFrames) {
        if (tables.containsKey(id)) {
            throw new IllegalStateException("d" + id + " already has a grant table");
        }
        GrantTable t = new GrantTable(id, memory, maxGrantFrames, maxMaptrackEntries);
        tables.put(id, t);
        return t;
    }

    /** The table of domain {@code id}, or null if it has none. */
    public synchronized GrantTable table(DomId id) {
        return tables.get(id);
    }

    /**
     * {@code GNTTABOP_setup_table}: grows {@code dom}'s table to {@code nrFrames} frames (never
     * shrinks it) and returns the GFNs of its first {@code nrFrames} frames. {@code dom} may be
     * {@code DOMID_SELF}; only Domain-0 may name another domain.
     */
    public synchronized TableFrames setupTable(DomId caller, DomId dom, int nrFrames) {
        GrantTable t = tables.get(resolve(caller, dom));
        GrantStatus status = checkTarget(caller, t);
        if (status == GNTST_okay && !t.grow(nrFrames)) {
            status = GNTST_general_error;
        }
        if (status != GNTST_okay) {
            GnttabMetrics.failed("setup_table", status);
            return new TableFrames(status, List.of());
        }
        List<Long> frames = new ArrayList<>(nrFrames);
        for (int i = 0; i < nrFrames; i++) {
            frames.add(t.firstFrameGfn() + i);
        }
        return new TableFrames(GNTST_okay, frames);
    }

    /** {@code GNTTABOP_query_size}: {@code dom}'s current and largest table size, in frames. */
    public synchronized TableSize querySize(DomId caller, DomId dom) {
        GrantTable t = tables.get(resolve(caller, dom));
        GrantStatus status = checkTarget(caller, t);
        if (status != GNTST_okay) {
            GnttabMetrics.failed("query_size", status);
            return new TableSize(status, 0, 0);
        }
        return new TableSize(GNTST_okay, t.nrFrames(), t.maxFrames());
    }

    /**
     * {@code GNTTABOP_map_grant_ref}: maps entry {@code ref} of domain {@code dom} for
     * {@code caller}, read-only if {@code flags} has {@code GNTMAP_readonly}. {@code flags} must
     * have {@code GNTMAP_host_map} or {@code GNTMAP_device_map}; both give the page itself.
     */
    public synchronized GrantMapping mapGrantRef(DomId caller, DomId dom, GrantRef ref, int flags) {
        GrantTable mapper = tables.get(caller);
        GrantStatus status = GNTST_okay;
        // UNTRUSTED: flags, dom and ref are the guest's.
        if (mapper == null) {
            status = GNTST_general_error;
        } else if ((flags & (GnttabOp.GNTMAP_host_map | GnttabOp.GNTMAP_device_map)) == 0) {
            status = GNTST_bad_gntref;
        } else if ((flags & GnttabOp.GNTMAP_contains_pte) != 0) {
            // No guest page tables to write a PTE into: refused as Xen refuses it for HVM guests.
            status = GNTST_general_error;
        }
        GrantTable granter = tables.get(dom);
        if (status == GNTST_okay && granter == null) {
            status = GNTST_bad_domain;
        }
        if (status != GNTST_okay) {
            GnttabMetrics.failed("map_grant_ref", status);
            return GrantMapping.failed(status);
        }
        boolean readonly = (flags & GnttabOp.GNTMAP_readonly) != 0;
        int handle = mapper.maptrack().add(new Mapping(dom, ref.value(), readonly));
        if (handle < 0) {
            GnttabMetrics.failed("map_grant_ref", GNTST_no_space);
            return GrantMapping.failed(GNTST_no_space);
        }
        status = granter.pin(ref.value(), caller.value(), readonly);
        if (status != GNTST_okay) {
            mapper.maptrack().remove(handle);
            GnttabMetrics.failed("map_grant_ref", status);
            return GrantMapping.failed(status);
        }
        mapper.metrics().mapped();
        return new GrantMapping(GNTST_okay, new GrantHandle(handle), granter.pinnedPage(ref.value()));
    }

    /** {@code GNTTABOP_unmap_grant_ref}: undoes the mapping {@code caller} holds as {@code handle}. */
    public synchronized GrantStatus unmapGrantRef(DomId caller, GrantHandle handle) {
        GrantTable mapper = tables.get(caller);
        // UNTRUSTED: the handle is the guest's; an unknown or freed one maps nothing.
        Mapping m = mapper == null ? null : mapper.maptrack().remove(handle.value());
        if (m == null) {
            GrantStatus status = mapper == null ? GNTST_general_error : GNTST_bad_handle;
            GnttabMetrics.failed("unmap_grant_ref", status);
            return status;
        }
        // INVARIANT: a mapping's granter has a table; release() revokes mappings of dead granters.
        tables.get(m.granter()).unpin(m.ref(), m.readonly());
        mapper.metrics().unmapped();
        return GNTST_okay;
    }

    /**
     * {@code GNTTABOP_copy}: copies bytes between two pages without mapping them. A side named by
     * grant reference must be granted to {@code caller} (the destination writable); a side named
     * by frame must be {@code DOMID_SELF}'s. Neither side may cross its page.
     */
    public synchronized GrantStatus copy(DomId caller, GnttabCopy op) {
        GrantStatus status = copyOne(caller, op);
        if (status == GNTST_okay) {
            tables.get(caller).metrics().copied();
        } else {
            GnttabMetrics.failed("copy", status);
        }
        return status;
    }

    private GrantStatus copyOne(DomId caller, GnttabCopy op) {
        GrantTable self = tables.get(caller);
        if (self == null) {
            return GNTST_general_error;
        }
        // UNTRUSTED: every field of op is the guest's.
        if ((!op.sourceIsGref() && op.source().domid().value() != Xen.DOMID_SELF)
                || (!op.destIsGref() && op.dest().domid().value() != Xen.DOMID_SELF)) {
            return GNTST_permission_denied;
        }
        GrantTable src = tables.get(resolve(caller, op.source().domid()));
        GrantTable dst = tables.get(resolve(caller, op.dest().domid()));
        if (src == null || dst == null) {
            return GNTST_bad_domain;
        }
        // Xen checks the bounds once both buffers are claimed; checking first only changes which
        // error a request wrong in two ways gets.
        if (!fitsPage(op.source().offset(), op.len()) || !fitsPage(op.dest().offset(), op.len())) {
            return GNTST_bad_copy_arg;
        }
        Side from = claim(self, src, op.source(), op.sourceIsGref(), caller, true);
        if (from.status != GNTST_okay) {
            return from.status;
        }
        Side to = claim(self, dst, op.dest(), op.destIsGref(), caller, false);
        if (to.status == GNTST_okay) {
            System.arraycopy(from.page.bytes(), op.source().offset(), to.page.bytes(), op.dest().offset(), op.len());
            to.release();
        }
        from.release();
        return to.status;
    }

    /**
     * {@code GNTTABOP_copy} of a whole batch under one acquisition of the table lock: each
     * operation copies between a grant of another domain, which must be granted to
     * {@code caller} (writable if it is the destination), and a buffer of the caller's. Every
     * operation gets its own status; a refused one copies nothing and does not stop the rest.
     */
    public synchronized void copyBatch(DomId caller, GrantCopyBatch batch) {
        int okay = 0;
        boolean callerHasTable = tables.containsKey(caller);
        DomId lastGranter = null;
        GrantTable owner = null;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.granter(i) != lastGranter && !batch.granter(i).equals(lastGranter)) {
                lastGranter = batch.granter(i);
                owner = tables.get(lastGranter);
            }
            GrantStatus status = callerHasTable ? copyOne(caller, owner, batch, i) : GNTST_general_error;
            batch.status(i, status);
            if (status == GNTST_okay) {
                okay++;
            } else {
                GnttabMetrics.failed("copy", status);
            }
        }
        GrantTable self = tables.get(caller);
        if (okay > 0 && self != null) {
            self.metrics().copied(okay);
        }
    }

    private static GrantStatus copyOne(DomId caller, GrantTable owner, GrantCopyBatch batch, int i) {
        // UNTRUSTED: the grant's domain, reference, offset and length come from a guest's request.
        if (owner == null) {
            return GNTST_bad_domain;
        }
        int len = batch.len(i);
        byte[] local = batch.local(i);
        int localOffset = batch.localOffset(i);
        if (!fitsPage(batch.offset(i), len) || localOffset < 0 || localOffset > local.length - len) {
            return GNTST_bad_copy_arg;
        }
        return owner.copy(batch.ref(i), caller.value(), batch.intoGrant(i), batch.offset(i), local, localOffset, len);
    }

    /** One side of a copy, pinned if it is a grant, until {@link #release}. */
    private record Side(GrantStatus status, Page page, GrantTable pinnedIn, int ref, boolean readonly) {

        void release() {
            if (pinnedIn != null) {
                pinnedIn.unpin(ref, readonly);
            }
        }
    }

    private static Side claim(GrantTable self, GrantTable owner, GnttabCopy.Ptr ptr, boolean gref, DomId caller,
            boolean readonly) {
        if (gref) {
            if (ptr.u() > 0xFFFF_FFFFL) {
                return new Side(GNTST_bad_gntref, null, null, 0, readonly);
            }
            int ref = (int) ptr.u();
            GrantStatus pinned = owner.pin(ref, caller.value(), readonly);
            return pinned == GNTST_okay ? new Side(GNTST_okay, owner.pinnedPage(ref), owner, ref, readonly)
                    : new Side(pinned, null, null, 0, readonly);
        }
        if (!self.memory().contains(ptr.u())) {
            return new Side(GNTST_bad_page, null, null, 0, readonly);
        }
        return new Side(GNTST_okay, self.memory().page(ptr.u()), null, 0, readonly);
    }

    private static boolean fitsPage(int offset, int len) {
        return offset >= 0 && offset <= 0xFFFF && len >= 0 && len <= 0xFFFF && offset + len <= Page.SIZE;
    }

    /**
     * Releases the table of a dead domain ({@code gnttab_release_mappings}): unmaps every grant it
     * had mapped, so their granters' entries lose {@code GTF_reading} / {@code GTF_writing}, and
     * revokes every mapping other domains held of its grants, whose handles then answer
     * {@code GNTST_bad_handle}. Call it before the domain's memory is released.
     *
     * <p>XEN-DIFF: Xen keeps a dead domain's pages (a zombie domain) until its mappers unmap them;
     * Xenon revokes those mappings at once. A mapper still holding the {@link Page} keeps a
     * harmless orphan that no longer belongs to any domain.
     *
     * @return what was undone; zeros if the domain had no table
     */
    public synchronized Released release(DomId dead) {
        GrantTable t = tables.remove(dead);
        if (t == null) {
            return new Released(0, 0);
        }
        int unmapped = t.maptrack().removeIf(m -> true, m -> {
            GrantTable granter = tables.get(m.granter());
            if (granter != null) {
                granter.unpin(m.ref(), m.readonly());
            }
            t.metrics().unmapped();
        });
        int revoked = 0;
        for (GrantTable other : tables.values()) {
            revoked += other.maptrack().removeIf(m -> m.granter().equals(dead), m -> other.metrics().unmapped());
        }
        t.metrics().remove();
        return new Released(unmapped, revoked);
    }

    /** Mappings held by all domains together: the figure a leak check wants at zero. */
    public synchronized int activeMappings() {
        int n = 0;
        for (GrantTable t : tables.values()) {
            n += t.mappingsHeld();
        }
        return n;
    }

    /** Domains with a table. */
    public synchronized int size() {
        return tables.size();
    }

    private static DomId resolve(DomId caller, DomId dom) {
        return dom.value() == Xen.DOMID_SELF ? caller : dom;
    }

    /** Xen's {@code XSM_TARGET} rule for setup_table and query_size: oneself, or the control domain. */
    private GrantStatus checkTarget(DomId caller, GrantTable target) {
        if (target == null) {
            return GNTST_bad_domain;
        }
        if (!target.id().equals(caller) && !caller.equals(DomId.DOM0)) {
            return GNTST_permission_denied;
        }
        return GNTST_okay;
    }
}
