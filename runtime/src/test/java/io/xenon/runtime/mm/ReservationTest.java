package io.xenon.runtime.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static long[] gfns(long from, long count) {
        return LongStream.range(from, from + count).toArray();
    }

    @Test
    void decreaseReturnsFramesToThePool() {
        FramePool pool = new FramePool(1024);
        P2m p2m = P2m.reserve(pool, 512);
        assertEquals(512, pool.freeFrames());

        assertEquals(128, p2m.decreaseReservation(gfns(384, 128)));

        assertEquals(384, p2m.nrPages());
        assertEquals(640, pool.freeFrames());
        assertFalse(p2m.contains(400));
        assertTrue(p2m.contains(383));
        assertThrows(IllegalArgumentException.class, () -> p2m.page(400));
    }

    @Test
    void decreaseStopsAtTheFirstHoleAndCountsWhatItDid() {
        FramePool pool = new FramePool(1024);
        P2m p2m = P2m.reserve(pool, 512);
        p2m.decreaseReservation(new long[] {10});

        assertEquals(2, p2m.decreaseReservation(new long[] {8, 9, 10, 11}));

        assertEquals(509, p2m.nrPages());
        assertTrue(p2m.contains(11));
        assertEquals(0, p2m.decreaseReservation(new long[] {-1}));
        assertEquals(0, p2m.decreaseReservation(new long[] {512}));
    }

    @Test
    void decreasingATouchedPageFreesItsHeapAndRepopulatingGivesAZeroedPage() {
        FramePool pool = new FramePool(1024);
        P2m p2m = P2m.reserve(pool, 512);
        Page before = p2m.page(100);
        before.putInt(0, 0xCAFE);
        assertEquals(1, pool.touchedFrames());

        p2m.decreaseReservation(new long[] {100});
        assertEquals(0, pool.touchedFrames());
        assertEquals(0, p2m.touchedPages());

        assertEquals(1, p2m.populatePhysmap(new long[] {100}));
        Page after = p2m.page(100);
        assertNotSame(before, after);
        assertEquals(0, after.getInt(0));
    }

    @Test
    void populateTakesFramesForHolesUpToMaxPages() {
        FramePool pool = new FramePool(2048);
        P2m p2m = P2m.reserve(pool, 256, 1024);
        assertEquals(1024, p2m.maxPages());
        assertFalse(p2m.contains(256));

        assertEquals(768, p2m.populatePhysmap(gfns(256, 768)));

        assertEquals(1024, p2m.nrPages());
        assertEquals(1024, pool.freeFrames());
        assertTrue(p2m.contains(1023));
        assertEquals(0, p2m.populatePhysmap(new long[] {1024}), "beyond the physmap");
    }

    @Test
    void populateIsRefusedBeyondMaxPagesAndReportsWhatItDid() {
        FramePool pool = new FramePool(2048);
        P2m p2m = P2m.reserve(pool, 256, 1024);
        p2m.setMaxPages(300);

        assertEquals(44, p2m.populatePhysmap(gfns(256, 100)));

        assertEquals(300, p2m.nrPages());
        assertEquals(0, p2m.populatePhysmap(gfns(300, 1)));
        assertEquals(1748, pool.freeFrames());
    }

    @Test
    void maxBelowTheReservationStopsGrowthUntilTheDomainShrinks() {
        FramePool pool = new FramePool(2048);
        P2m p2m = P2m.reserve(pool, 512, 1024);
        p2m.setMaxPages(256);

        assertEquals(0, p2m.populatePhysmap(gfns(512, 1)));
        assertEquals(512, p2m.nrPages());

        p2m.decreaseReservation(gfns(256, 256));
        assertEquals(0, p2m.populatePhysmap(gfns(256, 1)));
        p2m.decreaseReservation(gfns(255, 1));
        assertEquals(1, p2m.populatePhysmap(gfns(255, 1)));
    }

    @Test
    void populateStopsWhenTheHostHasNoFreeFrame() {
        FramePool pool = new FramePool(600);
        P2m big = P2m.reserve(pool, 512, 1024);
        P2m other = P2m.reserve(pool, 64);
        assertEquals(24, pool.freeFrames());

        assertEquals(24, big.populatePhysmap(gfns(512, 100)));

        assertEquals(0, pool.freeFrames());
        assertEquals(536, big.nrPages());
        assertEquals(600, big.nrPages() + other.nrPages() + pool.freeFrames());
    }

    @Test
    void populateRefusesAGfnItAlreadyHolds() {
        FramePool pool = new FramePool(1024);
        P2m p2m = P2m.reserve(pool, 256, 512);

        assertEquals(0, p2m.populatePhysmap(new long[] {10, 300}));
        assertEquals(256, p2m.nrPages());
    }

    @Test
    void countsAddUpThroughBalloonCyclesAndRelease() {
        FramePool pool = new FramePool(4096);
        P2m a = P2m.reserve(pool, 1024, 2048);
        P2m b = P2m.reserve(pool, 512);
        for (int round = 0; round < 3; round++) {
            a.decreaseReservation(gfns(512, 512));
            b.decreaseReservation(gfns(256, 256));
            assertEquals(4096, a.nrPages() + b.nrPages() + pool.freeFrames());
            a.populatePhysmap(gfns(512, 1536));
            b.populatePhysmap(gfns(256, 256));
            assertEquals(4096, a.nrPages() + b.nrPages() + pool.freeFrames());
        }
        assertEquals(2048, a.nrPages());

        a.release();
        b.release();
        assertEquals(4096, pool.freeFrames());
        assertEquals(0, a.decreaseReservation(gfns(0, 1)));
        assertEquals(0, b.populatePhysmap(gfns(0, 1)));
        assertEquals(4096, pool.freeFrames());
    }
}
