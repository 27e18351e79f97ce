package io.xenon.runtime.gnttab;

import io.xenon.abi.DomId;
import io.xenon.abi.Xen;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantRef;

/**
 * The input of one {@code GNTTABOP_copy} ({@code struct gnttab_copy}): copy {@code len} bytes
 * from {@code source} to {@code dest}, each a grant reference or, for the caller's own memory
 * ({@code DOMID_SELF}), a frame number, as {@code flags} ({@code GNTCOPY_*}) say.
 *
 * <p>UNTRUSTED: every field comes from the guest; {@link GrantTables#copy} checks them all.
 *
 * @param source where the bytes come from
 * @param dest   where they go
 * @param len    bytes to copy (u16)
 * @param flags  {@code GNTCOPY_source_gref} and/or {@code GNTCOPY_dest_gref}
 */
public record GnttabCopy(Ptr source, Ptr dest, int len, int flags) {

    /**
     * One side of a copy: {@code u} is a {@code grant_ref_t} or a {@code xen_pfn_t}, in the
     * frame of {@code domid}, starting at {@code offset} (u16).
     */
    public record Ptr(long u, DomId domid, int offset) {

        /** A side named by grant reference {@code ref} of domain {@code domid}. */
        public static Ptr ofRef(GrantRef ref, DomId domid, int offset) {
            return new Ptr(ref.unsigned(), domid, offset);
        }

        /** A side in the caller's own frame {@code gfn}. */
        public static Ptr ofGfn(long gfn, int offset) {
            return new Ptr(gfn, new DomId(Xen.DOMID_SELF), offset);
        }
    }

    public boolean sourceIsGref() {
        return (flags & GnttabOp.GNTCOPY_source_gref) != 0;
    }

    public boolean destIsGref() {
        return (flags & GnttabOp.GNTCOPY_dest_gref) != 0;
    }
}
