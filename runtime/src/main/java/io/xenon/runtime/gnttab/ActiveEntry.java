package io.xenon.runtime.gnttab;

import io.xenon.runtime.mm.Page;

/**
 * The hypervisor's own record of a pinned grant entry ({@code struct active_grant_entry}): who
 * holds it, which frame it resolved to when first pinned, and how many read-only and writable
 * pins (mappings and copies in progress) it has.
 *
 * <p>INVARIANT: exists only while {@code readers + writers > 0}; while it exists the shared entry
 * has {@code GTF_reading} set, and {@code GTF_writing} while {@code writers > 0}.
 */
final class ActiveEntry {

    /** The domain the entry was pinned for (the shared entry's {@code domid} at the first pin). */
    final int grantee;
    /** The granter's frame, read once at the first pin, as Xen caches {@code act->frame}. */
    final long gfn;
    final Page page;
    int readers;
    int writers;

    ActiveEntry(int grantee, long gfn, Page page) {
        this.grantee = grantee;
        this.gfn = gfn;
        this.page = page;
    }

    int pins() {
        return readers + writers;
    }
}
