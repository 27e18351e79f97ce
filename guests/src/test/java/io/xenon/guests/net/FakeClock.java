package io.xenon.guests.net;

/** A guest clock the test moves by hand, with the timers that run on it. */
final class FakeClock {

    long now = 1_000_000_000L;
    final Timers timers = new Timers(() -> now);

    /** Moves the clock on by {@code nanos} and runs what came due. */
    void advance(long nanos) {
        now += nanos;
        timers.runDue();
    }

    /** Moves the clock on by {@code millis} ms, 1 ms at a time, running timers and {@code between} each step. */
    void advanceMillis(long millis, Runnable between) {
        for (long i = 0; i < millis; i++) {
            advance(1_000_000L);
            between.run();
        }
    }
}
