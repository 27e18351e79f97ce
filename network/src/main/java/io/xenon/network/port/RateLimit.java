package io.xenon.network.port;

/**
 * A vif's {@code rate=}: credit-based shaping as Linux netback does it ({@code tx_credit_exceeded},
 * {@code tx_add_credit}). Every interval ({@code credit_usec}) the vif gets
 * {@code credit_bytes} of credit, saved up to a burst of {@code max(credit_bytes, 128 KiB)}; a
 * frame that needs more credit than is left waits for the next interval. Nothing is dropped:
 * the guest's ring backs up, as it does under netback.
 *
 * <p>Confined to one vif's transmit stream.
 */
public final class RateLimit {

    /** netback's floor for the burst, so that one large frame always fits. */
    static final long MIN_BURST = 131_072;

    private final long creditBytes;
    private final long intervalNanos;
    private long remaining;
    private long windowStart;

    /**
     * @param creditBytes   bytes allowed per interval (libxl's {@code bytes_per_interval})
     * @param intervalNanos the interval (libxl's {@code interval_usecs}, 50 ms by default)
     * @param now           the current {@link System#nanoTime}
     */
    public RateLimit(long creditBytes, long intervalNanos, long now) {
        if (creditBytes <= 0 || intervalNanos <= 0) {
            throw new IllegalArgumentException("a rate needs positive bytes and interval");
        }
        this.creditBytes = creditBytes;
        this.intervalNanos = intervalNanos;
        this.remaining = creditBytes;
        this.windowStart = now;
    }

    /**
     * Charges a frame of {@code size} bytes if the credit allows it now.
     *
     * @return 0 if it may go (and was charged), else the nanoseconds until the next interval,
     *         when the caller asks again
     */
    public long delay(int size, long now) {
        long nextCredit = windowStart + intervalNanos;
        if (now - nextCredit >= 0) {
            windowStart = now;
            long burst = Math.max(MIN_BURST, creditBytes);
            remaining = Math.min(remaining + creditBytes, burst);
            nextCredit = now + intervalNanos;
        }
        if (size > remaining) {
            return Math.max(1, nextCredit - now);
        }
        remaining -= size;
        return 0;
    }
}
