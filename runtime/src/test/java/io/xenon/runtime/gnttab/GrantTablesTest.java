package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_contains_pte;
import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_device_map;
import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_host_map;
import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_readonly;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_domain;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_gntref;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_handle;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_page;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_general_error;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_no_space;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_okay;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_permission_denied;
import static io.xenon.abi.gnttab.Gtf.GTF_permit_access;
import static io.xenon.abi.gnttab.Gtf.GTF_readonly;
import static io.xenon.abi.gnttab.Gtf.GTF_reading;
import static io.xenon.abi.gnttab.Gtf.GTF_writing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.Xen;
import io.xenon.abi.gnttab.GrantHandle;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import io.xenon.runtime.mm.Page;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrantTablesTest {

    static final DomId DOM0 = DomId.DOM0;
    static final DomId GRANTER = DomId.of(1);
    static final DomId OTHER = DomId.of(2);
    static final DomId SELF = DomId.of(Xen.DOMID_SELF);
    static final GrantRef REF = new GrantRef(8);
    static final long GFN = 100;

    final FramePool pool = new FramePool(64 * 1024);
    GrantTables tables;
    GrantTable granter;

    @BeforeEach
    void setUp() {
        tables = new GrantTables();
        tables.create(DOM0, P2m.reserve(pool, 4096), 64);
        granter = tables.create(GRANTER, P2m.reserve(pool, 4096), 32);
        tables.create(OTHER, P2m.reserve(pool, 4096), 64);
    }

    GrantMapping map(DomId who, GrantRef ref, int flags) {
        return tables.mapGrantRef(who, GRANTER, ref, flags);
    }

    @Test
    void mappingSharesTheGrantersPageBothWays() {
        granter.grantAccess(REF, DOM0, GFN, false);
        Page own = tables.table(GRANTER).memory().page(GFN);
        own.putInt(16, 0xCAFE);
        GrantMapping m = map(DOM0, REF, GNTMAP_host_map);
        assertEquals(GNTST_okay, m.status());
        assertSame(own, m.page());
        assertEquals(0xCAFE, m.page().getInt(16));
        m.page().putInt(32, 0xF00D);
        assertEquals(0xF00D, own.getInt(32));
    }

    @Test
    void mapSetsReadingAndWritingAndUnmapClearsThem() {
        granter.grantAccess(REF, DOM0, GFN, false);
        GrantMapping rw = map(DOM0, REF, GNTMAP_host_map);
        GrantMapping ro = map(DOM0, REF, GNTMAP_host_map | GNTMAP_readonly);
        assertEquals(GTF_permit_access | GTF_reading | GTF_writing, granter.flags(REF));
        assertEquals(2, granter.mappingsGranted());

        assertEquals(GNTST_okay, tables.unmapGrantRef(DOM0, rw.handle()));
        assertEquals(GTF_permit_access | GTF_reading, granter.flags(REF));
        assertEquals(GNTST_okay, tables.unmapGrantRef(DOM0, ro.handle()));
        assertEquals(GTF_permit_access, granter.flags(REF));
        assertEquals(0, granter.mappingsGranted());
        assertEquals(0, granter.activeEntries());
    }

    @Test
    void endAccessIsRefusedWhileMappedAndWorksAfterUnmap() {
        granter.grantAccess(REF, DOM0, GFN, false);
        GrantMapping m = map(DOM0, REF, GNTMAP_host_map | GNTMAP_readonly);
        assertFalse(granter.endAccess(REF));
        assertEquals(GTF_permit_access | GTF_reading, granter.flags(REF));
        tables.unmapGrantRef(DOM0, m.handle());
        assertTrue(granter.endAccess(REF));
        assertEquals(0, granter.flags(REF));
        assertEquals(GNTST_general_error, map(DOM0, REF, GNTMAP_host_map).status());
    }

    @Test
    void readonlyGrantMapsReadonlyButRefusesAWritableMap() {
        granter.grantAccess(REF, DOM0, GFN, true);
        assertEquals(GNTST_permission_denied, map(DOM0, REF, GNTMAP_host_map).status());
        assertEquals(GTF_permit_access | GTF_readonly, granter.flags(REF));
        GrantMapping ro = map(DOM0, REF, GNTMAP_host_map | GNTMAP_readonly);
        assertEquals(GNTST_okay, ro.status());
        assertEquals(GTF_permit_access | GTF_readonly | GTF_reading, granter.flags(REF));
        assertEquals(GNTST_permission_denied, map(DOM0, REF, GNTMAP_host_map).status());
        assertEquals(1, tables.table(DOM0).mappingsHeld());
    }

    @Test
    void onlyTheNamedGranteeMaps() {
        granter.grantAccess(REF, DOM0, GFN, false);
        assertEquals(GNTST_permission_denied, map(OTHER, REF, GNTMAP_host_map).status());
        map(DOM0, REF, GNTMAP_host_map);
        assertEquals(GNTST_permission_denied, map(OTHER, REF, GNTMAP_host_map).status());
        assertEquals(0, tables.table(OTHER).mappingsHeld());
    }

    @Test
    void badRefsAreBadGntref() {
        int entries = granter.nrEntries();
        assertEquals(GNTST_bad_gntref, map(DOM0, new GrantRef(entries), GNTMAP_host_map).status());
        assertEquals(GNTST_bad_gntref, map(DOM0, new GrantRef(-1), GNTMAP_host_map).status());
        assertEquals(GNTST_bad_gntref, map(DOM0, REF, GNTMAP_readonly).status());
        assertEquals(0, tables.activeMappings());
    }

    @Test
    void invalidEntryAndPteMapsAreGeneralError() {
        assertEquals(GNTST_general_error, map(DOM0, REF, GNTMAP_host_map).status());
        granter.grantAccess(REF, DOM0, GFN, false);
        assertEquals(GNTST_general_error, map(DOM0, REF, GNTMAP_host_map | GNTMAP_contains_pte).status());
        assertEquals(GNTST_okay, map(DOM0, REF, GNTMAP_device_map).status());
    }

    @Test
    void unknownDomainIsBadDomain() {
        assertEquals(GNTST_bad_domain, tables.mapGrantRef(DOM0, DomId.of(9), REF, GNTMAP_host_map).status());
        assertEquals(GNTST_bad_domain, tables.mapGrantRef(DOM0, SELF, REF, GNTMAP_host_map).status());
        assertEquals(GNTST_bad_domain, tables.querySize(DOM0, DomId.of(9)).status());
        assertEquals(GNTST_bad_domain, tables.setupTable(DOM0, DomId.of(9), 1).status());
    }

    @Test
    void frameOutsideTheGrantersMemoryIsBadPageAndLeavesNoPin() {
        granter.grantAccess(REF, DOM0, 1L << 30, false);
        assertNull(map(DOM0, REF, GNTMAP_host_map).page());
        assertEquals(GNTST_bad_page, map(DOM0, REF, GNTMAP_host_map).status());
        assertEquals(GTF_permit_access, granter.flags(REF));
        assertEquals(0, tables.activeMappings());
        assertTrue(granter.endAccess(REF));
    }

    @Test
    void staleAndUnknownHandlesAreBadHandle() {
        granter.grantAccess(REF, DOM0, GFN, false);
        GrantMapping m = map(DOM0, REF, GNTMAP_host_map);
        assertEquals(GNTST_bad_handle, tables.unmapGrantRef(OTHER, m.handle()));
        assertEquals(GNTST_okay, tables.unmapGrantRef(DOM0, m.handle()));
        assertEquals(GNTST_bad_handle, tables.unmapGrantRef(DOM0, m.handle()));
        assertEquals(GNTST_bad_handle, tables.unmapGrantRef(DOM0, new GrantHandle(-1)));
        assertEquals(GTF_permit_access, granter.flags(REF));
    }

    @Test
    void fullMaptrackIsNoSpace() {
        GrantTables small = new GrantTables(1);
        small.create(DOM0, P2m.reserve(pool, 1024), 4);
        GrantTable g = small.create(GRANTER, P2m.reserve(pool, 1024), 4);
        g.grantAccess(REF, DOM0, GFN, false);
        for (int i = 0; i < GrantTables.MAPTRACK_PER_FRAME; i++) {
            assertEquals(GNTST_okay, small.mapGrantRef(DOM0, GRANTER, REF, GNTMAP_host_map).status());
        }
        assertEquals(GNTST_no_space, small.mapGrantRef(DOM0, GRANTER, REF, GNTMAP_host_map).status());
        assertEquals(GrantTables.MAPTRACK_PER_FRAME, g.mappingsGranted());
        small.unmapGrantRef(DOM0, new GrantHandle(7));
        assertEquals(GNTST_okay, small.mapGrantRef(DOM0, GRANTER, REF, GNTMAP_host_map).status());
    }

    @Test
    void setupTableGrowsWithinTheLimitAndHandsOutTheTopFrames() {
        assertEquals(new TableSize(GNTST_okay, 1, 32), tables.querySize(GRANTER, SELF));
        TableFrames s = tables.setupTable(GRANTER, SELF, 4);
        assertEquals(GNTST_okay, s.status());
        assertEquals(List.of(4064L, 4065L, 4066L, 4067L), s.frameList());
        assertEquals(4 * 512, granter.nrEntries());
        assertEquals(GNTST_general_error, tables.setupTable(GRANTER, SELF, 33).status());
        assertEquals(GNTST_general_error, tables.setupTable(GRANTER, SELF, -1).status());
        assertEquals(GNTST_okay, tables.setupTable(GRANTER, SELF, 2).status());
        assertEquals(new TableSize(GNTST_okay, 4, 32), tables.querySize(DOM0, GRANTER));
    }

    @Test
    void onlyDomain0SetsUpOrQueriesAnotherDomainsTable() {
        assertEquals(GNTST_permission_denied, tables.setupTable(OTHER, GRANTER, 2).status());
        assertEquals(GNTST_permission_denied, tables.querySize(OTHER, GRANTER).status());
        assertEquals(GNTST_okay, tables.setupTable(DOM0, GRANTER, 2).status());
    }

    @Test
    void guestGrantsLandInTheTableFramesOfItsOwnMemory() {
        tables.setupTable(GRANTER, SELF, 2);
        GrantRef high = new GrantRef(512 + 3);
        granter.grantAccess(high, OTHER, 0x1234, true);
        Page frame1 = tables.table(GRANTER).memory().page(granter.firstFrameGfn() + 1);
        assertEquals(GTF_permit_access | GTF_readonly, frame1.getU16(24));
        assertEquals(2, frame1.getU16(26));
        assertEquals(0x1234, frame1.getInt(28));
    }

    @Test
    void aDomainsTableTakesMaxGrantFramesFromItsConfig() throws Exception {
        DomainConfig cfg = DomainConfigs.read("name = \"g\"\nkernel = \"builtin:idle\"\nmax_grant_frames = 8\n", "test.cfg", List.of());
        Domain guest = new Domain(DomId.of(7), "g", UUID.randomUUID(), cfg, P2m.reserve(pool, 1024), 1, 0, 0);
        Domain dom0 = new Domain(DOM0, "Domain-0", new UUID(0, 0), null, P2m.reserve(pool, 1024), 1, 0, 0);
        GrantTables fresh = new GrantTables();
        assertEquals(8, fresh.create(guest).maxFrames());
        assertEquals(GrantTables.DEFAULT_MAX_GRANT_FRAMES, fresh.create(dom0).maxFrames());
        assertEquals(1024 - 8, fresh.table(DomId.of(7)).firstFrameGfn());
    }

    @Test
    void aSmallDomainGetsAtMostHalfItsMemoryAsTable() {
        assertEquals(8, new GrantTables().create(DOM0, P2m.reserve(pool, 16), 64).maxFrames());
    }

    @Test
    void newTableFramesStartEmptyEvenIfTheGuestWroteThere() {
        Page scribbled = tables.table(GRANTER).memory().page(granter.firstFrameGfn() + 1);
        scribbled.putInt(0, GTF_permit_access);
        tables.setupTable(GRANTER, SELF, 2);
        assertEquals(0, granter.flags(new GrantRef(512)));
    }
}
