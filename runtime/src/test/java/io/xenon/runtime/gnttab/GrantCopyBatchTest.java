package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_copy_arg;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_bad_domain;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_okay;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_permission_denied;
import static io.xenon.abi.gnttab.Gtf.GTF_permit_access;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import org.junit.jupiter.api.Test;

class GrantCopyBatchTest extends GrantCopyFixture {

    @Test
    void copiesEachWayAndLeavesNoPinBehind() {
        front.memory().page(TX_GFN).write(100, new byte[] {1, 2, 3, 4}, 0, 4);
        byte[] out = new byte[8];
        GrantCopyBatch batch = new GrantCopyBatch();
        batch.fromGrant(FRONT, TX.value(), 100, out, 2, 4);
        batch.toGrant(FRONT, RX.value(), 50, new byte[] {9, 8, 7}, 0, 3);
        assertNull(batch.status(0));
        tables.copyBatch(BACK, batch);
        assertEquals(GNTST_okay, batch.status(0));
        assertEquals(GNTST_okay, batch.status(1));
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4, 0, 0}, out);
        byte[] rx = new byte[3];
        front.memory().page(RX_GFN).read(50, rx, 0, 3);
        assertArrayEquals(new byte[] {9, 8, 7}, rx);
        assertEquals(0, front.activeEntries());
        assertEquals(GTF_permit_access, front.flags(RX));
        assertTrue(front.endAccess(RX));
    }

    @Test
    void aRefusedCopyHasItsOwnStatusAndTheOthersStillHappen() {
        front.memory().page(TX_GFN).write(0, new byte[] {42}, 0, 1);
        byte[] out = new byte[1];
        GrantCopyBatch batch = new GrantCopyBatch();
        batch.toGrant(FRONT, TX.value(), 0, new byte[1], 0, 1);
        batch.fromGrant(FRONT, RX.value() + 20, 0, new byte[1], 0, 1);
        batch.fromGrant(FRONT, TX.value(), 4095, new byte[2], 0, 2);
        batch.fromGrant(FRONT, TX.value(), 0, new byte[1], 1, 1);
        batch.fromGrant(DomId.of(77), TX.value(), 0, new byte[1], 0, 1);
        batch.fromGrant(FRONT, TX.value(), 0, out, 0, 1);
        tables.copyBatch(BACK, batch);
        assertEquals(GNTST_permission_denied, batch.status(0));
        assertTrue(batch.status(1) != GNTST_okay);
        assertEquals(GNTST_bad_copy_arg, batch.status(2));
        assertEquals(GNTST_bad_copy_arg, batch.status(3));
        assertEquals(GNTST_bad_domain, batch.status(4));
        assertEquals(GNTST_okay, batch.status(5));
        assertEquals(42, out[0]);
        assertEquals(0, front.activeEntries());
    }

    @Test
    void aGrantAlsoMappedIsCopiedThroughItsPinAndKeepsTheMapping() {
        GrantMapping m = tables.mapGrantRef(BACK, FRONT, RX, io.xenon.abi.gnttab.GnttabOp.GNTMAP_host_map);
        assertEquals(GNTST_okay, m.status());
        GrantCopyBatch batch = new GrantCopyBatch();
        batch.toGrant(FRONT, RX.value(), 0, new byte[] {5}, 0, 1);
        tables.copyBatch(BACK, batch);
        assertEquals(GNTST_okay, batch.status(0));
        assertEquals(5, m.page().bytes()[0]);
        assertEquals(1, front.activeEntries());
        assertEquals(GNTST_okay, tables.unmapGrantRef(BACK, m.handle()));
        assertEquals(GTF_permit_access, front.flags(RX));
    }

    @Test
    void aClearedBatchIsReusedAndGrowsPastItsFirstArrays() {
        GrantCopyBatch batch = new GrantCopyBatch();
        byte[] out = new byte[100];
        for (int i = 0; i < 100; i++) {
            batch.fromGrant(FRONT, TX.value(), i, out, i, 1);
        }
        tables.copyBatch(BACK, batch);
        assertEquals(100, batch.size());
        assertEquals(GNTST_okay, batch.status(99));
        batch.clear();
        assertEquals(0, batch.size());
    }
}
