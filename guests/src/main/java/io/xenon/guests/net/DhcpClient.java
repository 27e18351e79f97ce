package io.xenon.guests.net;

import io.xenon.network.packet.DhcpMessage;
import io.xenon.network.packet.DhcpMessageType;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.UdpDatagram;

/**
 * A DHCP client (RFC 2131) for one interface of an {@link IpStack}, after the state machine of
 * {@code udhcpc} and {@code dhclient}, without renewal:
 *
 * <pre>
 *   INIT --DISCOVER--> SELECTING --OFFER/REQUEST--> REQUESTING --ACK--> BOUND
 *                        |  ^                          |                  |
 *        no answer after |  +------------NAK-----------+   lease runs out |
 *        `tries` sends   v                                                v
 *                      FAILED                                 (address dropped) SELECTING
 * </pre>
 *
 * A message is sent again after a timeout that doubles from {@link Settings#firstTimeoutNanos}
 * up to {@link Settings#maxTimeoutNanos} (RFC 2131 4.1's exponential backoff, without the
 * jitter); after {@link Settings#tries} sends in one state without an answer, or that many NAKs,
 * the client gives up and tells its {@link Listener}.
 *
 * <p>XEN-DIFF: none of Xen's; against RFC 2131, the lease is honoured but never renewed (no
 * RENEWING or REBINDING): when it runs out the address is dropped and discovery starts again.
 *
 * <p>UNTRUSTED: replies are taken only with this client's xid and MAC, an OFFER only with a
 * server identifier; anything that does not decode is counted in {@link #ignored()}.
 *
 * <p>Confined to the guest's vCPU 0.
 */
public final class DhcpClient {

    /** How many sends before giving up, and the first and longest retransmission timeouts. */
    public record Settings(int tries, long firstTimeoutNanos, long maxTimeoutNanos) {

        /** Five tries, 1 s doubling to 8 s: about half a minute before giving up. */
        public static final Settings DEFAULT = new Settings(5, 1_000_000_000L, 8_000_000_000L);

        public Settings {
            if (tries < 1 || firstTimeoutNanos <= 0 || maxTimeoutNanos < firstTimeoutNanos) {
                throw new IllegalArgumentException("DHCP settings out of range: " + this);
            }
        }
    }

    /** The client's states, as RFC 2131 figure 5 names them. */
    public enum State { INIT, SELECTING, REQUESTING, BOUND, FAILED }

    /** What the client reports. */
    public interface Listener {

        /** The interface was configured with {@code config} for {@code leaseSeconds} (-1: infinite). */
        void bound(Ipv4Config config, int leaseSeconds);

        /** The client gave up after {@code sends} messages went unanswered (or were refused). */
        void failed(int sends);

        /** The lease ran out; the address is gone and discovery starts again. */
        default void expired(Ipv4Config config) {
        }
    }

    private final IpStack stack;
    private final String hostname;
    private final Settings settings;
    private final Listener listener;
    private final java.util.Random random;
    private final Ipv4Address fallbackGateway;
    private State state = State.INIT;
    private int xid;
    private int sends;
    private int naks;
    private long timeout;
    private Timers.Timer retransmit;
    private Ipv4Address offered;
    private Ipv4Address server;
    private long ignored;

    /**
     * A client for {@code stack}'s interface that sends {@code hostname} (option 12) and uses
     * {@code fallbackGateway} (may be {@code null}) if the server names no router; {@code seed}
     * picks the transaction ids.
     */
    public DhcpClient(IpStack stack, String hostname, Ipv4Address fallbackGateway, Settings settings, long seed,
            Listener listener) {
        this.stack = stack;
        this.hostname = hostname;
        this.fallbackGateway = fallbackGateway;
        this.settings = settings;
        this.listener = listener;
        this.random = new java.util.Random(seed);
        stack.bind(DhcpMessage.CLIENT_PORT, (socket, from, fromPort, payload) -> receive(fromPort, payload));
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** The current transaction id. */
    public int xid() {
        return xid;
    }

    /** Datagrams on port 68 that did not decode, or were not an answer this client waited for. */
    public long ignored() {
        return ignored;
    }

    /** Starts discovery (INIT to SELECTING). */
    public void start() {
        select();
    }

    private void select() {
        state = State.SELECTING;
        xid = random.nextInt();
        sends = 0;
        timeout = settings.firstTimeoutNanos;
        transmit();
    }

    private void transmit() {
        if (retransmit != null) {
            retransmit.cancel();
        }
        if (sends >= settings.tries) {
            state = State.FAILED;
            listener.failed(sends);
            return;
        }
        sends++;
        DhcpMessage m = state == State.SELECTING
                ? DhcpMessage.discover(xid, stack.mac(), hostname)
                : DhcpMessage.request(xid, stack.mac(), offered, server, hostname);
        stack.broadcastUdp(DhcpMessage.CLIENT_PORT, DhcpMessage.SERVER_PORT, m.encode());
        retransmit = stack.timers().after(timeout, this::transmit);
        timeout = Math.min(timeout * 2, settings.maxTimeoutNanos);
    }

    private void receive(int fromPort, byte[] payload) {
        DhcpMessage m = fromPort == DhcpMessage.SERVER_PORT
                ? DhcpMessage.decode(UdpDatagram.of(fromPort, DhcpMessage.CLIENT_PORT, payload)).orNull()
                : null;
        if (m == null || m.op() != DhcpMessage.BOOTREPLY || m.xid() != xid || !m.chaddr().equals(stack.mac())) {
            ignored++;
            return;
        }
        DhcpMessageType type = m.type();
        if (state == State.SELECTING && type == DhcpMessageType.OFFER && m.options().serverId().isPresent()
                && !m.yiaddr().equals(Ipv4Address.ANY)) {
            offered = m.yiaddr();
            server = m.options().serverId().get();
            state = State.REQUESTING;
            sends = 0;
            timeout = settings.firstTimeoutNanos;
            transmit();
        } else if (state == State.REQUESTING && type == DhcpMessageType.ACK && m.yiaddr().equals(offered)) {
            bind(m);
        } else if (state == State.REQUESTING && type == DhcpMessageType.NAK) {
            if (++naks >= settings.tries) {
                retransmit.cancel();
                state = State.FAILED;
                listener.failed(naks);
            } else {
                select();
            }
        } else {
            ignored++;
        }
    }

    private void bind(DhcpMessage ack) {
        retransmit.cancel();
        int prefix = Ipv4Config.DEFAULT_PREFIX;
        if (ack.options().subnetMask().isPresent()) {
            try {
                prefix = Ipv4Config.prefixOf(ack.options().subnetMask().get());
            } catch (IllegalArgumentException e) {
                // UNTRUSTED: a non-contiguous mask from the server; the default prefix stands.
                ignored++;
            }
        }
        Ipv4Address router = ack.options().routers().isEmpty() ? fallbackGateway : ack.options().routers().get(0);
        Ipv4Config config = new Ipv4Config(ack.yiaddr(), prefix, router, "dhcp");
        int lease = ack.options().leaseTime().orElse(-1);
        state = State.BOUND;
        naks = 0;
        stack.configure(config);
        listener.bound(config, lease);
        if (lease != -1) {
            // RFC 2132 lease times are unsigned 32-bit seconds.
            long nanos = Integer.toUnsignedLong(lease) * 1_000_000_000L;
            retransmit = stack.timers().after(nanos, () -> {
                stack.deconfigure();
                listener.expired(config);
                select();
            });
        }
    }
}
