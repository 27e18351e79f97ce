package io.xenon.network.tap;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One end of an in-memory TAP or TUN link: a {@link FrameDevice} whose peer is another
 * {@code MemoryTap} instead of the host's network stack, so flows over TAP devices can be tested
 * without root (Netty's embedded channel, for frames). What one end writes, the other reads.
 *
 * <p>Each end queues at most {@code capacity} frames it has not read; a frame written to a full
 * end is dropped and counted in {@link #rxDropped()}, as a Linux TAP whose reader lags drops
 * beyond its {@code txqueuelen}. Closing either end closes both, as closing a TAP's descriptor
 * removes the interface.
 *
 * <p>Thread-safe.
 */
public final class MemoryTap implements FrameDevice {

    /** The two ends of a link: {@code device} for the code under test, {@code host} for the test. */
    public record Pair(MemoryTap device, MemoryTap host) {
    }

    /** How long a read waits before it looks at the closed flag again. */
    private static final long POLL_MILLIS = 20;

    private final String name;
    private final DeviceKind kind;
    private final int mtu;
    private final BlockingQueue<byte[]> inbox;
    private final AtomicBoolean closed;
    private final AtomicLong rxDropped = new AtomicLong();
    private MemoryTap peer;

    private MemoryTap(String name, DeviceKind kind, int mtu, int capacity, AtomicBoolean closed) {
        this.name = name;
        this.kind = kind;
        this.mtu = mtu;
        this.inbox = new ArrayBlockingQueue<>(capacity);
        this.closed = closed;
    }

    /** A new link whose ends are both called {@code name} and each queue {@code capacity} frames. */
    public static Pair pair(String name, DeviceKind kind, int mtu, int capacity) {
        AtomicBoolean closed = new AtomicBoolean();
        MemoryTap device = new MemoryTap(name, kind, mtu, capacity, closed);
        MemoryTap host = new MemoryTap(name, kind, mtu, capacity, closed);
        device.peer = host;
        host.peer = device;
        return new Pair(device, host);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeviceKind kind() {
        return kind;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        while (true) {
            byte[] frame = takeOrNull(POLL_MILLIS);
            if (frame != null) {
                int copied = Math.min(frame.length, buffer.length);
                System.arraycopy(frame, 0, buffer, 0, copied);
                return copied;
            }
            if (closed.get()) {
                return -1;
            }
        }
    }

    /** The next frame sent to this end, or null if none comes within {@code timeout}. */
    public byte[] receive(Duration timeout) {
        return takeOrNull(timeout.toMillis());
    }

    private byte[] takeOrNull(long millis) {
        try {
            return inbox.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void write(byte[] frame, int offset, int length) throws IOException {
        if (closed.get()) {
            throw new IOException(name + " is closed");
        }
        if (!peer.inbox.offer(Arrays.copyOfRange(frame, offset, offset + length))) {
            peer.rxDropped.incrementAndGet();
        }
    }

    /** Sends a whole frame to the other end. */
    public void send(byte[] frame) throws IOException {
        write(frame, 0, frame.length);
    }

    /** Frames dropped because this end's queue was full when the other end wrote them. */
    public long rxDropped() {
        return rxDropped.get();
    }

    /** Frames queued at this end and not read yet. */
    public int queued() {
        return inbox.size();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "memory " + kind + " " + name;
    }
}
