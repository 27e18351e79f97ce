package io.xenon.drivers.blk.back;

import io.xenon.abi.DomId;
import io.xenon.abi.blkif.Blkif;
import io.xenon.abi.blkif.BlkifStructs;
import io.xenon.abi.blkif.VbdNumber;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.abi.xenbus.XenbusState;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.backend.BackendDevice;
import io.xenon.actors.backend.BackendDriver;
import io.xenon.actors.xenstore.XsClient;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifResponse;
import io.xenon.drivers.ring.BackRing;
import io.xenon.drivers.ring.RingEvents;
import io.xenon.drivers.ring.RingMetrics;
import io.xenon.drivers.ring.RingSink;
import io.xenon.drivers.ring.RingSource;
import io.xenon.drivers.ring.SharedRing;
import io.xenon.runtime.gnttab.GrantMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;

/**
 * blkback for one vbd, as a Domain-0 back-end actor ({@code vbd-<domid>-<devid>}): the XenBus
 * handshake of blkif.h (InitWait with its features; on the front end's Initialised, map the
 * ring and bind its event channel, publish the disk's size and switch to Connected; Closing and
 * Closed on detach), and the data path as a stream: requests from the ring, each processed by
 * {@link BlkBackData} in the stream itself, which runs on the blocking-I/O dispatcher, responses
 * back onto the ring.
 *
 * <p>A front end that breaks its ring (an index no honest peer writes) breaks only this device:
 * the stream stops and the back end moves to Closing.
 */
public final class BlkBackend implements BackendDriver {

    @Override
    public String kind() {
        return "vbd";
    }

    @Override
    public Behavior<?> create(BackendDevice device, HypervisorActor.Dom0Services dom0, Path stateDir) {
        return Behaviors.<Command>setup(ctx -> new Actor(ctx, device, dom0, stateDir.resolve("images")).behavior());
    }

    sealed interface Command {
    }

    /** Pekko's dispatcher for blocking I/O, the one {@code DispatcherSelector.blocking()} names. */
    private static final String BLOCKING_IO_DISPATCHER = "pekko.actor.default-blocking-io-dispatcher";

    private record FromXenStore(XsMessage message) implements Command {
    }

    private record StreamDone(Throwable failure) implements Command {
    }

    private static final class Actor {
        private final ActorContext<Command> context;
        private final BackendDevice device;
        private final HypervisorActor.Dom0Services dom0;
        private final Path imageDir;
        private final XsClient xs;
        private final Map<String, String> keys = new HashMap<>();
        private String frontPath;
        private BlkBackData data;
        private GrantMapping ring;
        private int localPort;
        private UniqueKillSwitch stream;
        /** Set when {@link #stream} is cut off: a response produced after it is dropped. */
        private AtomicBoolean streamCut;
        private RingMetrics ringMetrics;

        Actor(ActorContext<Command> context, BackendDevice device, HypervisorActor.Dom0Services dom0, Path imageDir) {
            this.context = context;
            this.device = device;
            this.dom0 = dom0;
            this.imageDir = imageDir;
            ActorRef<Command> self = context.getSelf();
            this.xs = new XsClient(dom0.xenstored(), m -> self.tell(new FromXenStore(m)));
            List<String> wanted = List.of("frontend", "params", "mode", "discard-enable", "size");
            for (String key : wanted) {
                xs.read(device.backPath() + "/" + key, v -> {
                    keys.put(key, v.orElse(null));
                    if (keys.size() == wanted.size()) {
                        probe();
                    }
                });
            }
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessage(FromXenStore.class, m -> {
                        xs.deliver(m.message());
                        return Behaviors.same();
                    })
                    .onMessage(StreamDone.class, m -> {
                        if (m.failure() != null && stream != null) {
                            // UNTRUSTED: the front end broke its ring; only this device stops.
                            context.getLog().warn("vbd {}: the ring failed: {}", device.actorName(), m.failure().toString());
                            disconnect();
                            xs.write(device.backPath() + "/state", XenbusState.XenbusStateClosing.node());
                        }
                        return Behaviors.same();
                    })
                    .onSignal(PostStop.class, s -> {
                        stop();
                        return Behaviors.same();
                    })
                    .onSignal(PreRestart.class, s -> {
                        stop();
                        return Behaviors.same();
                    })
                    .build();
        }

