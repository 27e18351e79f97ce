package io.xenon.drivers.net;

import java.util.function.Consumer;

/**
 * The host side of one vif, the {@code vif<domid>.<devid>} network interface Linux netback
 * creates in Domain-0 for each front end: Ethernet frames the guest sends come out through its
 * uplink, and frames handed to {@link #toGuest} go to the guest's rx ring. A bridge (or
 * {@link Vifs#connect}) plugs ports together.
 *
 * <p>Thread-safe: any thread may hand frames in.
 */
public interface VifPort {

    /** The interface name, {@code vif<domid>.<devid>}. */
    String name();

    /**
     * Queues one Ethernet frame for the guest; the queue is bounded, and a frame that finds it
     * full (or the device not connected) is dropped and counted, as a netdev's queue drops.
     */
    void toGuest(byte[] frame);

    /** Where the frames the guest sends go from now on; {@code null} drops them (no carrier). */
    void setUplink(Consumer<byte[]> fromGuest);
}
