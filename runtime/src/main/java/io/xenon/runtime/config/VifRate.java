package io.xenon.runtime.config;

/**
 * A vif's {@code rate=RATE/s[@INTERVAL]}, computed exactly as {@code tools/libs/util/libxlu_vif.c}
 * does it.
 *
 * <ul>
 *   <li>RATE must match {@code ^[0-9]+[GMK]?[Bb]/s$}. Its number is read as
 *       {@code strtoull(s, &end, 0)} reads it, so a leading 0 means octal, and the unit is
 *       looked for where that read stopped. It must be 1 to 2^32-1 before the unit is applied.
 *       G, M and K multiply by 10^9, 10^6 and 10^3; a {@code b} (bits) right there or one
 *       character later divides by 8.</li>
 *   <li>INTERVAL must match {@code ^[0-9]+[mu]?s?$}; its number is read the same way and must be
 *       1 to 2^32-1. A unit of {@code s} or none means seconds, {@code m} milliseconds, anything
 *       else microseconds. The result in microseconds must fit in 32 bits. Default 50 ms.</li>
 *   <li>bytes per interval = bytes per second * interval / 10^6 in unsigned 64-bit arithmetic,
 *       refused when the product would overflow. It may come out 0 (xl allows that).</li>
 * </ul>
 */
final class VifRate {

    private static final long UINT32_MAX = 0xffff_ffffL;
    private static final long DEFAULT_INTERVAL_US = 50_000;

    private VifRate() {
    }

    /** Parses a rate; a returned null is never given, errors name the rate and what is wrong. */
    static VifSpec.RateLimit parse(String rate, Position at) throws ConfigException {
        int atSign = rate.indexOf('@');
        String bytesPart = atSign < 0 ? rate : rate.substring(0, atSign);
        if (bytesPart.isEmpty()) {
            throw error(at, rate, "no rate specified: expected RATE/s or RATE/s@INTERVAL, such as 10MB/s@20ms");
        }
        if (!bytesPart.matches("[0-9]+[GMK]?[Bb]/s")) {
            throw error(at, rate, "invalid rate: expected RATE/s or RATE/s@INTERVAL, RATE being digits, an optional"
                    + " K, M or G, then B (bytes) or b (bits), such as 10MB/s@20ms");
        }
        long[] read = strtoull(bytesPart);
        long perSecond = read[0];
        if (perSecond == 0 || perSecond > UINT32_MAX) {
            throw error(at, rate, "rate overflow in " + Describe.quoted(bytesPart)
                    + ": expected a number from 1 to 4294967295 before the unit");
        }
        int p = (int) read[1];
        char unit = bytesPart.charAt(p);
        if (unit == 'G') {
            perSecond *= 1_000_000_000L;
        } else if (unit == 'M') {
            perSecond *= 1_000_000L;
        } else if (unit == 'K') {
            perSecond *= 1_000L;
        }
        if (unit == 'b' || bytesPart.charAt(p + 1) == 'b') {
            perSecond /= 8;
        }
        long intervalUs = DEFAULT_INTERVAL_US;
        if (atSign >= 0) {
            intervalUs = interval(rate.substring(atSign + 1), rate, at);
        }
        if (Long.compareUnsigned(perSecond, Long.divideUnsigned(-1L, intervalUs)) > 0) {
            throw error(at, rate, "rate overflow: bytes per interval do not fit in 64 bits");
        }
        long perInterval = Long.divideUnsigned(perSecond * intervalUs, 1_000_000L);
        return new VifSpec.RateLimit(perInterval, intervalUs);
    }

    private static long interval(String text, String rate, Position at) throws ConfigException {
        if (!text.matches("[0-9]+[mu]?s?")) {
            throw error(at, rate, "invalid replenishment interval " + Describe.quoted(text)
                    + ": expected digits and then us, ms or s, such as 20ms");
        }
        long[] read = strtoull(text);
        long value = read[0];
        if (value == 0 || value > UINT32_MAX) {
            throw error(at, rate, "replenishment interval overflow in " + Describe.quoted(text)
                    + ": expected a number from 1 to 4294967295");
        }
        int p = (int) read[1];
        char unit = p < text.length() ? text.charAt(p) : '\0';
        if (unit == 's' || unit == '\0') {
            value *= 1_000_000L;
        } else if (unit == 'm') {
            value *= 1_000L;
        }
        if (value > UINT32_MAX) {
            throw error(at, rate, "replenishment interval overflow in " + Describe.quoted(text)
                    + ": expected at most 4294967295 microseconds");
        }
        return value;
    }

    /**
     * {@code strtoull(s, &end, 0)} over leading digits only (the patterns above admit nothing
     * else there): the value, saturated just past 2^32-1, and where reading stopped.
     */
    private static long[] strtoull(String s) {
        int radix = s.length() > 1 && s.charAt(0) == '0' ? 8 : 10;
        long value = 0;
        int i = 0;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 128) {
            value = Math.min(value * radix + Character.digit(s.charAt(i), radix), UINT32_MAX + 1);
            i++;
        }
        return new long[] {value, i};
    }

    private static ConfigException error(Position at, String rate, String message) {
        return new ConfigException(at, "rate " + Describe.quoted(rate) + ": " + message);
    }
}