        /** blkback_probe plus the hotplug script's work: open the image, offer features, InitWait. */
        private void probe() {
            frontPath = keys.get("frontend");
            String params = keys.get("params");
            if (frontPath == null || params == null || params.isEmpty()) {
                xs.write(device.backPath() + "/hotplug-status", "error");
                return;
            }
            Path image = imageDir.resolve(params);
            try {
                if (!Files.exists(image) && keys.get("size") != null) {
                    Files.createDirectories(image.toAbsolutePath().getParent());
                    BlkImage.createSparse(image, Long.parseLong(keys.get("size")));
                }
                boolean readwrite = !"r".equals(keys.get("mode"));
                BlkBackFeatures features = new BlkBackFeatures(!"0".equals(keys.get("discard-enable")), 256);
                data = new BlkBackData(dom0.grants(), DomId.DOM0, DomId.of(device.frontDom()),
                        new VbdNumber(device.devid()), BlkImage.open(image, readwrite), features);
            } catch (IOException | RuntimeException e) {
                xs.write(device.backPath() + "/hotplug-status", "error");
                xs.write("/local/domain/0/backend/vbd/" + device.frontDom() + "/" + device.devid() + "/error",
                        "cannot open " + image + ": " + e.getMessage());
                return;
            }
            String be = device.backPath();
            xs.write(be + "/feature-flush-cache", "1");
            xs.write(be + "/feature-barrier", "1");
            xs.write(be + "/feature-discard", data.features().discard() ? "1" : "0");
            xs.write(be + "/discard-granularity", Integer.toString(Blkif.SECTOR_SIZE));
            xs.write(be + "/feature-max-indirect-segments", Integer.toString(data.features().maxIndirectSegments()));
            xs.write(be + "/max-ring-page-order", "0");
            xs.write(be + "/hotplug-status", "connected");
            xs.write(be + "/state", XenbusState.XenbusStateInitWait.node());
            xs.watch(frontPath + "/state", "frontend", path -> xs.read(path,
                    v -> frontendChanged(XenbusState.parse(v.orElse(null)))));
        }

        /** blkback's frontend_changed. */
        private void frontendChanged(XenbusState state) {
            switch (state) {
                case XenbusStateInitialised -> {
                    // Only a front end that has just (re)published its ring is connected to: one
                    // found Connected was talking to an earlier back end (this one restarted) and
                    // walks the handshake again once it sees InitWait.
                    if (stream == null) {
                        xs.read(frontPath + "/ring-ref", ref -> xs.read(frontPath + "/event-channel",
                                port -> connect(ref, port)));
                    }
                }
                case XenbusStateClosing -> {
                    context.getLog().info("vbd {}: the front end is closing", device.actorName());
                    disconnect();
                    xs.write(device.backPath() + "/state", XenbusState.XenbusStateClosing.node());
                }
                case XenbusStateClosed, XenbusStateUnknown -> {
                    disconnect();
                    xs.write(device.backPath() + "/state", XenbusState.XenbusStateClosed.node());
                }
                default -> {
                }
            }
        }

