/**
 * Grant tables, version 1 ({@code xen/common/grant_table.c} over
 * {@code xen/include/public/grant_table.h}): how one domain lets another map or copy its pages.
 *
 * <p>{@link io.xenon.runtime.gnttab.GrantTables} is the hypervisor's registry of every domain's
 * {@link io.xenon.runtime.gnttab.GrantTable} and carries out the operations of
 * {@code HYPERVISOR_grant_table_op}: setup_table, query_size, map_grant_ref, unmap_grant_ref and
 * copy, answering each with Xen's {@code GNTST_*} status. The shared entries live in the granting
 * domain's own pages and are written by that guest, so everything read from them is untrusted.
 * A mapping hands the mapper the very same {@link io.xenon.runtime.mm.Page} the granter owns.
 */
package io.xenon.runtime.gnttab;
