package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_host_map;
import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_readonly;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_domain;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_handle;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_okay;
import static io.xenon.abi.gnttab.Gtf.GTF_permit_access;
import static io.xenon.abi.gnttab.Gtf.GTF_reading;
import static io.xenon.abi.gnttab.Gtf.GTF_writing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrantReleaseTest {

    static final DomId DOM0 = DomId.DOM0;
    static final DomId GUEST = DomId.of(3);
    static final DomId PEER = DomId.of(4);

    final FramePool pool = new FramePool(64 * 1024);
    GrantTables tables;
    GrantTable dom0;
    GrantTable guest;
    GrantTable peer;

    @BeforeEach
    void setUp() {
        tables = new GrantTables();
        dom0 = tables.create(DOM0, P2m.reserve(pool, 4096), 64);
        guest = tables.create(GUEST, P2m.reserve(pool, 2048), 64);
        peer = tables.create(PEER, P2m.reserve(pool, 2048), 64);
    }

    @Test
    void aDeadMappersMappingsAreUnmappedAndTheGrantersEntriesFreed() {
        GrantRef ref = new GrantRef(8);
        peer.grantAccess(ref, GUEST, 50, false);
        tables.mapGrantRef(GUEST, PEER, ref, GNTMAP_host_map);
        tables.mapGrantRef(GUEST, PEER, ref, GNTMAP_host_map | GNTMAP_readonly);
        assertEquals(GTF_permit_access | GTF_reading | GTF_writing, peer.flags(ref));

        assertEquals(new Released(2, 0), tables.release(GUEST));
        assertEquals(GTF_permit_access, peer.flags(ref));
        assertEquals(0, peer.mappingsGranted());
        assertEquals(0, peer.activeEntries());
        assertTrue(peer.endAccess(ref));
        assertEquals(0, tables.activeMappings());
        assertNull(tables.table(GUEST));
    }

    @Test
    void mappingsOthersHeldOfADeadGrantersPagesAreRevoked() {
        GrantRef ring = new GrantRef(9);
        guest.grantAccess(ring, DOM0, 60, false);
        guest.grantAccess(new GrantRef(10), PEER, 61, true);
        GrantMapping back = tables.mapGrantRef(DOM0, GUEST, ring, GNTMAP_host_map);
        tables.mapGrantRef(PEER, GUEST, new GrantRef(10), GNTMAP_host_map | GNTMAP_readonly);

        assertEquals(new Released(0, 2), tables.release(GUEST));
        assertEquals(0, dom0.mappingsHeld());
        assertEquals(0, peer.mappingsHeld());
        assertEquals(GNTST_bad_handle, tables.unmapGrantRef(DOM0, back.handle()));
        assertEquals(GNTST_bad_domain, tables.mapGrantRef(DOM0, GUEST, ring, GNTMAP_host_map).status());
        assertEquals(0, tables.activeMappings());
    }

    @Test
    void aDomainThatMappedItsOwnGrantReleasesCleanly() {
        GrantRef ref = new GrantRef(8);
        guest.grantAccess(ref, GUEST, 70, false);
        assertEquals(GNTST_okay, tables.mapGrantRef(GUEST, GUEST, ref, GNTMAP_host_map).status());
        assertEquals(new Released(1, 0), tables.release(GUEST));
        assertEquals(0, tables.activeMappings());
    }

    @Test
    void releasingAnUnknownDomainDoesNothing() {
        assertEquals(new Released(0, 0), tables.release(DomId.of(99)));
        assertEquals(3, tables.size());
    }

    @Test
    void tenThousandGrantMapUnmapReleaseCyclesLeaveNothingMapped() {
        tables.setupTable(GUEST, GUEST, 4);
        int entries = guest.nrEntries();
        for (int i = 0; i < 10_000; i++) {
            GrantRef ref = new GrantRef(8 + i % (entries - 8));
            DomId backend = DomId.of(10 + i % 7);
            GrantTable back = tables.create(backend, P2m.reserve(pool, 1024), 4);
            guest.grantAccess(ref, backend, i % 1024, i % 3 == 0);
            GrantMapping ro = tables.mapGrantRef(backend, GUEST, ref, GNTMAP_host_map | GNTMAP_readonly);
            GrantMapping rw = tables.mapGrantRef(backend, GUEST, ref, GNTMAP_host_map);
            assertEquals(GNTST_okay, ro.status());
            assertEquals(i % 3 == 0 ? 1 : 2, back.mappingsHeld());
            if (rw.status() == GNTST_okay) {
                assertEquals(GNTST_okay, tables.unmapGrantRef(backend, rw.handle()));
            }
            if (i % 2 == 0) {
                assertEquals(GNTST_okay, tables.unmapGrantRef(backend, ro.handle()));
                assertEquals(new Released(0, 0), tables.release(backend));
            } else {
                assertEquals(new Released(1, 0), tables.release(backend));
            }
            assertTrue(guest.endAccess(ref), "cycle " + i);
            back.memory().release();
        }
        assertEquals(0, tables.activeMappings());
        assertEquals(0, guest.mappingsGranted());
        assertEquals(0, guest.activeEntries());
        assertEquals(0, dom0.mappingsHeld() + peer.mappingsHeld() + guest.mappingsHeld());
        for (int r = 0; r < entries; r++) {
            assertEquals(0, guest.flags(new GrantRef(r)) & (GTF_reading | GTF_writing));
        }
    }
}