        /** connect_ring, then the disk's size and Connected. */
        private void connect(Optional<String> ringRef, Optional<String> eventChannel) {
            int ref;
            int port;
            try {
                ref = Integer.parseInt(ringRef.orElse("").strip());
                port = Integer.parseInt(eventChannel.orElse("").strip());
            } catch (NumberFormatException e) {
                // UNTRUSTED: the front end's keys are not numbers; wait for it to write them again.
                return;
            }
            if (stream != null || data == null) {
                return;
            }
            DomId fdom = DomId.of(device.frontDom());
            GrantMapping map = dom0.grants().mapGrantRef(DomId.DOM0, fdom, new GrantRef(ref), GnttabOp.GNTMAP_host_map);
            if (map.status() != GrantStatus.GNTST_okay) {
                context.getLog().warn("vbd {}: cannot map ring-ref {}: {}", device.actorName(), ref, map.status());
                xs.write(device.backPath() + "/state", XenbusState.XenbusStateClosing.node());
                return;
            }
            int local = dom0.evtchns().bindInterdomain(DomId.DOM0, fdom, EvtchnPort.of(port));
            if (local < 0) {
                context.getLog().warn("vbd {}: cannot bind event-channel {}: {}", device.actorName(), port, local);
                dom0.grants().unmapGrantRef(DomId.DOM0, map.handle());
                xs.write(device.backPath() + "/state", XenbusState.XenbusStateClosing.node());
                return;
            }
            ring = map;
            localPort = local;
            BackRing back = BackRing.init(new SharedRing(map.page(), BlkifStructs.SLOT_SIZE));
            ringMetrics = new RingMetrics(device.frontDom(), Integer.toString(device.devid()), "blkif");
            RingEvents events = new RingEvents(ringMetrics);
            dom0.events().bind(localPort, events::kick);
            BlkBackData path = data;
            AtomicBoolean cut = new AtomicBoolean();
            ActorRef<Command> self = context.getSelf();
            // The stream runs on the blocking-I/O dispatcher, as Pekko's FileIO does, and does
            // each request's file I/O in its own stage: no hand-off to another thread per request.
            var running = RingSource.requests(back, BlkifRequest::decode, events)
                    .viaMat(KillSwitches.single(), Keep.right())
                    .map(path::process)
                    .filter(rsp -> !cut.get())
                    .toMat(RingSink.responses(back, (page, offset, rsp) -> rsp.encode(page, offset),
                            () -> dom0.evtchns().send(DomId.DOM0, EvtchnPort.of(local)), events), Keep.both())
                    .withAttributes(ActorAttributes.dispatcher(BLOCKING_IO_DISPATCHER))
                    .run(Materializer.createMaterializer(context));
            stream = running.first();
            streamCut = cut;
            running.second().whenComplete((done, failure) -> self.tell(new StreamDone(failure)));
            String be = device.backPath();
            xs.write(be + "/sectors", Long.toString(data.image().sectors()));
            xs.write(be + "/info", Integer.toString(data.image().readwrite() ? 0 : Blkif.VDISK_READONLY));
            xs.write(be + "/sector-size", Integer.toString(Blkif.SECTOR_SIZE));
            xs.write(be + "/physical-sector-size", Integer.toString(Blkif.SECTOR_SIZE));
            xs.write(be + "/state", XenbusState.XenbusStateConnected.node());
        }

        private void disconnect() {
            if (stream != null) {
                // ORDERING: cut and abort before the image can close under a request still in
                // flight, so the stream drops that request's result (an error made by the
                // closing) rather than answering it; the front end issues it again to the next
                // back end. The cut covers a request whose I/O is running when the abort comes.
                streamCut.set(true);
                stream.abort(new IllegalStateException("vbd " + device.actorName() + " disconnected"));
                stream = null;
                streamCut = null;
            }
            if (ringMetrics != null) {
                ringMetrics.remove();
                ringMetrics = null;
            }
            if (localPort > 0) {
                dom0.events().unbind(localPort);
                dom0.evtchns().close(DomId.DOM0, EvtchnPort.of(localPort));
                localPort = 0;
            }
            if (ring != null) {
                dom0.grants().unmapGrantRef(DomId.DOM0, ring.handle());
                ring = null;
            }
        }

        private void stop() {
            disconnect();
            if (data != null) {
                try {
                    data.close();
                } catch (IOException e) {
                    context.getLog().warn("vbd {}: closing the image: {}", device.actorName(), e.toString());
                }
                data = null;
            }
            xs.close();
        }
    }
}
