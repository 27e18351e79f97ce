package io.xenon.network.gateway;

import io.xenon.network.packet.Malformed;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * The metrics of Domain-0's gateway on one network, tagged {@code network}: DHCP leases bound, NAT
 * sessions and routes held (gauges), translations by direction, packets routed by where to, DHCP
 * messages by type, packets dropped by reason, and malformed input by {@link Malformed} reason.
 *
 * <p>Thread-safe (Kamon's instruments are); the gauges' last values are kept for readers.
 */
public final class GatewayMetrics {

    private static final Metric.Gauge LEASES = Kamon.gauge("xenon.network.dhcp.leases",
            "DHCP leases a network's gateway has bound");
    private static final Metric.Gauge SESSIONS = Kamon.gauge("xenon.network.nat.sessions",
            "NAT sessions a network's gateway holds");
    private static final Metric.Counter TRANSLATIONS = Kamon.counter("xenon.network.nat.translations",
            "packets a network's gateway translated, by direction (out to the uplink, in to a guest)");
    private static final Metric.Gauge ROUTES = Kamon.gauge("xenon.network.routes",
            "/32 routes to vifs a route network's gateway holds");
    private static final Metric.Counter ROUTED = Kamon.counter("xenon.network.route.packets",
            "packets a route network's gateway routed, by where to (guest, uplink)");
    private static final Metric.Counter DHCP = Kamon.counter("xenon.network.dhcp.messages",
            "DHCP messages a network's gateway answered or took, by type");
    private static final Metric.Counter DROPS = Kamon.counter("xenon.network.gateway.drops",
            "packets a network's gateway dropped, by reason");
    private static final Metric.Counter MALFORMED = Kamon.counter("xenon.network.gateway.malformed",
            "malformed packets a network's gateway dropped, by reason");

    private final TagSet tags;
    private final Gauge leases;
    private final Gauge sessions;
    private final Counter outbound;
    private final Counter inbound;
    private final AtomicInteger leaseCount = new AtomicInteger();
    private final AtomicInteger sessionCount = new AtomicInteger();
    private final AtomicInteger routeCount = new AtomicInteger();
    private final Map<String, Counter> routed = new ConcurrentHashMap<>();
    private final Map<String, Counter> drops = new ConcurrentHashMap<>();
    private final Map<String, Counter> dhcp = new ConcurrentHashMap<>();
    private final Map<Malformed, Counter> malformed = new ConcurrentHashMap<>();

    public GatewayMetrics(String network) {
        this.tags = TagSet.of("network", network);
        this.leases = LEASES.withTags(tags);
        this.sessions = SESSIONS.withTags(tags);
        this.outbound = TRANSLATIONS.withTags(tags.withTag("direction", "out"));
        this.inbound = TRANSLATIONS.withTags(tags.withTag("direction", "in"));
    }

    /** The network's tags, for tests and exporters. */
    public TagSet tags() {
        return tags;
    }

    void leases(int n) {
        leaseCount.set(n);
        leases.update(n);
    }

    void sessions(int n) {
        sessionCount.set(n);
        sessions.update(n);
    }

    /** The leases bound when last counted. */
    public int leases() {
        return leaseCount.get();
    }

    /** The NAT sessions held when last counted. */
    public int sessions() {
        return sessionCount.get();
    }

    void routes(int n) {
        routeCount.set(n);
        ROUTES.withTags(tags).update(n);
    }

    /** The routes held when last counted. */
    public int routes() {
        return routeCount.get();
    }

    /** A packet routed {@code to} a {@code guest} or the {@code uplink}. */
    void routed(String to) {
        routed.computeIfAbsent(to, t -> ROUTED.withTags(tags.withTag("to", t))).increment();
    }

    void translatedOut() {
        outbound.increment();
    }

    void translatedIn() {
        inbound.increment();
    }

    /** A DHCP message of {@code type} taken or sent ({@code discover}, {@code ack}, ...). */
    void dhcp(String type) {
        dhcp.computeIfAbsent(type, t -> DHCP.withTags(tags.withTag("type", t))).increment();
    }

    /** A packet dropped; {@code reason} is one of a fixed set of words. */
    void dropped(String reason) {
        drops.computeIfAbsent(reason, r -> DROPS.withTags(tags.withTag("reason", r))).increment();
    }

    /** Malformed input dropped. */
    void malformed(Malformed reason) {
        malformed.computeIfAbsent(reason, r -> MALFORMED.withTags(tags.withTag("reason", r.name()))).increment();
    }

    /** Removes the network's series. */
    public void remove() {
        LEASES.remove(tags);
        SESSIONS.remove(tags);
        ROUTES.remove(tags);
        routed.keySet().forEach(t -> ROUTED.remove(tags.withTag("to", t)));
        TRANSLATIONS.remove(tags.withTag("direction", "out"));
        TRANSLATIONS.remove(tags.withTag("direction", "in"));
        drops.keySet().forEach(r -> DROPS.remove(tags.withTag("reason", r)));
        dhcp.keySet().forEach(t -> DHCP.remove(tags.withTag("type", t)));
        malformed.keySet().forEach(r -> MALFORMED.remove(tags.withTag("reason", r.name())));
    }
}
