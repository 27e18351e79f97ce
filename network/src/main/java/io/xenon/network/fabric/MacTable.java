package io.xenon.network.fabric;

import io.xenon.network.NetworkMetrics;
import io.xenon.network.port.Port;
import java.util.HashMap;
import java.util.Map;

/**
 * A switch's forwarding database, as a Linux bridge's {@code fdb}: per VLAN, which port each
 * source MAC address was last seen on and when. Entries older than the ageing time are not used
 * and are swept when the table is full; a table at its bound learns nothing new, so a guest
 * flooding random source addresses cannot grow it. Its size is the network's
 * {@code xenon.network.mac.entries} gauge, set whenever it changes.
 *
 * <p>Confined to its network's stream.
 */
final class MacTable {

    private record Entry(Port port, long seenNanos) {
    }

    private final Map<Long, Entry> entries = new HashMap<>();
    private final long ageingNanos;
    private final int capacity;
    private final NetworkMetrics metrics;

    MacTable(long ageingNanos, int capacity, NetworkMetrics metrics) {
        this.ageingNanos = ageingNanos;
        this.capacity = capacity;
        this.metrics = metrics;
    }

    /**
     * Records that {@code mac} on {@code vlan} was seen on {@code port} at {@code now}.
     *
     * @return false if the table is full of live entries and {@code mac} is new
     */
    boolean learn(int vlan, long mac, Port port, long now) {
        long key = key(vlan, mac);
        Entry e = entries.get(key);
        int known = entries.size();
        if (e == null && known >= capacity) {
            sweep(now);
            if (entries.size() >= capacity) {
                sized(known);
                return false;
            }
        }
        if (e == null || e.port() != port || now - e.seenNanos() > ageingNanos / 16) {
            entries.put(key, new Entry(port, now));
        }
        sized(known);
        return true;
    }

    /** Where {@code mac} on {@code vlan} was last seen, or null if unknown or aged out. */
    Port lookup(int vlan, long mac, long now) {
        Entry e = entries.get(key(vlan, mac));
        return e == null || now - e.seenNanos() > ageingNanos ? null : e.port();
    }

    /** Forgets every address learned on {@code port}. */
    void forget(Port port) {
        int known = entries.size();
        entries.values().removeIf(e -> e.port() == port);
        sized(known);
    }

    int size() {
        return entries.size();
    }

    /** Sets the gauge if the table is no longer {@code known} entries. */
    private void sized(int known) {
        if (entries.size() != known) {
            metrics.macEntries(entries.size());
        }
    }

    private void sweep(long now) {
        entries.values().removeIf(e -> now - e.seenNanos() > ageingNanos);
    }

    private static long key(int vlan, long mac) {
        return ((long) vlan << 48) | mac;
    }
}
