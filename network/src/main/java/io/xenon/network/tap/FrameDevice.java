package io.xenon.network.tap;

import java.io.Closeable;
import java.io.IOException;

/**
 * One end of a virtual link that carries whole frames, one per read or write, as Linux's TAP
 * and TUN devices do. The peer is the host's network stack (for {@link LinuxTun}) or another
 * in-memory end (for {@link MemoryTap}).
 *
 * <p>One thread may read while others write. {@link #close()} may be called from any thread,
 * any number of times, and makes a blocked {@link #read} return {@code -1} within a bounded
 * time.
 */
public interface FrameDevice extends Closeable {

    /** The interface name, as {@code ip link} shows it ({@code tap0}, {@code xtun3}). */
    String name();

    /** Whether frames are Ethernet frames or IP packets. */
    DeviceKind kind();

    /** The link's MTU: the longest IP packet it carries. */
    int mtu();

    /**
     * Blocks until a frame arrives or the device is closed, and copies the frame into
     * {@code buffer}. A frame longer than the buffer is cut to its length, so a caller that
     * wants to notice oversized frames passes a buffer longer than any frame it accepts.
     *
     * @return the number of bytes copied, or {@code -1} once the device is closed
     * @throws IOException if the device reported an error; the device stays open
     */
    int read(byte[] buffer) throws IOException;

    /**
     * Writes one frame of {@code length} bytes from {@code frame} at {@code offset}. Never
     * blocks for long: a device with no room drops the frame, as a NIC's full queue does.
     *
     * @throws IOException if the device refused the frame or is closed
     */
    void write(byte[] frame, int offset, int length) throws IOException;

    /** Closes the device; for a {@link LinuxTun} that is not persistent, the interface goes. */
    @Override
    void close();

    /** Whether {@link #close()} has been called (or the peer went away). */
    boolean isClosed();
}
