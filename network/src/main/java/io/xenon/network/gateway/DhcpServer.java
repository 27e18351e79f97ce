package io.xenon.network.gateway;

import io.xenon.network.packet.Cidr;
import io.xenon.network.packet.DhcpLease;
import io.xenon.network.packet.DhcpMessage;
import io.xenon.network.packet.DhcpMessageType;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.MacAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The DHCP server of Domain-0's gateway (RFC 2131), as dnsmasq serves a libvirt network: one
 * lease per client MAC from a pool of the subnet, offered, then bound by a REQUEST, renewed,
 * released; the client's hostname (option 12) is remembered so port forwards can name it.
 *
 * <p>UNTRUSTED: every field comes from a guest. The client is known by {@code chaddr}, which the
 * caller has checked is the frame's source MAC; a client asking for many leases under many MACs
 * gets at most the pool (and never more than {@link #MAX_LEASES}), and each refusal is counted
 * ({@code pool-exhausted}). An offer holds
 * its address for {@link #OFFER_HOLD_SECONDS} only. Relayed messages ({@code giaddr} set) and
 * INFORM are not served.
 *
 * <p>XEN-DIFF: Xen leaves DHCP to the host's dnsmasq ({@code vif-nat} writes its config); here
 * Domain-0's gateway answers itself. The router option is given on nat networks only: a
 * host-only or isolated network has no way out, so guests get no default route, as libvirt
 * does for its isolated networks.
 *
 * <p>Confined to its gateway's stream.
 */
final class DhcpServer {

    /** How long an OFFER keeps its address for the client it was made to. */
    static final long OFFER_HOLD_SECONDS = 60;

    /** Leases and offers held at most, whatever the pool's size: a /8 pool must not cost 16 M entries. */
    static final int MAX_LEASES = 65536;

    /** A reply and where it goes. */
    record Reply(DhcpMessage message, Ipv4Address dstIp, MacAddress dstMac) {
    }

    /** One client's address: offered until bound, bound until it expires or is released. */
    static final class Lease {
        final MacAddress mac;
        final Ipv4Address ip;
        boolean bound;
        long since;
        String hostname;
        long expires;

        Lease(MacAddress mac, Ipv4Address ip) {
            this.mac = mac;
            this.ip = ip;
        }
    }

    private final Ipv4Address server;
    private final int first;
    private final int last;
    private final int leaseSeconds;
    private final DhcpLease options;
    private final GatewayMetrics metrics;
    private final Map<MacAddress, Lease> byMac = new HashMap<>();
    private final Map<Ipv4Address, Lease> byIp = new HashMap<>();
    /** Addresses a client declined (in use by someone we do not know), until when. */
    private final Map<Ipv4Address, Long> declined = new HashMap<>();

    /**
     * @param router the router option, or null for none
     */
    DhcpServer(Cidr subnet, Ipv4Address server, Ipv4Address first, Ipv4Address last, int leaseSeconds,
            Ipv4Address router, GatewayMetrics metrics) {
        this.server = server;
        this.first = first.value();
        this.last = last.value();
        this.leaseSeconds = leaseSeconds;
        this.options = new DhcpLease(server, leaseSeconds, subnet.netmask(), router, List.of(server));
        this.metrics = metrics;
    }

    /** The pool's size. */
    int poolSize() {
        return last - first + 1;
    }

    /**
     * Answers one client message from the station {@code frameSource}, or null when it takes no
     * answer or is dropped (counted).
     */
    Reply handle(DhcpMessage m, MacAddress frameSource, long now) {
        // UNTRUSTED: a guest's message; the client must speak for its own MAC.
        if (m.op() != DhcpMessage.BOOTREQUEST) {
            metrics.dropped("dhcp-not-request");
            return null;
        }
        if (!m.chaddr().equals(frameSource) || !m.chaddr().isUnicast()) {
            metrics.dropped("dhcp-chaddr-mismatch");
            return null;
        }
        if (!m.giaddr().equals(Ipv4Address.ANY)) {
            metrics.dropped("dhcp-relayed");
            return null;
        }
        DhcpMessageType type = m.type();
        metrics.dhcp(type.name().toLowerCase(Locale.ROOT));
        Reply r = switch (type) {
            case DISCOVER -> discover(m, now);
            case REQUEST -> request(m, now);
            case RELEASE -> release(m);
            case DECLINE -> decline(m, now);
            default -> {
                metrics.dropped("dhcp-unsupported");
                yield null;
            }
        };
        if (r != null) {
            metrics.dhcp(r.message().type().name().toLowerCase(Locale.ROOT));
        }
        metrics.leases(bound());
        return r;
    }

    private Reply discover(DhcpMessage m, long now) {
        Lease lease = byMac.get(m.chaddr());
        if (lease == null) {
            Ipv4Address ip = byMac.size() >= MAX_LEASES ? null
                    : m.options().requestedIp().filter(a -> free(a, now)).orElseGet(() -> firstFree(now));
            if (ip == null) {
                metrics.dropped("pool-exhausted");
                return null;
            }
            lease = new Lease(m.chaddr(), ip);
            byMac.put(lease.mac, lease);
            byIp.put(ip, lease);
        }
        if (!lease.bound) {
            lease.expires = now + TimeUnit.SECONDS.toNanos(OFFER_HOLD_SECONDS);
        }
        remember(lease, m);
        return reply(m, DhcpMessage.offer(m, lease.ip, options), lease.ip);
    }

    private Reply request(DhcpMessage m, long now) {
        Lease lease = byMac.get(m.chaddr());
        Optional<Ipv4Address> serverId = m.options().serverId();
        Optional<Ipv4Address> requested = m.options().requestedIp();
        if (serverId.isPresent() && !serverId.get().equals(server)) {
            // SELECTING another server's offer: ours is free again.
            if (lease != null && !lease.bound) {
                forget(lease);
            }
            return null;
        }
        Ipv4Address wanted = requested.orElse(m.ciaddr());
        if (lease == null && serverId.isEmpty() && byMac.size() < MAX_LEASES && free(wanted, now)) {
            // INIT-REBOOT or renewal of an address we hold no record of (Domain-0 restarted): we
            // are the only server on this network, so we take it as dnsmasq's authoritative mode does.
            lease = new Lease(m.chaddr(), wanted);
            byMac.put(lease.mac, lease);
            byIp.put(wanted, lease);
        }
        if (lease == null || !lease.ip.equals(wanted) || (!lease.bound && now - lease.expires > 0)) {
            if (lease != null && !lease.bound) {
                forget(lease);
            }
            metrics.dropped("dhcp-nak");
            return new Reply(DhcpMessage.nak(m, server), Ipv4Address.BROADCAST, MacAddress.BROADCAST);
        }
        if (!lease.bound) {
            lease.bound = true;
            lease.since = now;
        }
        lease.expires = now + TimeUnit.SECONDS.toNanos(leaseSeconds);
        remember(lease, m);
        return reply(m, DhcpMessage.ack(m, lease.ip, options), lease.ip);
    }

    private Reply release(DhcpMessage m) {
        Lease lease = byMac.get(m.chaddr());
        if (lease != null && lease.ip.equals(m.ciaddr())
                && m.options().serverId().map(server::equals).orElse(true)) {
            forget(lease);
        }
        return null;
    }

    private Reply decline(DhcpMessage m, long now) {
        Lease lease = byMac.get(m.chaddr());
        Ipv4Address ip = m.options().requestedIp().orElse(null);
        if (lease != null && lease.ip.equals(ip)) {
            forget(lease);
            declined.put(ip, now + TimeUnit.SECONDS.toNanos(leaseSeconds));
        }
        return null;
    }

    /** RFC 2131 4.1: to ciaddr when the client has one, broadcast when it asks, else to the new address. */
    private static Reply reply(DhcpMessage request, DhcpMessage reply, Ipv4Address yiaddr) {
        if (!request.ciaddr().equals(Ipv4Address.ANY)) {
            return new Reply(reply, request.ciaddr(), request.chaddr());
        }
        if ((request.flags() & DhcpMessage.FLAG_BROADCAST) != 0) {
            return new Reply(reply, Ipv4Address.BROADCAST, MacAddress.BROADCAST);
        }
        return new Reply(reply, yiaddr, request.chaddr());
    }

    private void remember(Lease lease, DhcpMessage m) {
        // UNTRUSTED: a hostname is whatever the guest says; keep printable ASCII, at most 63 characters.
        m.options().hostname().map(DhcpServer::clean).filter(h -> !h.isEmpty()).ifPresent(h -> lease.hostname = h);
    }

    private static String clean(String h) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < h.length() && s.length() < 63; i++) {
            char c = h.charAt(i);
            if (c > 0x20 && c < 0x7f) {
                s.append(c);
            }
        }
        return s.toString();
    }

    private boolean free(Ipv4Address a, long now) {
        int v = a.value();
        if (Integer.compareUnsigned(v, first) < 0 || Integer.compareUnsigned(v, last) > 0 || byIp.containsKey(a)) {
            return false;
        }
        Long until = declined.get(a);
        return until == null || now - until > 0;
    }

    private Ipv4Address firstFree(long now) {
        for (int v = first; Integer.compareUnsigned(v, last) <= 0; v++) {
            Ipv4Address a = new Ipv4Address(v);
            if (free(a, now)) {
                return a;
            }
            if (v == last) {
                break;
            }
        }
        return null;
    }

    private void forget(Lease lease) {
        byMac.remove(lease.mac);
        byIp.remove(lease.ip);
    }

    /** Drops leases and offers that have run out. */
    void expire(long now) {
        for (Iterator<Lease> it = byMac.values().iterator(); it.hasNext();) {
            Lease l = it.next();
            if (now - l.expires > 0) {
                it.remove();
                byIp.remove(l.ip);
            }
        }
        declined.values().removeIf(until -> now - until > 0);
        metrics.leases(bound());
    }

    /** Leases bound now. */
    int bound() {
        int n = 0;
        for (Lease l : byMac.values()) {
            if (l.bound) {
                n++;
            }
        }
        return n;
    }

    /** The station that holds a bound lease of {@code ip}, or null. */
    MacAddress macOf(Ipv4Address ip) {
        Lease l = byIp.get(ip);
        return l != null && l.bound ? l.mac : null;
    }

    /** The address bound to {@code mac}, or null. */
    Ipv4Address addressOf(MacAddress mac) {
        Lease l = byMac.get(mac);
        return l != null && l.bound ? l.ip : null;
    }

    /**
     * The bound lease whose client called itself {@code hostname}; the one bound first if several
     * did, so a guest that claims another's name later does not take its forwards.
     */
    Lease byHostname(String hostname) {
        Lease best = null;
        for (Lease l : byMac.values()) {
            if (l.bound && hostname.equalsIgnoreCase(l.hostname) && (best == null || l.since - best.since < 0)) {
                best = l;
            }
        }
        return best;
    }
}
