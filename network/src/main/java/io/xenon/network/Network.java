package io.xenon.network;

import io.xenon.network.fabric.Fabric;
import io.xenon.network.fabric.LearningSwitch;
import io.xenon.network.fabric.RouteFabric;
import io.xenon.network.packet.Cidr;
import io.xenon.network.port.Endpoint;
import io.xenon.network.port.Port;
import io.xenon.network.port.PortHandle;
import io.xenon.network.port.PortMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One network as a Pekko Streams graph: each port's bounded queue feeds a merge hub, and the
 * fabric of the network's mode forwards what comes out to the ports' endpoints.
 *
 * <pre>
 *   port A: queue(n) --\
 *   port B: queue(n) ---&gt; MergeHub --&gt; fabric (learning switch, ...) --&gt; endpoints' queues
 *   port C: queue(n) --/
 * </pre>
 *
 * A port's joining, its frames and its leaving travel down its own queue in that order, so the
 * fabric, confined to the hub's one stream, never sees a frame from a port it does not know.
 * Every queue is bounded and drops (counting at its port) when full, and the hub takes a bounded
 * number of frames from each port at a time, so one port never blocks another.
 *
 * <p>Thread-safe: any thread may attach, send and detach.
 */
public final class Network {

    private static final Logger LOG = LoggerFactory.getLogger(Network.class);

    /** Frames the hub takes from one port before it must wait its turn. */
    private static final int PER_PORT_IN_HUB = 16;

    private sealed interface Input {
    }

    private record Joined(Port port, CompletableFuture<PortHandle> handle, PortHandle ready) implements Input {
    }

    private record Frames(Handle from, List<byte[]> frames) implements Input {
    }

    private record Left(Port port, CompletableFuture<Void> gone) implements Input {
    }

    private final NetworkSpec spec;
    private final NetworkMetrics metrics;
    private final Fabric fabric;
    private final Materializer materializer;
    private final Sink<Input, NotUsed> hub;
    private final UniqueKillSwitch killSwitch;
    private final AtomicInteger nextPort = new AtomicInteger();
    private final Map<String, Port> ports = new ConcurrentHashMap<>();

    private Network(NetworkSpec spec, Materializer materializer) {
        this.spec = spec;
        this.metrics = new NetworkMetrics(spec.name());
        this.fabric = fabric(spec, metrics);
        this.materializer = materializer;
        Pair<Sink<Input, NotUsed>, UniqueKillSwitch> run = MergeHub.of(Input.class, PER_PORT_IN_HUB)
                .viaMat(KillSwitches.single(), Keep.both())
                .to(Sink.foreach(this::handle))
                .run(materializer);
        this.hub = run.first();
        this.killSwitch = run.second();
    }

    /** Starts the network {@code spec} declares, its graph run by {@code materializer}. */
    public static Network start(NetworkSpec spec, Materializer materializer) {
        return new Network(spec, materializer);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /**
     * Plugs {@code endpoint} into a new port of this network; the handle comes once the fabric
     * has the port, so frames sent from then on reach it.
     */
    public CompletionStage<PortHandle> attach(Endpoint endpoint) {
        Port port = new Port(nextPort.incrementAndGet(), endpoint, new PortMetrics(spec.name(), endpoint.name()));
        CompletableFuture<PortHandle> joined = new CompletableFuture<>();
        CompletableFuture<BoundedSourceQueue<List<byte[]>>> queued = new CompletableFuture<>();
        CompletableFuture<Void> gone = new CompletableFuture<>();
        Handle handle = new Handle(port, queued, gone);
        queued.complete(Source.<List<byte[]>>queue(spec.portQueue())
                .<Input>map(frames -> new Frames(handle, frames))
                .prepend(Source.single(new Joined(port, joined, handle)))
                .concat(Source.lazySingle(() -> new Left(port, gone)))
                .to(hub)
                .run(materializer));
        return joined;
    }

    /** The port called {@code name} ({@code vif3.0}), if one is attached. */
    public Optional<Port> port(String name) {
        return Optional.ofNullable(ports.get(name));
    }

    /** Stops the graph; frames still queued are lost, as when a bridge is deleted. */
    public void stop() {
        killSwitch.shutdown();
        metrics.remove();
    }

    private void handle(Input input) {
        try {
            if (input instanceof Frames f) {
                f.from().taken(f.frames().size());
                Port port = f.from().port;
                long now = System.nanoTime();
                for (byte[] frame : f.frames()) {
                    port.taps().show(frame);
                    fabric.forward(port, frame, now);
                }
            } else if (input instanceof Joined j) {
                ports.put(j.port().name(), j.port());
                fabric.attached(j.port());
                j.handle().complete(j.ready());
            } else if (input instanceof Left l) {
                ports.remove(l.port().name(), l.port());
                fabric.detached(l.port());
                l.port().metrics().remove();
                l.gone().complete(null);
            }
        } catch (RuntimeException e) {
            // A fault in the fabric costs the frame, never the network.
            metrics.dropped("fabric-error");
            LOG.error("network {}: fabric failed on {}", spec.name(), input.getClass().getSimpleName(), e);
        }
    }

    private static Fabric fabric(NetworkSpec spec, NetworkMetrics metrics) {
        long ageing = spec.ageing().toNanos();
        return switch (spec.mode()) {
            case BRIDGE, HOST_ONLY, NAT -> new LearningSwitch(metrics, ageing, spec.macTableSize(), false);
            case ISOLATED -> new LearningSwitch(metrics, ageing, spec.macTableSize(), true);
            case ROUTE -> new RouteFabric(spec.name(), metrics, Cidr.parse(spec.subnet()), ageing, spec.macTableSize());
        };
    }

    private final class Handle implements PortHandle {
        private final Port port;
        private final CompletableFuture<BoundedSourceQueue<List<byte[]>>> queued;
        private final CompletableFuture<Void> gone;
        /** Frames in the port's queue: the bound is in frames, whatever the batches. */
        private final AtomicInteger waiting = new AtomicInteger();
        private volatile boolean detached;

        Handle(Port port, CompletableFuture<BoundedSourceQueue<List<byte[]>>> queued, CompletableFuture<Void> gone) {
            this.port = port;
            this.queued = queued;
            this.gone = gone;
        }

        @Override
        public String network() {
            return spec.name();
        }

        @Override
        public void send(byte[] frame) {
            sendAll(List.of(frame));
        }

        @Override
        public void sendAll(List<byte[]> frames) {
            int n = frames.size();
            if (n == 0) {
                return;
            }
            if (detached) {
                port.metrics().dropped("detached", n);
                return;
            }
            if (waiting.addAndGet(n) > spec.portQueue()) {
                waiting.addAndGet(-n);
                port.metrics().dropped("queue-full-in", n);
                return;
            }
            try {
                if (queued.join().offer(frames).isEnqueued()) {
                    long bytes = 0;
                    for (byte[] f : frames) {
                        bytes += f.length;
                    }
                    port.metrics().in(n, bytes);
                } else {
                    waiting.addAndGet(-n);
                    port.metrics().dropped("queue-full-in", n);
                }
            } catch (IllegalStateException e) {
                port.metrics().dropped("network-stopped", n);
            }
        }

        /** The network took {@code n} of this port's frames off its queue. */
        void taken(int n) {
            waiting.addAndGet(-n);
        }

        @Override
        public CompletionStage<Void> detach() {
            if (!detached) {
                detached = true;
                try {
                    queued.join().complete();
                } catch (IllegalStateException e) {
                    // The network already stopped: there is nothing to leave.
                    gone.complete(null);
                }
            }
            return gone;
        }
    }
}
