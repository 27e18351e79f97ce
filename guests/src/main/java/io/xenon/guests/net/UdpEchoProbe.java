package io.xenon.guests.net;

import io.xenon.network.packet.Ipv4Address;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A UDP echo client (RFC 862): {@code count} numbered datagrams of {@code size} bytes to a
 * target's echo port, {@code interval} apart, from an ephemeral port, counting those that come
 * back unchanged within {@code timeout} of being sent. When each is answered or timed out it
 * prints one line, e.g. {@code udp echo 10.77.0.2:7: 20 sent, 20 echoed, 0 lost}.
 *
 * <p>UNTRUSTED: an echo counts only from the target's port, for a number sent and not yet
 * settled, with the bytes sent; the rest are counted in {@link #ignored()}.
 *
 * <p>Confined to the guest's vCPU 0.
 */
public final class UdpEchoProbe {

    /** The first port of Linux's ephemeral range ({@code ip_local_port_range}). */
    public static final int EPHEMERAL_PORT = 32768;

    private final IpStack stack;
    private final PingSession.Settings settings;
    private final int port;
    private final Consumer<String> out;
    private final byte[][] sent;
    private final boolean[] settled;
    private UdpSocket socket;
    private int transmitted;
    private int echoed;
    private int settledCount;
    private long ignored;
    private boolean done;

    /** Sends to {@code settings.target()}:{@code port}, with {@code settings}' count, interval, size and timeout. */
    public UdpEchoProbe(IpStack stack, PingSession.Settings settings, int port, Consumer<String> out) {
        this.stack = stack;
        this.settings = settings;
        this.port = port;
        this.out = out;
        this.sent = new byte[settings.count()][];
        this.settled = new boolean[settings.count()];
    }

    /** Binds the ephemeral port and sends the first datagram. */
    public void start() {
        socket = stack.bind(EPHEMERAL_PORT, (s, from, fromPort, payload) -> echo(from, fromPort, payload));
        send();
    }

    /** Whether every datagram was echoed or timed out. */
    public boolean done() {
        return done;
    }

    /** Datagrams echoed unchanged and in time. */
    public int echoed() {
        return echoed;
    }

    /** Datagrams that were not a pending echo from the target. */
    public long ignored() {
        return ignored;
    }

    private void send() {
        int seq = transmitted++;
        byte[] payload = new byte[Math.max(4, settings.size())];
        ByteBuffer.wrap(payload).putInt(seq);
        for (int i = 4; i < payload.length; i++) {
            payload[i] = (byte) (seq + i);
        }
        sent[seq] = payload;
        socket.sendTo(settings.target(), port, payload);
        stack.timers().after(settings.timeoutNanos(), () -> settle(seq));
        if (transmitted < settings.count()) {
            stack.timers().after(settings.intervalNanos(), this::send);
        }
    }

    private void echo(Ipv4Address from, int fromPort, byte[] payload) {
        int seq = payload.length >= 4 ? ByteBuffer.wrap(payload).getInt() : -1;
        if (!from.equals(settings.target()) || fromPort != port || seq < 0 || seq >= transmitted || settled[seq]
                || !java.util.Arrays.equals(payload, sent[seq])) {
            ignored++;
            return;
        }
        echoed++;
        settle(seq);
    }

    private void settle(int seq) {
        if (settled[seq]) {
            return;
        }
        settled[seq] = true;
        if (++settledCount == settings.count()) {
            done = true;
            socket.close();
            out.accept("udp echo " + settings.target() + ":" + port + ": " + transmitted + " sent, " + echoed
                    + " echoed, " + (transmitted - echoed) + " lost");
        }
    }
}
