package io.xenon.network.port;

/**
 * An endpoint's side of its port: frames it sends into the network, and leaving. Thread-safe.
 */
public interface PortHandle {

    /** The network the port belongs to. */
    String network();

    /**
     * Sends one Ethernet frame into the network without blocking. The port's queue is bounded: a
     * frame that finds it full is dropped and counted at this port, so a flooding endpoint slows
     * only itself.
     */
    void send(byte[] frame);

    /**
     * Sends frames into the network as one element of the port's queue (a transmit batch), so
     * the network's stream handles a batch at a time; dropped together if the queue is full.
     */
    void sendAll(java.util.List<byte[]> frames);

    /**
     * Leaves the network: frames already queued are forwarded, then the port is gone, which the
     * answer says (nothing reaches the endpoint after it completes).
     */
    java.util.concurrent.CompletionStage<Void> detach();
}
