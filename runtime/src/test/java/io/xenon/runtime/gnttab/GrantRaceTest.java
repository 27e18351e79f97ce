package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_host_map;
import static io.xenon.abi.gnttab.GrantStatus.GNTST_okay;
import static io.xenon.abi.gnttab.Gtf.GTF_reading;
import static io.xenon.abi.gnttab.Gtf.GTF_writing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The guest grants and revokes on its own thread while the hypervisor maps and unmaps. */
class GrantRaceTest {

    @Test
    void aGuestNeverRevokesAnEntryWhileItIsMapped() throws Exception {
        DomId back = DomId.DOM0;
        DomId guest = DomId.of(6);
        GrantRef ref = new GrantRef(8);
        FramePool pool = new FramePool(4096);
        GrantTables tables = new GrantTables();
        tables.create(back, P2m.reserve(pool, 1024), 4);
        GrantTable granter = tables.create(guest, P2m.reserve(pool, 1024), 4);

        AtomicBoolean held = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger revokedWhileHeld = new AtomicInteger();
        AtomicInteger revocations = new AtomicInteger();
        Thread guestCpu = new Thread(() -> {
            while (!stop.get()) {
                granter.grantAccess(ref, back, 42, false);
                while (!granter.endAccess(ref)) {
                    Thread.onSpinWait();
                }
                if (held.get()) {
                    revokedWhileHeld.incrementAndGet();
                }
                revocations.incrementAndGet();
            }
        });
        guestCpu.start();
        int flagsLost = 0;
        for (int i = 0; i < 20_000; i++) {
            GrantMapping m = tables.mapGrantRef(back, guest, ref, GNTMAP_host_map);
            if (m.status() == GNTST_okay) {
                held.set(true);
                if ((granter.flags(ref) & (GTF_reading | GTF_writing)) != (GTF_reading | GTF_writing)) {
                    flagsLost++;
                }
                held.set(false);
                assertEquals(GNTST_okay, tables.unmapGrantRef(back, m.handle()));
            }
        }
        stop.set(true);
        guestCpu.join();

        assertEquals(0, revokedWhileHeld.get());
        assertEquals(0, flagsLost);
        assertTrue(revocations.get() > 0, "the guest never revoked");
        assertEquals(0, tables.activeMappings());
        assertEquals(0, granter.activeEntries());
        assertEquals(0, granter.flags(ref) & (GTF_reading | GTF_writing));
    }
}
