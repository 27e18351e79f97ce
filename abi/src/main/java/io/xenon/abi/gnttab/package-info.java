/**
 * Grant tables as Xen's public interface defines them ({@code xen/include/public/grant_table.h}):
 * the {@code GNTTABOP_*} operations, the {@code GTF_*} flags of a shared entry, the
 * {@code GNTMAP_*} and {@code GNTCOPY_*} flags, the {@code GNTST_*} status codes, the
 * {@code grant_entry_v1} layout, and the typed ids {@link io.xenon.abi.gnttab.GrantRef} and
 * {@link io.xenon.abi.gnttab.GrantHandle}.
 *
 * <p>Names are spelled exactly as the header spells them, lower-case parts included
 * ({@code GNTTABOP_map_grant_ref}, {@code GTF_permit_access}), so that a reader can grep Xen for
 * them. Only version 1 entries are described; the version 2 layout is not used by Xenon.
 */
package io.xenon.abi.gnttab;
