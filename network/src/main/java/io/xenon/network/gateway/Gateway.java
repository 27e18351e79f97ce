package io.xenon.network.gateway;

import io.xenon.network.Network;
import io.xenon.network.NetworkSpec;
import io.xenon.network.fabric.RouteListener;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.port.Endpoint;
import io.xenon.network.port.PortHandle;
import io.xenon.network.port.PortRole;
import io.xenon.network.tap.FrameDevice;
import io.xenon.network.tap.TapFlow;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Domain-0's side of a nat, route, host-only or isolated network with a subnet: a host-side port
 * at the subnet's first host ({@code .1}) with a fixed MAC, answering ARP and ping, serving DHCP,
 * and on a nat network translating guests' traffic to its uplink, as a Xen host's {@code vif-nat}
 * script sets up Domain-0 (an address on the vif, dnsmasq, iptables masquerade). On a route
 * network it serves no DHCP and routes instead, as {@code vif-route} sets Domain-0 up: a /32 per
 * vif address (which the {@link io.xenon.network.fabric.RouteFabric} tells it of), proxy ARP, and
 * forwarding to its uplink without translation.
 *
 * <pre>
 *   network port --deliver--&gt; inbox(n) --\
 *   uplink device --TapFlow-------------&gt; merge --&gt; GatewayCore --&gt; PortHandle.send (network)
 *   tick (1 s) -------------------------/                      \--&gt; queue(n) --&gt; TapFlow (uplink)
 * </pre>
 *
 * <p>Everything the gateway knows is confined to one stream: {@link #deliver} only offers the frame
 * to a bounded inbox (refusing it when full, which the network counts at this port), so the
 * network's stream never waits on it, and frames from the uplink join the same inbox.
 *
 * <p>Thread-safe.
 */
public final class Gateway implements Endpoint, RouteListener {

    private static final Duration TICK = Duration.ofSeconds(1);

    private sealed interface In {
    }

    private record FromNetwork(byte[] frame) implements In {
    }

    private record FromUplink(byte[] bytes) implements In {
    }

    private record Register(String domain, MacAddress mac) implements In {
    }

    private record Tick() implements In {
    }

    private record RouteChange(String port, List<Ipv4Address> addresses, boolean routed) {
    }

    private final String name;
    private final GatewayMetrics metrics;
    private final FrameDevice uplink;
    private final GatewayCore core;
    private final BoundedSourceQueue<In> inbox;
    private final BoundedSourceQueue<byte[]> toUplink;
    /*
     * ORDERING: the fabric adds a vif's routes before it hands the gateway any frame of the vif,
     * and handle() applies every route change queued here before the frame it was called for, so
     * a vif's routes are in place before its first frame. Not bounded by the inbox, so no route is
     * lost to a full one: it holds at most two changes per vif.
     */
    private final Queue<RouteChange> routeChanges = new ConcurrentLinkedQueue<>();
    private volatile PortHandle port;

    private Gateway(NetworkSpec spec, FrameDevice uplink, Materializer materializer) {
        this.name = spec.name();
        this.metrics = new GatewayMetrics(spec.name());
        this.uplink = uplink;
        int queue = spec.portQueue();
        this.core = new GatewayCore(spec, metrics, uplink == null ? null : uplink.kind(), this::toNetwork,
                this::toUplink);
        this.inbox = Source.<In>queue(queue)
                .merge(Source.tick(TICK, TICK, (In) new Tick()), true)
                .to(Sink.foreach(this::handle))
                .run(materializer);
        this.toUplink = uplink == null ? null : Source.<byte[]>queue(queue)
                .via(TapFlow.create(uplink, queue))
                .to(Sink.foreach(b -> offer(new FromUplink(b))))
                .run(materializer);
    }

    /**
     * Starts the gateway of {@code network} (whose spec {@link NetworkSpec#hasGateway() has one})
     * and plugs it in; {@code uplink} is a nat or route network's TUN or TAP device, or null. The device is
     * closed when the gateway stops.
     */
    public static CompletionStage<Gateway> start(Network network, FrameDevice uplink, Materializer materializer) {
        if (!network.spec().hasGateway()) {
            throw new IllegalArgumentException("network " + network.spec().name()
                    + " has no gateway: it needs a subnet and mode nat, route, host-only or isolated");
        }
        Gateway g = new Gateway(network.spec(), uplink, materializer);
        return network.attach(g).thenApply(handle -> {
            g.port = handle;
            return g;
        });
    }

    /** The gateway's address: the subnet's first host. */
    public Ipv4Address address() {
        return core.address();
    }

    /** The gateway's MAC on the network. */
    public MacAddress mac() {
        return core.mac();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Names the guest whose vif has {@code guestMac} {@code domain}, as the toolstack knows it; port
     * forwards to {@code domain} then reach that guest whatever hostname it gives DHCP.
     */
    public void register(String domain, MacAddress guestMac) {
        offer(new Register(domain, guestMac));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PortRole role() {
        return PortRole.HOST;
    }

    @Override
    public void routed(String port, List<Ipv4Address> addresses) {
        routeChanges.add(new RouteChange(port, addresses, true));
    }

    @Override
    public void unrouted(String port, List<Ipv4Address> addresses) {
        routeChanges.add(new RouteChange(port, addresses, false));
    }

    @Override
    public boolean deliver(byte[] frame) {
        return inbox.offer(new FromNetwork(frame)).isEnqueued();
    }

    /** Leaves the network, stops the gateway and closes the uplink. */
    public void stop() {
        PortHandle p = port;
        if (p != null) {
            p.detach();
        }
        inbox.complete();
        if (toUplink != null) {
            toUplink.complete();
        }
        if (uplink != null) {
            uplink.close();
        }
        metrics.remove();
    }

    private void offer(In in) {
        if (!inbox.offer(in).isEnqueued()) {
            metrics.dropped("queue-full");
        }
    }

    private void handle(In in) {
        long now = System.nanoTime();
        for (RouteChange c = routeChanges.poll(); c != null; c = routeChanges.poll()) {
            if (c.routed()) {
                core.routed(c.port(), c.addresses());
            } else {
                core.unrouted(c.port(), c.addresses());
            }
        }
        if (in instanceof FromNetwork f) {
            core.fromNetwork(f.frame(), now);
        } else if (in instanceof FromUplink u) {
            core.fromUplink(u.bytes(), now);
        } else if (in instanceof Register r) {
            core.register(r.domain(), r.mac());
        } else {
            core.tick(now);
        }
    }

    private void toNetwork(byte[] frame) {
        PortHandle p = port;
        if (p == null) {
            metrics.dropped("not-attached");
        } else {
            p.send(frame);
        }
    }

    private void toUplink(byte[] bytes) {
        if (toUplink == null || !toUplink.offer(bytes).isEnqueued()) {
            metrics.dropped("uplink-queue-full");
        }
    }
}
