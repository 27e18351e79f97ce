package io.xenon.network.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void letsThroughAnIntervalsCreditThenWaitsForTheNext() {
        RateLimit r = new RateLimit(10_000, 50 * MS, 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, r.delay(1000, i));
        }
        long wait = r.delay(1000, 10 * MS);
        assertEquals(40 * MS, wait, "the next credit comes 50 ms after the window opened");
        assertEquals(0, r.delay(1000, 50 * MS));
    }

    @Test
    void holdsTheConfiguredRateOverTime() {
        // 1 MB/s as 50,000 bytes every 50 ms; 1,500-byte frames for ten simulated seconds.
        RateLimit r = new RateLimit(50_000, 50 * MS, 0);
        long now = 0;
        long sent = 0;
        while (now < 10_000 * MS) {
            long d = r.delay(1500, now);
            if (d == 0) {
                sent += 1500;
            } else {
                now += d;
            }
        }
        double rate = sent / 10.0;
        assertTrue(Math.abs(rate - 1_000_000) < 0.02 * 1_000_000, "rate " + rate);
    }

    @Test
    void savesUnusedCreditOnlyUpToTheBurst() {
        RateLimit r = new RateLimit(1000, 50 * MS, 0);
        r.delay(1000, 0);
        // A long idle spell earns one interval's credit on top of what was left, capped at 128 KiB.
        long burst = 0;
        long now = 10_000 * MS;
        while (r.delay(1000, now) == 0) {
            burst += 1000;
        }
        assertEquals(1000, burst, "credit comes per interval, not per idle second");
        assertEquals(0, r.delay(1000, now + 50 * MS), "the next interval brings the next credit");
    }

    @Test
    void aFrameBiggerThanTheCreditStillGoesWithinTheBurstFloor() {
        RateLimit r = new RateLimit(100, 50 * MS, 0);
        long now = 0;
        long waited = 0;
        long d;
        while ((d = r.delay(1514, now)) != 0 && waited < 10_000 * MS) {
            now += d;
            waited += d;
        }
        assertEquals(0, d, "credit accumulates towards the 128 KiB floor until the frame fits");
        assertEquals(15 * 50 * MS, waited, "1,514 bytes at 100 per interval");
    }

    @Test
    void refusesANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, MS, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 0, 0));
    }
}
