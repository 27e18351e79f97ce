package io.xenon.guests.net;

import io.xenon.network.packet.MacAddress;

/**
 * The Ethernet link under an {@link IpStack}: one vif's netfront in a guest, an in-memory fake
 * in tests. It models the {@code net_device} a Linux stack transmits on.
 */
public interface Link {

    /** The link's own address. */
    MacAddress mac();

    /**
     * Transmits one whole Ethernet frame.
     *
     * @return false if the frame was dropped (no carrier, or the tx ring is full)
     */
    boolean send(byte[] frame);
}
