package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GnttabOp.GNTCOPY_dest_gref;
import static io.xenon.abi.gnttab.GnttabOp.GNTCOPY_source_gref;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_copy_arg;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_domain;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_gntref;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_page;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_okay;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_permission_denied;
import static io.xenon.abi.gnttab.Gtf.GTF_permit_access;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.gnttab.GnttabCopy.Ptr;
import io.xenon.runtime.mm.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrantCopyTest extends GrantCopyFixture {

    static final long OWN_GFN = 20;

    Page own;

    @BeforeEach
    void ownPage() {
        own = tables.table(BACK).memory().page(OWN_GFN);
    }

    GnttabCopy fromGrant(GrantRef ref, int srcOff, int dstOff, int len) {
        return new GnttabCopy(Ptr.ofRef(ref, FRONT, srcOff), Ptr.ofGfn(OWN_GFN, dstOff), len, GNTCOPY_source_gref);
    }

    GnttabCopy toGrant(GrantRef ref, int srcOff, int dstOff, int len) {
        return new GnttabCopy(Ptr.ofGfn(OWN_GFN, srcOff), Ptr.ofRef(ref, FRONT, dstOff), len, GNTCOPY_dest_gref);
    }

    @Test
    void copiesOutOfAReadonlyGrantAndIntoAWritableOne() {
        Page tx = front.memory().page(TX_GFN);
        tx.write(100, new byte[] {1, 2, 3, 4}, 0, 4);
        assertEquals(GNTST_okay, tables.copy(BACK, fromGrant(TX, 100, 4000, 4)));
        byte[] got = new byte[4];
        own.read(4000, got, 0, 4);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, got);

        assertEquals(GNTST_okay, tables.copy(BACK, toGrant(RX, 4000, 0, 4)));
        byte[] rx = new byte[4];
        front.memory().page(RX_GFN).read(0, rx, 0, 4);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, rx);
    }

    @Test
    void copyLeavesNoPinBehind() {
        tables.copy(BACK, fromGrant(TX, 0, 0, 16));
        tables.copy(BACK, toGrant(RX, 0, 0, 16));
        assertEquals(0, front.mappingsGranted());
        assertEquals(0, front.activeEntries());
        assertEquals(GTF_permit_access, front.flags(RX));
        assertTrue(front.endAccess(RX));
    }

    @Test
    void aCopyThatWouldCrossAPageIsBadCopyArg() {
        assertEquals(GNTST_okay, tables.copy(BACK, fromGrant(TX, 0, 0, Page.SIZE)));
        assertEquals(GNTST_okay, tables.copy(BACK, fromGrant(TX, Page.SIZE, 0, 0)));
        assertEquals(GNTST_bad_copy_arg, tables.copy(BACK, fromGrant(TX, 1, 0, Page.SIZE)));
        assertEquals(GNTST_bad_copy_arg, tables.copy(BACK, fromGrant(TX, 0, 4095, 2)));
        assertEquals(GNTST_bad_copy_arg, tables.copy(BACK, fromGrant(TX, 0, 0, -1)));
        assertEquals(GNTST_bad_copy_arg, tables.copy(BACK, fromGrant(TX, -4, 0, 8)));
        assertEquals(GNTST_bad_copy_arg, tables.copy(BACK, fromGrant(TX, 0x10000, 0, 0)));
        assertEquals(0, front.mappingsGranted());
    }

    @Test
    void aReadonlyGrantIsNoCopyDestination() {
        assertEquals(GNTST_permission_denied, tables.copy(BACK, toGrant(TX, 0, 0, 8)));
        assertEquals(0, front.activeEntries());
    }

    @Test
    void framesMayBeNamedOnlyForOneself() {
        GnttabCopy foreignFrame = new GnttabCopy(new Ptr(TX_GFN, FRONT, 0), Ptr.ofGfn(OWN_GFN, 0), 8, 0);
        assertEquals(GNTST_permission_denied, tables.copy(BACK, foreignFrame));
        GnttabCopy ownFrames = new GnttabCopy(Ptr.ofGfn(OWN_GFN, 0), Ptr.ofGfn(OWN_GFN + 1, 0), 8, 0);
        assertEquals(GNTST_okay, tables.copy(BACK, ownFrames));
        GnttabCopy outside = new GnttabCopy(Ptr.ofGfn(1L << 40, 0), Ptr.ofGfn(OWN_GFN, 0), 8, 0);
        assertEquals(GNTST_bad_page, tables.copy(BACK, outside));
    }

    @Test
    void grantsOfOthersAndBadRefsAndDomainsAreRefused() {
        assertEquals(GNTST_permission_denied, tables.copy(FRONT,
                new GnttabCopy(Ptr.ofRef(TX, FRONT, 0), Ptr.ofGfn(0, 0), 8, GNTCOPY_source_gref)));
        assertEquals(GNTST_bad_gntref, tables.copy(BACK, fromGrant(new GrantRef(front.nrEntries()), 0, 0, 8)));
        assertEquals(GNTST_bad_domain, tables.copy(BACK,
                new GnttabCopy(Ptr.ofRef(TX, DomId.of(77), 0), Ptr.ofGfn(0, 0), 8, GNTCOPY_source_gref)));
    }

    @Test
    void aFailedDestinationReleasesTheSource() {
        GnttabCopy both = new GnttabCopy(Ptr.ofRef(RX, FRONT, 0), Ptr.ofRef(TX, FRONT, 0), 8,
                GNTCOPY_source_gref | GNTCOPY_dest_gref);
        assertEquals(GNTST_permission_denied, tables.copy(BACK, both));
        assertEquals(0, front.mappingsGranted());
        assertEquals(GTF_permit_access, front.flags(RX));
    }
}
