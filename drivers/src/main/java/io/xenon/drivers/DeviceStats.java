package io.xenon.drivers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running totals of each live back-end device, as Linux keeps them for {@code xenstat}: a
 * vif's interface counters ({@code /proc/net/dev}) and a vbd's {@code statistics/} files. They
 * never reset, unlike Kamon's counters, which are deltas between ticks; {@code xl top} reads
 * them to show totals and rates.
 *
 * <p>One registry per JVM, as Kamon's is; a device registers when its back end comes up and
 * unregisters when it goes. Thread-safe.
 */
public final class DeviceStats {

    /** What is counted. A vif uses the first six, a vbd the last five. */
    public enum Counter {
        /** Bytes of frames the guest sent. */
        FROM_GUEST_BYTES,
        /** Frames the guest sent. */
        FROM_GUEST_FRAMES,
        /** Bytes of frames delivered to the guest. */
        TO_GUEST_BYTES,
        /** Frames delivered to the guest. */
        TO_GUEST_FRAMES,
        /** Requests refused or buffers not filled. */
        ERRORS,
        /** Frames dropped. */
        DROPS,
        /**
         * Requests that waited for back-end resources (Linux's {@code oo_req}). XEN-DIFF: Xenon's
         * blkback takes requests off the ring as its stream has room and has no pool of request
         * slots to run out of, so nothing counts this yet and it stays 0.
         */
        OO_REQS,
        /** {@code BLKIF_OP_READ} requests, direct or indirect. */
        RD_REQS,
        /** {@code BLKIF_OP_WRITE} requests, direct or indirect. */
        WR_REQS,
        /** Bytes read from the image. */
        RD_BYTES,
        /** Bytes written to the image. */
        WR_BYTES
    }

    /** A device's identity: front-end domain, {@code vif} or {@code vbd}, and its name. */
    public record Key(int domid, String kind, String name) {
    }

    /** One device's totals at one moment. */
    public record Sample(Key key, long[] values) {
        public long get(Counter c) {
            return values[c.ordinal()];
        }
    }

    /** One device's counters, written by its back end. */
    public static final class Counters {

        private final LongAdder[] values = new LongAdder[Counter.values().length];

        Counters() {
            for (int i = 0; i < values.length; i++) {
                values[i] = new LongAdder();
            }
        }

        public void add(Counter c, long n) {
            values[c.ordinal()].add(n);
        }

        long[] snapshot() {
            long[] out = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i].sum();
            }
            return out;
        }
    }

    private static final Map<Key, Counters> LIVE = new ConcurrentHashMap<>();

    private DeviceStats() {
    }

    /** New zeroed counters for a device coming up, replacing any left under the same key. */
    public static Counters open(int domid, String kind, String name) {
        Counters c = new Counters();
        LIVE.put(new Key(domid, kind, name), c);
        return c;
    }

    /** Forgets a device that went, if {@code counters} are still the ones registered for it. */
    public static void close(int domid, String kind, String name, Counters counters) {
        LIVE.remove(new Key(domid, kind, name), counters);
    }

    /** Every live device's totals, in no particular order. */
    public static List<Sample> sample() {
        List<Sample> out = new ArrayList<>();
        LIVE.forEach((k, c) -> out.add(new Sample(k, c.snapshot())));
        return out;
    }
}
