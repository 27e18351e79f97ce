package io.xenon.guests.net;

import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.MacAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The neighbour table of one interface, after Linux's {@code net/ipv4/arp.c} and
 * {@code neighbour.c}: IPv4 address to MAC, each entry valid for {@link Settings#entryTtlNanos};
 * packets to an address being resolved wait in a bounded queue ({@code unres_qlen}, the oldest
 * dropped first) while a request is sent up to {@link Settings#tries} times
 * ({@code mcast_solicit}), {@link Settings#retryNanos} apart ({@code retrans_time}); when no
 * reply comes, the waiting packets are dropped and counted.
 *
 * <p>It answers requests for the interface's own address and learns the requester, and it
 * updates an entry it already holds from any ARP packet (RFC 826's merge flag).
 *
 * <p>Confined to the guest's vCPU 0.
 */
public final class ArpCache {

    /**
     * How long entries live, how often and how many times a request is sent, and how many
     * packets may wait per address and how many addresses may be in resolution at once.
     */
    public record Settings(long entryTtlNanos, long retryNanos, int tries, int maxQueued, int maxResolving) {

        /** Linux's defaults, rounded: 60 s entries, 3 requests 1 s apart, 16 packets, 64 addresses. */
        public static final Settings DEFAULT = new Settings(60_000_000_000L, 1_000_000_000L, 3, 16, 64);

        public Settings {
            if (entryTtlNanos <= 0 || retryNanos <= 0 || tries < 1 || maxQueued < 1 || maxResolving < 1) {
                throw new IllegalArgumentException("ARP settings must be positive: " + this);
            }
        }
    }

    /** What the cache asks its interface to put on the wire. */
    interface Output {

        /** Broadcasts "who has {@code target}?". */
        void request(Ipv4Address target);

        /** Sends the IPv4 packet {@code packet} to {@code mac}. */
        void deliver(MacAddress mac, byte[] packet);

        /** Answers {@code request}, which asked for this interface's address. */
        void reply(ArpPacket request);
    }

    private record Entry(MacAddress mac, long expires) {
    }

    private static final class Resolving {
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        int sent;
        Timers.Timer retry;
    }

    private final Settings settings;
    private final Timers timers;
    private final Output out;
    private final Map<Ipv4Address, Entry> entries = new HashMap<>();
    private final Map<Ipv4Address, Resolving> resolving = new HashMap<>();
    private long unresolved;
    private long queueDrops;

    ArpCache(Settings settings, Timers timers, Output out) {
        this.settings = settings;
        this.timers = timers;
        this.out = out;
    }

    /** The MAC of {@code ip} if its entry exists and has not expired; an expired one is removed. */
    public Optional<MacAddress> lookup(Ipv4Address ip) {
        Entry e = entries.get(ip);
        if (e == null) {
            return Optional.empty();
        }
        if (timers.now() >= e.expires) {
            entries.remove(ip);
            return Optional.empty();
        }
        return Optional.of(e.mac);
    }

    /** Entries held, expired ones included until looked up. */
    public int size() {
        return entries.size();
    }

    /** Addresses whose resolution failed after every try. */
    public long unresolved() {
        return unresolved;
    }

    /** Packets dropped because their address's queue was full, or its resolution failed. */
    public long queueDrops() {
        return queueDrops;
    }

    /** Whether {@code ip} is being resolved now. */
    public boolean isResolving(Ipv4Address ip) {
        return resolving.containsKey(ip);
    }

    /**
     * Sends the IPv4 packet {@code packet} to the next hop {@code ip}: at once if its MAC is
     * known, else after resolution.
     */
    void send(Ipv4Address ip, byte[] packet) {
        Optional<MacAddress> mac = lookup(ip);
        if (mac.isPresent()) {
            out.deliver(mac.get(), packet);
            return;
        }
        Resolving r = resolving.get(ip);
        if (r == null) {
            if (resolving.size() >= settings.maxResolving) {
                queueDrops++;
                return;
            }
            r = new Resolving();
            resolving.put(ip, r);
            solicit(ip, r);
        }
        if (r.queue.size() >= settings.maxQueued) {
            r.queue.poll();
            queueDrops++;
        }
        r.queue.add(packet);
    }

    /** Starts resolving {@code ip} without a packet to send, unless it is known or already being resolved. */
    public void resolve(Ipv4Address ip) {
        if (lookup(ip).isEmpty() && !resolving.containsKey(ip) && resolving.size() < settings.maxResolving) {
            Resolving r = new Resolving();
            resolving.put(ip, r);
            solicit(ip, r);
        }
    }

    private void solicit(Ipv4Address ip, Resolving r) {
        r.sent++;
        out.request(ip);
        r.retry = timers.after(settings.retryNanos, () -> {
            if (resolving.get(ip) != r) {
                return;
            }
            if (r.sent < settings.tries) {
                solicit(ip, r);
            } else {
                resolving.remove(ip);
                unresolved++;
                queueDrops += r.queue.size();
            }
        });
    }

    /**
     * An ARP packet from the wire, {@code self} being the interface's address ({@code null}
     * before it has one). UNTRUSTED: the packet decoded, but what it claims is the sender's word;
     * only requests for {@code self} create entries, as Linux does.
     */
    void receive(ArpPacket p, Ipv4Address self) {
        if (p.senderIp().equals(Ipv4Address.ANY) || !p.senderMac().isUnicast()) {
            return;
        }
        boolean forMe = self != null && p.targetIp().equals(self);
        if (forMe || entries.containsKey(p.senderIp()) || resolving.containsKey(p.senderIp())) {
            learn(p.senderIp(), p.senderMac());
        }
        if (forMe && p.operation() == ArpPacket.REQUEST && !p.senderIp().equals(self)) {
            out.reply(p);
        }
    }

    private void learn(Ipv4Address ip, MacAddress mac) {
        entries.put(ip, new Entry(mac, timers.now() + settings.entryTtlNanos));
        Resolving r = resolving.remove(ip);
        if (r != null) {
            r.retry.cancel();
            for (byte[] packet : r.queue) {
                out.deliver(mac, packet);
            }
        }
    }

    /** Forgets every entry and every packet waiting, as when the interface's address changes. */
    void flush() {
        entries.clear();
        for (Resolving r : resolving.values()) {
            r.retry.cancel();
            queueDrops += r.queue.size();
        }
        resolving.clear();
    }
}
