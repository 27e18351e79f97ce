package io.xenon.network.port;

/**
 * A port of a network as its forwarding fabric sees it: the endpoint, its metrics, and the
 * hand-off of frames out to the endpoint.
 *
 * <p>Thread-safe; the fabric calls {@link #output} from the network's stream.
 *
 * @param id       the port's number in its network, never reused while the network lives
 * @param endpoint what is plugged in
 * @param metrics  its counters
 * @param taps     captures watching it
 */
public record Port(int id, Endpoint endpoint, PortMetrics metrics, PortTaps taps) {

    public Port(int id, Endpoint endpoint, PortMetrics metrics) {
        this(id, endpoint, metrics, new PortTaps());
    }

    public String name() {
        return endpoint.name();
    }

    public PortRole role() {
        return endpoint.role();
    }

    /** Gives {@code frame} to the endpoint, counting it, or the drop if its queue is full. */
    public void output(byte[] frame) {
        if (endpoint.deliver(frame)) {
            metrics.out(frame.length);
            taps.show(frame);
        } else {
            metrics.dropped("queue-full-out");
        }
    }
}
