package io.xenon.runtime.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed xl config source before any key gives it meaning: the ordered {@code KEY = VALUE}
 * and {@code KEY += VALUE} statements of an xl.cfg(5), xl.conf(5) or xlcpupool.cfg(5) file
 * (libxlu's {@code XLU_Config}).
 *
 * <p>As in libxlu, the last assignment to a key is the one in force, and {@code +=} joins its
 * value to the one in force before it (list to list, string to string).
 */
public final class CfgFile {

    /**
     * One statement.
     *
     * @param key      the key as written
     * @param position where the key starts
     * @param append   whether it was {@code +=} (libxl then refuses to read it as a number)
     * @param value    the value: as written in a statement from {@link #entries()}; joined to
     *                 the earlier ones by {@code +=} in the entry in force ({@link #entry})
     */
    public record Entry(String key, Position position, boolean append, CfgValue value) {
    }

    private final String source;
    private final List<Entry> entries;
    private final Map<String, Entry> inForce;

    /** {@code inForce} has one entry per key, in the order the keys first appear. */
    CfgFile(String source, List<Entry> entries, List<Entry> inForce) {
        this.source = source;
        this.entries = List.copyOf(entries);
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (Entry e : inForce) {
            byKey.put(e.key(), e);
        }
        this.inForce = Collections.unmodifiableMap(byKey);
    }

    /** The source name positions refer to (a file name, {@code <command line>}, ...). */
    public String source() {
        return source;
    }

    /** Every statement, in order, including those a later one overrides. */
    public List<Entry> entries() {
        return entries;
    }

    /** The distinct keys, in the order they first appear. */
    public List<String> keys() {
        return List.copyOf(inForce.keySet());
    }

    /** The entry in force for a key: the last statement, with what {@code +=} joined. */
    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(inForce.get(key));
    }

    /** The value in force for a key, or null if the key is not set. */
    public CfgValue get(String key) {
        Entry e = inForce.get(key);
        return e == null ? null : e.value();
    }

    public boolean contains(String key) {
        return inForce.containsKey(key);
    }

    /** The statements in force, one per key, in the order their keys first appear. */
    public List<Entry> inForce() {
        return new ArrayList<>(inForce.values());
    }
}
