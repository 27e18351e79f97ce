package io.xenon.runtime.gnttab;

import io.xenon.abi.gnttab.GrantHandle;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.runtime.mm.Page;

/**
 * The output of {@code GNTTABOP_map_grant_ref}: {@code status}, and on success the
 * {@code handle} to unmap with and the granter's page itself (where Xen returns
 * {@code host_addr}'s new mapping and {@code dev_bus_addr}).
 *
 * <p>XEN-DIFF: a read-only mapping hands out the same writable {@link Page}; read-only is a
 * promise the mapper keeps, not a hardware protection.
 *
 * @param status {@code GNTST_okay}, or the error; then handle and page are null
 * @param handle the maptrack handle
 * @param page   the very page the granter owns; writes on either side are seen by the other
 */
public record GrantMapping(GrantStatus status, GrantHandle handle, Page page) {

    static GrantMapping failed(GrantStatus status) {
        return new GrantMapping(status, null, null);
    }
}
