package io.xenon.network.port;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Observers of every frame through one port, both ways, as {@code tcpdump -i vif3.0} sees them:
 * what a capture writes to its pcap file. Each observer gets the frame's bytes, which it must not
 * change, and must not block.
 *
 * <p>Thread-safe.
 */
public final class PortTaps {

    private final List<Consumer<byte[]>> taps = new CopyOnWriteArrayList<>();

    /** Starts showing frames to {@code tap}. */
    public void add(Consumer<byte[]> tap) {
        taps.add(tap);
    }

    /** Stops showing frames to {@code tap}. */
    public void remove(Consumer<byte[]> tap) {
        taps.remove(tap);
    }

    /** Shows {@code frame} to every observer. */
    public void show(byte[] frame) {
        if (!taps.isEmpty()) {
            for (Consumer<byte[]> t : taps) {
                t.accept(frame);
            }
        }
    }
}
