package io.xenon.network.fabric;

import io.xenon.network.port.Port;

/**
 * How a network moves frames between its ports: the strategy each {@link io.xenon.network.NetworkMode}
 * plugs in (a learning switch, an isolating switch, a router).
 *
 * <p>Confined to the network's stream: ports come and go, and frames arrive, one at a time.
 */
public interface Fabric {

    /** {@code port} joined the network. */
    void attached(Port port);

    /** {@code port} left; nothing is forwarded to it any more. */
    void detached(Port port);

    /**
     * Forwards one frame {@code from} sent, at {@code nowNanos} ({@link System#nanoTime}).
     *
     * <p>UNTRUSTED: the frame is the endpoint's; a malformed one is dropped and counted.
     * INVARIANT: frames are never modified once sent, so one may go to several ports.
     */
    void forward(Port from, byte[] frame, long nowNanos);
}
