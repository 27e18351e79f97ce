package io.xenon.drivers.blk.back;

import io.xenon.abi.DomId;
import io.xenon.abi.blkif.VbdNumber;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifSegment;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.gnttab.GrantTable;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.mm.Page;
import java.nio.file.Path;
import java.util.List;

/**
 * A host with Domain-0 and one guest, their grant tables, and helpers to fill the guest's frames
 * and build requests over them the way a front end would.
 */
final class BackFixture {

    static final VbdNumber XVDA = VbdNumber.parse("xvda");
    /** The first grant reference a guest may use (GNTTAB_NR_RESERVED_ENTRIES). */
    static final int FIRST_REF = 8;

    final Host host = new Host(128, 1);
    final GrantTables grants = new GrantTables();
    final Domain dom0;
    final Domain guest;
    final GrantTable guestTable;

    BackFixture() throws Exception {
        dom0 = host.createDom0(32, 1);
        guest = host.create(DomainConfigs.read("name = 'g'\nkernel = '/k'\nmemory = 16\n", "g.cfg", List.of()));
        grants.create(dom0);
        guestTable = grants.create(guest);
    }

    DomId front() {
        return guest.id();
    }

    BlkBackData back(Path image, long sizeBytes, boolean readwrite, BlkBackFeatures features) throws Exception {
        if (!image.toFile().exists()) {
            BlkImage.createSparse(image, sizeBytes);
        }
        return new BlkBackData(grants, DomId.DOM0, front(), XVDA, BlkImage.open(image, readwrite), features);
    }

    Page page(long gfn) {
        return guest.memory().page(gfn);
    }

    /** Fills sectors of guest frame {@code gfn} with a pattern derived from {@code seed}. */
    byte[] fill(long gfn, int seed) {
        byte[] bytes = new byte[Page.SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        page(gfn).write(0, bytes, 0, bytes.length);
        return bytes;
    }

    /** Grants guest frame {@code gfn} to Domain-0 as reference {@code FIRST_REF + gfn}. */
    GrantRef grant(long gfn, boolean readonly) {
        GrantRef ref = new GrantRef(FIRST_REF + (int) gfn);
        guestTable.grantAccess(ref, DomId.DOM0, gfn, readonly);
        return ref;
    }

    /** A whole-frame segment of guest frame {@code gfn}, granted for a read or a write. */
    BlkifSegment whole(long gfn, boolean readonly) {
        return new BlkifSegment(grant(gfn, readonly), 0, 7);
    }

    BlkifRequest.Rw rw(int op, long id, long sector, BlkifSegment... segments) {
        return new BlkifRequest.Rw(op, segments.length, 0, id, sector, List.of(segments));
    }
}
