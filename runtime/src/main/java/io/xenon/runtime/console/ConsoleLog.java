package io.xenon.runtime.console;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bounded log of console bytes with live listeners: what a domain printed, or what the
 * hypervisor printed ({@code xl dmesg}). When full, the oldest bytes are dropped, as Xen's
 * console ring does.
 *
 * <p>The buffer grows on demand up to its bound, so a silent domain costs a few bytes.
 * Thread-safe: writers are vCPU threads and back ends, readers are the toolstack. Listeners
 * are called under the log's lock and must only hand the chunk on.
 */
public final class ConsoleLog {

    /** Hears each chunk as it is written. Called on the writer's thread; must not block. */
    @FunctionalInterface
    public interface Listener {
        void onOutput(byte[] chunk);

        /** The console is gone (its domain died); no more output will come. */
        default void onClose() {
        }
    }

    private final int capacity;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private byte[] buf = new byte[0];
    private int start;
    private int size;
    private long written;
    private boolean closed;

    public ConsoleLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    public void write(String text) {
        write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Appends bytes, dropping the oldest when the bound is reached, and tells the listeners. */
    public void write(byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        byte[] chunk = Arrays.copyOfRange(data, offset, offset + length);
        synchronized (this) {
            written += length;
            int from = 0;
            if (length > capacity) {
                from = length - capacity;
            }
            ensure(Math.min(capacity, size + length - from));
            for (int i = from; i < length; i++) {
                if (size == buf.length) {
                    buf[start] = chunk[i];
                    start = (start + 1) % buf.length;
                } else {
                    buf[(start + size) % buf.length] = chunk[i];
                    size++;
                }
            }
            // INVARIANT: listeners hear the chunk under the lock, so subscribe() never sees it twice.
            for (Listener l : listeners) {
                l.onOutput(chunk);
            }
        }
    }

    /** The retained bytes, oldest first. */
    public synchronized byte[] snapshot() {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = buf[(start + i) % buf.length];
        }
        return out;
    }

    /** Drops the retained bytes ({@code xl dmesg -c}). */
    public synchronized void clear() {
        start = 0;
        size = 0;
    }

    /** Bytes written since creation, including those dropped. */
    public synchronized long totalWritten() {
        return written;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Adds a listener: it hears the retained history first (one chunk, if any), then every later
     * write, then {@link Listener#onClose()}; all in order, each byte exactly once. A listener
     * added after {@link #close()} hears the history and the close at once.
     */
    public void subscribe(Listener listener) {
        synchronized (this) {
            if (size > 0) {
                listener.onOutput(snapshot());
            }
            if (closed) {
                listener.onClose();
            } else {
                listeners.add(listener);
            }
        }
    }

    /** Ends the log: listeners hear {@link Listener#onClose()} and are dropped; later writes are kept but heard by none. */
    public void close() {
        synchronized (this) {
            closed = true;
            for (Listener l : listeners) {
                l.onClose();
            }
            listeners.clear();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    private void ensure(int needed) {
        if (buf.length >= needed) {
            return;
        }
        int grown = Math.min(capacity, Math.max(needed, Math.max(256, buf.length * 2)));
        byte[] bigger = new byte[grown];
        for (int i = 0; i < size; i++) {
            bigger[i] = buf[(start + i) % buf.length];
        }
        buf = bigger;
        start = 0;
    }
}
