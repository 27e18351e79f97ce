package io.xenon.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.mm.P2m;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Domain-0's balloon without an actor: a 1 GiB host whose Domain-0 boots with 512 MiB. */
class Dom0BalloonTest {

    private static final long BOOT_PAGES = 512 * 256;

    private Host host;
    private Domain dom0;
    private P2m memory;
    private long grantTop;
    private final List<String> log = new ArrayList<>();
    private Dom0Balloon balloon;

    @BeforeEach
    void boot() throws Exception {
        host = new Host(1024, 1);
        dom0 = host.createDom0(512, 1);
        memory = dom0.memory();
        grantTop = new GrantTables().create(dom0).firstFrameGfn();
        balloon = new Dom0Balloon(dom0, grantTop, log::add);
    }

    @Test
    void shrinksInBatchesToTheTargetAndGivesTheFramesToTheHost() {
        assertTrue(balloon.setTarget("262144"));
        assertTrue(balloon.turn());
        assertEquals(BOOT_PAGES - Dom0Balloon.BATCH_PAGES, memory.nrPages());

        int turns = 1 + runTurns();

        assertEquals(256 * 256, memory.nrPages());
        assertEquals(256 * 256 / Dom0Balloon.BATCH_PAGES, turns);
        assertEquals(768 * 256, host.frames().freeFrames());
        assertEquals(262144, dom0.targetKiB());
        assertEquals(262144, dom0.info().currentKiB());
    }

    @Test
    void growsBackToTheBootSize() {
        balloon.setTarget("262144");
        runTurns();

        assertTrue(balloon.setTarget("524288"));
        runTurns();

        assertEquals(BOOT_PAGES, memory.nrPages());
        assertEquals(512 * 256, host.frames().freeFrames());
        for (long gfn = 0; gfn < memory.gfnLimit(); gfn++) {
            assertTrue(memory.contains(gfn), "gfn " + gfn);
        }
    }

    @Test
    void takesFramesFromTheTopBelowTheGrantTable() {
        balloon.setTarget(Long.toString((BOOT_PAGES - 10) * 4));
        runTurns();

        for (long gfn = grantTop - 10; gfn < grantTop; gfn++) {
            assertFalse(memory.contains(gfn), "gfn " + gfn);
        }
        assertTrue(memory.contains(grantTop - 11));
        for (long gfn = grantTop; gfn < memory.gfnLimit(); gfn++) {
            assertTrue(memory.contains(gfn), "grant frame " + gfn);
        }
    }

    @Test
    void neverGivesBackATouchedFrameNorTheGrantTable() {
        long[] used = {grantTop - 1, grantTop - 700, 5, 0};
        for (long gfn : used) {
            memory.page(gfn).putInt(0, 0x5A5A5A5A);
        }

        assertTrue(balloon.setTarget("4"));
        runTurns();

        long grantFrames = memory.gfnLimit() - grantTop;
        assertEquals(used.length + grantFrames, memory.nrPages());
        for (long gfn : used) {
            assertTrue(memory.contains(gfn), "touched gfn " + gfn);
            assertEquals(0x5A5A5A5A, memory.peek(gfn).getInt(0));
        }
        assertTrue(log.get(log.size() - 1).contains("no more unused frames to give back"), log.toString());

        balloon.setTarget("524288");
        runTurns();
        assertEquals(BOOT_PAGES, memory.nrPages());
        for (long gfn : used) {
            assertEquals(0x5A5A5A5A, memory.peek(gfn).getInt(0));
        }
    }

    @Test
    void ignoresTargetsThatAreNotAPositiveNumberOfKiB() {
        for (String bad : List.of("", "   ", "abc", "-262144", "262144junk", "0x40000", "+262144", "2621\u00004",
                "0", "3", "1e6")) {
            int before = log.size();
            assertFalse(balloon.setTarget(bad), bad);
            assertFalse(balloon.turn(), bad);
            assertEquals(BOOT_PAGES, memory.nrPages(), bad);
            assertEquals(524288, dom0.targetKiB(), bad);
            assertEquals(before + 1, log.size(), bad);
            assertTrue(log.get(before).startsWith("balloon: ignoring memory/target"), log.get(before));
        }
        assertFalse(balloon.setTarget(null));

        assertTrue(balloon.setTarget(" 393216\n"));
        runTurns();
        assertEquals(384 * 256, memory.nrPages());
    }

    @Test
    void clampsATargetAboveTheMaximum() {
        balloon.setTarget("262144");
        runTurns();

        assertTrue(balloon.setTarget("99999999999999999999999999"));
        assertEquals(BOOT_PAGES, balloon.targetPages());
        assertTrue(log.get(log.size() - 2).contains("clamped to 524288 KiB"), log.toString());
        runTurns();

        assertEquals(BOOT_PAGES, memory.nrPages());
        assertEquals(524288, dom0.targetKiB());
        assertTrue(balloon.setTarget("1048576"));
        assertEquals(BOOT_PAGES, balloon.targetPages());
        assertFalse(balloon.turn());
    }

    @Test
    void stopsGrowingWhereTheHostRunsOutOfMemory() {
        balloon.setTarget("262144");
        runTurns();
        long free = host.frames().freeFrames();
        assertTrue(host.frames().tryReserve(free - 100 * 256));

        balloon.setTarget("524288");
        runTurns();

        assertEquals(356 * 256, memory.nrPages());
        assertEquals(0, host.frames().freeFrames());
        assertTrue(log.get(log.size() - 1).contains("the host has no free memory"), log.toString());
        assertFalse(balloon.turn());

        host.frames().release(free - 100 * 256, 0);
        assertTrue(balloon.setTarget("524288"));
        runTurns();
        assertEquals(BOOT_PAGES, memory.nrPages());
    }

    @Test
    void aNewBalloonFindsWhereTheLastOneLeftOff() {
        balloon.setTarget("262144");
        runTurns();

        Dom0Balloon again = new Dom0Balloon(dom0, grantTop, log::add);
        assertTrue(again.setTarget("393216"));
        runTurns(again);
        assertEquals(384 * 256, memory.nrPages());
        assertTrue(memory.contains(grantTop - 128 * 256 - 1));
        assertFalse(memory.contains(grantTop - 128 * 256));
    }

    private int runTurns() {
        return runTurns(balloon);
    }

    /** Runs turns until the balloon says it is done; how many ran, the last one included. */
    private static int runTurns(Dom0Balloon b) {
        int turns = 0;
        boolean more = true;
        while (more) {
            if (++turns > 10_000) {
                throw new AssertionError("the balloon never finished");
            }
            more = b.turn();
        }
        return turns;
    }
}
