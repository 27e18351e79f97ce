package io.xenon.guests.net;

import io.xenon.network.packet.Ipv4Address;

/**
 * A UDP socket bound to one local port of an {@link IpStack}, as {@code bind(2)} makes one:
 * datagrams to the port go to its {@link Handler}, and {@link #sendTo} sends from it.
 */
public final class UdpSocket {

    /** What receives the datagrams addressed to the socket's port. */
    @FunctionalInterface
    public interface Handler {

        /** A datagram from {@code from}:{@code fromPort} arrived; {@code payload} is a private copy. */
        void received(UdpSocket socket, Ipv4Address from, int fromPort, byte[] payload);
    }

    private final IpStack stack;
    private final int port;
    final Handler handler;
    private boolean open = true;

    UdpSocket(IpStack stack, int port, Handler handler) {
        this.stack = stack;
        this.port = port;
        this.handler = handler;
    }

    /** The local port. */
    public int port() {
        return port;
    }

    /**
     * Sends {@code payload} to {@code to}:{@code toPort}.
     *
     * @return false if it was dropped at once (closed socket, no address or route, link full);
     *     true does not mean it arrived, nor that ARP will resolve the next hop
     */
    public boolean sendTo(Ipv4Address to, int toPort, byte[] payload) {
        return open && stack.sendUdp(port, to, toPort, payload);
    }

    /** Unbinds the port. */
    public void close() {
        if (open) {
            open = false;
            stack.unbind(this);
        }
    }
}
