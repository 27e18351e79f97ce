package io.xenon.network.gateway;

import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.TcpSegment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The source-NAT session table of a nat network, as Linux's conntrack holds masquerade
 * translations: each session maps a guest's (address, port) talking to one remote (address,
 * port) onto a port of the uplink's address, found from either side. For ICMP echo the port is
 * the echo identifier and the remote port is 0.
 *
 * <p>Idle timeouts: UDP {@value #UDP_SECONDS} s, ICMP {@value #ICMP_SECONDS} s, TCP
 * {@value #TCP_ESTABLISHED_SECONDS} s once both sides have sent and neither has sent FIN or RST,
 * {@value #TCP_TRANSITORY_SECONDS} s otherwise (conntrack's {@code nf_conntrack_tcp_timeout_*} are
 * finer; these are its bounds).
 *
 * <p>INVARIANT: at most {@code capacity} sessions; a new one beyond is refused (the caller counts
 * the drop). Translated ports come from [{@value #FIRST_PORT}, {@value #FIRST_PORT} + {@value #PORTS})
 * and skip the ports forwarded to guests.
 *
 * <p>Confined to its gateway's stream.
 */
final class NatTable {

    static final int UDP_SECONDS = 60;
    static final int ICMP_SECONDS = 30;
    static final int TCP_ESTABLISHED_SECONDS = 7200;
    static final int TCP_TRANSITORY_SECONDS = 120;
    /** The first port (or ICMP identifier) translations use. */
    static final int FIRST_PORT = 20000;
    /** How many ports translations use. */
    static final int PORTS = 40000;

    /** One side's view of a session: protocol, the local port, the remote address and port. */
    private record Key(int protocol, int address, int port, int remoteAddress, int remotePort) {
    }

    /** One translation. */
    static final class Session {
        final int protocol;
        final Ipv4Address insideAddress;
        final int insidePort;
        final Ipv4Address remoteAddress;
        final int remotePort;
        final int outsidePort;
        final boolean forwarded;
        long lastSeen;
        boolean sentOut;
        boolean sentIn;
        boolean closing;

        Session(int protocol, Ipv4Address insideAddress, int insidePort, Ipv4Address remoteAddress, int remotePort,
                int outsidePort, boolean forwarded) {
            this.protocol = protocol;
            this.insideAddress = insideAddress;
            this.insidePort = insidePort;
            this.remoteAddress = remoteAddress;
            this.remotePort = remotePort;
            this.outsidePort = outsidePort;
            this.forwarded = forwarded;
        }

        private Key outKey() {
            return new Key(protocol, insideAddress.value(), insidePort, remoteAddress.value(), remotePort);
        }

        private Key inKey() {
            return new Key(protocol, 0, outsidePort, remoteAddress.value(), remotePort);
        }

        long timeoutNanos() {
            int seconds = switch (protocol) {
                case IpProtocol.UDP -> UDP_SECONDS;
                case IpProtocol.ICMP -> ICMP_SECONDS;
                default -> sentOut && sentIn && !closing ? TCP_ESTABLISHED_SECONDS : TCP_TRANSITORY_SECONDS;
            };
            return TimeUnit.SECONDS.toNanos(seconds);
        }

        /** Notes a packet, with TCP {@code flags} (0 for others), going {@code out} or in. */
        void saw(boolean out, int flags, long now) {
            lastSeen = now;
            if (out) {
                sentOut = true;
            } else {
                sentIn = true;
            }
            if ((flags & (TcpSegment.FIN | TcpSegment.RST)) != 0) {
                closing = true;
            }
        }
    }

    private final int capacity;
    private final Set<Integer> forwardedPorts;
    private final Map<Key, Session> outside = new HashMap<>();
    private final Map<Key, Session> inside = new HashMap<>();
    private final Map<Integer, Set<Integer>> used = new HashMap<>();
    private int cursor;

    /**
     * @param forwarded the ports forwarded to guests, as {@code protocol << 16 | port}
     */
    NatTable(int capacity, Set<Integer> forwarded) {
        this.capacity = capacity;
        this.forwardedPorts = Set.copyOf(forwarded);
    }

    int size() {
        return inside.size();
    }

    /** The session for a guest's packet, or null. */
    Session outbound(int protocol, Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort) {
        return inside.get(new Key(protocol, src.value(), srcPort, dst.value(), dstPort));
    }

    /** The session for a packet from the uplink to {@code dstPort} of the uplink's address, or null. */
    Session inbound(int protocol, Ipv4Address src, int srcPort, int dstPort) {
        return outside.get(new Key(protocol, 0, dstPort, src.value(), srcPort));
    }

    /**
     * A new session for a guest's packet, on a port of its own; null when the table is full or no
     * port is free.
     */
    Session open(int protocol, Ipv4Address src, int srcPort, Ipv4Address dst, int dstPort, long now) {
        if (size() >= capacity) {
            return null;
        }
        Set<Integer> ports = used.computeIfAbsent(protocol, p -> new HashSet<>());
        for (int i = 0; i < PORTS; i++) {
            int port = FIRST_PORT + (cursor + i) % PORTS;
            if (!ports.contains(port) && !forwardedPorts.contains(protocol << 16 | port)) {
                cursor = (cursor + i + 1) % PORTS;
                ports.add(port);
                return add(new Session(protocol, src, srcPort, dst, dstPort, port, false), now);
            }
        }
        return null;
    }

    /** A new session for a packet to the forwarded {@code port}, to {@code guest}'s {@code toPort}; null when full. */
    Session openForward(int protocol, Ipv4Address remote, int remotePort, int port, Ipv4Address guest, int toPort,
            long now) {
        if (size() >= capacity) {
            return null;
        }
        return add(new Session(protocol, guest, toPort, remote, remotePort, port, true), now);
    }

    private Session add(Session s, long now) {
        s.lastSeen = now;
        inside.put(s.outKey(), s);
        outside.put(s.inKey(), s);
        return s;
    }

    /** Drops sessions idle past their timeout; answers how many went. */
    int expire(long now) {
        int n = 0;
        for (Iterator<Session> it = inside.values().iterator(); it.hasNext();) {
            Session s = it.next();
            if (now - s.lastSeen > s.timeoutNanos()) {
                it.remove();
                outside.remove(s.inKey());
                if (!s.forwarded) {
                    used.get(s.protocol).remove(s.outsidePort);
                }
                n++;
            }
        }
        return n;
    }
}
