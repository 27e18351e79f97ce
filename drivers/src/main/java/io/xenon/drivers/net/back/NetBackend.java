package io.xenon.drivers.net.back;

import io.xenon.abi.DomId;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.abi.netif.Netif;
import io.xenon.abi.xenbus.XenbusState;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.backend.BackendDevice;
import io.xenon.actors.backend.BackendDriver;
import io.xenon.actors.xenstore.XsClient;
import io.xenon.drivers.net.NetifRx;
import io.xenon.drivers.net.NetifTx;
import io.xenon.drivers.net.Vifs;
import io.xenon.drivers.ring.BackRing;
import io.xenon.drivers.ring.RingBatchFlow;
import io.xenon.drivers.ring.RingBatchSink;
import io.xenon.drivers.ring.RingBatchSource;
import io.xenon.drivers.ring.RingEvents;
import io.xenon.drivers.ring.SharedRing;
import io.xenon.network.Networks;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.port.PortHandle;
import io.xenon.network.port.RateLimit;
import io.xenon.runtime.gnttab.GrantMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;

/**
 * netback for one vif, as a Domain-0 back-end actor ({@code vif-<domid>-<devid>}). The control
 * plane is Linux netback's {@code xenbus.c}:
 *
 * <pre>
 *   probe: feature-* keys; hotplug: vif&lt;domid&gt;.&lt;devid&gt; (or vifname) joins the network
 *          its bridge key names, hotplug-status = connected (or error, with hotplug-error)
 *     Initialising --(front Initialising)--&gt; InitWait
 *     InitWait --(front Connected, request-rx-copy = 1: map tx + rx rings, bind)--&gt; Connected
 *     InitWait --(front Connected without request-rx-copy)--&gt; Closing
 *     any --(front Closing)--&gt; Closing --(front Closed)--&gt; Closed
 * </pre>
 *
 * The data path is two streams sharing the one event channel, each moving a batch per ring kick:
 * tx requests from the ring, gathered into packets and copied out by {@link NetBackTx},
 * responses back onto the ring; and frames queued for the guest ({@link NetBackVif}, {@link NetBackRxQueue}),
 * taken as one batch per demand, paired with the rx buffers the front end posted, copied in by
 * {@link NetBackRx}, responses in the buffers' slots.
 *
 * <p>A front end that breaks a ring breaks only this device: both streams stop and the back end
 * moves to Closing.
 */
public final class NetBackend implements BackendDriver {

    /** Frames queued towards a guest before more are dropped (netback's {@code rx_queue_max}). */
    static final int RX_QUEUE = 256;

    /**
     * Tx requests taken per batch, as netback's NAPI poll takes at most its weight (64): a
     * quarter of the ring, so the front end refills it while the batch is copied.
     */
    static final int TX_BATCH = 64;

    @Override
    public String kind() {
        return "vif";
    }

    @Override
    public Behavior<?> create(BackendDevice device, HypervisorActor.Dom0Services dom0, Path stateDir) {
        return Behaviors.<Command>setup(ctx -> new Actor(ctx, device, dom0).behavior());
    }

    sealed interface Command {
    }

    private record FromXenStore(XsMessage message) implements Command {
    }

    private record StreamDone(Throwable failure) implements Command {
    }

    /** The vif joined its network (vif-bridge's {@code brctl addif} succeeded). */
    private record Attached(PortHandle port) implements Command {
    }

    /** The vif could not join its network: what {@code hotplug-error} says. */
    private record AttachFailed(String reason) implements Command {
    }

    /** A vif's {@code vifname}: a Linux interface name (IFNAMSIZ less its NUL). */
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private static final class Actor {
        private final ActorContext<Command> context;
        private final BackendDevice device;
        private final HypervisorActor.Dom0Services dom0;
        private final XsClient xs;
        private NetBackMetrics metrics;
        private NetBackVif vif;
        private NetBackTxCredit credit;
        private PortHandle port;
        private String frontPath;
        private final List<GrantMapping> rings = new ArrayList<>();
        private int localPort;
        private final List<UniqueKillSwitch> streams = new ArrayList<>();

        Actor(ActorContext<Command> context, BackendDevice device, HypervisorActor.Dom0Services dom0) {
            this.context = context;
            this.device = device;
            this.dom0 = dom0;
            ActorRef<Command> self = context.getSelf();
            this.xs = new XsClient(dom0.xenstored(), m -> self.tell(new FromXenStore(m)));
            xs.read(device.backPath() + "/frontend", this::probe);
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessage(FromXenStore.class, m -> {
                        xs.deliver(m.message());
                        return Behaviors.same();
                    })
                    .onMessage(Attached.class, m -> {
                        port = m.port();
                        vif.setBatchUplink(port::sendAll);
                        hotplugConnected();
                        return Behaviors.same();
                    })
                    .onMessage(AttachFailed.class, m -> {
                        xs.write(device.backPath() + "/hotplug-error", m.reason());
                        xs.write(device.backPath() + "/hotplug-status", "error");
                        return Behaviors.same();
                    })
                    .onMessage(StreamDone.class, m -> {
                        if (m.failure() != null && !streams.isEmpty()) {
                            // UNTRUSTED: the front end broke a ring; only this device stops.
                            disconnect();
                            switchState(XenbusState.XenbusStateClosing);
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

        /** netback_probe: the features, then vif-bridge's work with the vif's keys. */
        private void probe(Optional<String> frontend) {
            if (frontend.isEmpty()) {
                xs.write(device.backPath() + "/hotplug-status", "error");
                return;
            }
            frontPath = frontend.get();
            String be = device.backPath();
            // XEN-DIFF: netback offers GSO, checksum offload, multicast control, split channels
            // and multiple queues; Xenon's vif copies whole frames over one queue, so those are 0.
            xs.write(be + "/feature-sg", "1");
            xs.write(be + "/feature-gso-tcpv4", "0");
            xs.write(be + "/feature-gso-tcpv6", "0");
            xs.write(be + "/feature-ipv6-csum-offload", "0");
            xs.write(be + "/feature-rx-copy", "1");
            xs.write(be + "/feature-rx-flip", "0");
            xs.write(be + "/feature-multicast-control", "0");
            xs.write(be + "/feature-dynamic-multicast-control", "0");
            xs.write(be + "/feature-split-event-channels", "0");
            xs.write(be + "/multi-queue-max-queues", "1");
            xs.write(be + "/feature-ctrl-ring", "0");
            xs.readAll(be, List.of("vifname", "bridge", "vlan", "rate", "ip"), this::hotplug);
        }

        /**
         * vif-bridge's work: the interface (named by {@code vifname}, else
         * {@code vif<domid>.<devid>}) joins the network {@code bridge} names as an access port
         * of {@code vlan}, with {@code rate} on its transmit path and the addresses of {@code ip}; {@code hotplug-status} says how
         * it went, and the data path waits for {@code connected}, as netback waits.
         */
        private void hotplug(Map<String, Optional<String>> keys) {
            String name = keys.get("vifname").map(String::strip).orElse("vif" + device.frontDom() + "." + device.devid());
            String bridge = keys.get("bridge").map(String::strip).orElse("xenbr0");
            int vlan;
            NetRate rate;
            List<Ipv4Address> addresses;
            try {
                if (!IFNAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("vifname '" + name + "' is not an interface name");
                }
                vlan = keys.get("vlan").map(v -> NetRate.vlan(v.strip())).orElse(0);
                rate = keys.get("rate").map(v -> NetRate.parse(v.strip())).orElse(null);
                addresses = keys.get("ip").map(NetRate::addresses).orElse(List.of());
            } catch (IllegalArgumentException e) {
                context.getSelf().tell(new AttachFailed(e.getMessage()));
                return;
            }
            metrics = new NetBackMetrics(device.frontDom(), name);
            vif = new NetBackVif(name, vlan, addresses, metrics);
            if (rate != null) {
                credit = new NetBackTxCredit(new RateLimit(rate.bytes(), rate.intervalNanos(), System.nanoTime()),
                        context.getSystem().scheduler(), context.getExecutionContext(), metrics);
            }
            Optional<Networks> networks = dom0.services().get(Networks.class);
            if (networks.isEmpty()) {
                // A host without the network module: the vif has no network to join.
                hotplugConnected();
                return;
            }
            context.pipeToSelf(networks.get().attach(bridge, vif), (handle, failure) -> failure == null
                    ? new Attached(handle)
                    : new AttachFailed(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause().getMessage() : failure.getMessage()));
        }

        /** The interface is up: the front end's state now drives the data path. */
        private void hotplugConnected() {
            Vifs.register(vif);
            xs.write(device.backPath() + "/hotplug-status", "connected");
            xs.watch(frontPath + "/state", "frontend", path -> xs.read(path,
                    v -> frontendChanged(XenbusState.parse(v.orElse(null)))));
        }

        /** netback's frontend_changed. */
        private void frontendChanged(XenbusState state) {
            switch (state) {
                case XenbusStateInitialising -> {
                    if (streams.isEmpty()) {
                        switchState(XenbusState.XenbusStateInitWait);
                    }
                }
                case XenbusStateConnected -> {
                    if (streams.isEmpty()) {
                        xs.read(frontPath + "/tx-ring-ref", tx -> xs.read(frontPath + "/rx-ring-ref",
                                rx -> xs.read(frontPath + "/event-channel", port -> xs.read(frontPath + "/request-rx-copy",
                                        copy -> connect(tx, rx, port, copy)))));
                    }
                }
                case XenbusStateClosing -> {
                    disconnect();
                    switchState(XenbusState.XenbusStateClosing);
                }
                case XenbusStateClosed, XenbusStateUnknown -> {
                    disconnect();
                    switchState(XenbusState.XenbusStateClosed);
                }
                default -> {
                }
            }
        }

        /** connect_data_rings and xenvif_connect_data, then Connected. */
        private void connect(Optional<String> txRef, Optional<String> rxRef, Optional<String> eventChannel,
                Optional<String> rxCopy) {
            if (!streams.isEmpty()) {
                return;
            }
            // UNTRUSTED: every key is the front end's.
            if (!"1".equals(rxCopy.map(String::strip).orElse(""))) {
                // netback: "frontend does not support rx-copy" is fatal to the device.
                xs.write(device.backPath() + "/error", "the front end does not request rx-copy");
                switchState(XenbusState.XenbusStateClosing);
                return;
            }
            int tx;
            int rx;
            int port;
            try {
                tx = Integer.parseUnsignedInt(txRef.orElse("").strip());
                rx = Integer.parseUnsignedInt(rxRef.orElse("").strip());
                port = Integer.parseInt(eventChannel.orElse("").strip());
            } catch (NumberFormatException e) {
                switchState(XenbusState.XenbusStateClosing);
                return;
            }
            DomId fdom = DomId.of(device.frontDom());
            GrantMapping txMap = map(fdom, tx);
            GrantMapping rxMap = txMap == null ? null : map(fdom, rx);
            int local = rxMap == null ? -1 : dom0.evtchns().bindInterdomain(DomId.DOM0, fdom, EvtchnPort.of(port));
            if (local < 0) {
                disconnect();
                switchState(XenbusState.XenbusStateClosing);
                return;
            }
            localPort = local;
            start(fdom, txMap, rxMap);
            switchState(XenbusState.XenbusStateConnected);
        }

        private GrantMapping map(DomId fdom, int ref) {
            GrantMapping m = dom0.grants().mapGrantRef(DomId.DOM0, fdom, new GrantRef(ref), GnttabOp.GNTMAP_host_map);
            if (!m.status().isOkay()) {
                return null;
            }
            rings.add(m);
            return m;
        }

        /** Materializes the tx and rx streams and binds the shared event channel to both. */
        private void start(DomId fdom, GrantMapping txMap, GrantMapping rxMap) {
            // A restarted netback finds the front end Connected on rings its predecessor served:
            // it resumes them where the published responses end (netfront does not re-walk).
            BackRing txRing = BackRing.resume(new SharedRing(txMap.page(), Netif.TX_SLOT_SIZE));
            BackRing rxRing = BackRing.resume(new SharedRing(rxMap.page(), Netif.RX_SLOT_SIZE));
            RingEvents txEvents = new RingEvents();
            RingEvents rxEvents = new RingEvents();
            int local = localPort;
            Runnable notify = () -> dom0.evtchns().send(DomId.DOM0, EvtchnPort.of(local));
            dom0.events().bind(local, () -> {
                txEvents.kick();
                rxEvents.kick();
            });
            Materializer mat = Materializer.createMaterializer(context);
            ActorRef<Command> self = context.getSelf();
            NetBackTx txPath = new NetBackTx(dom0.grants(), DomId.DOM0, fdom, metrics, vif::fromGuest);
            NetBackTxCredit txCredit = credit;
            var txRun = RingBatchSource.requests(txRing, NetifTx.Request::decode, txEvents, TX_BATCH)
                    .viaMat(KillSwitches.single(), Keep.right())
                    .mapAsync(1, batch -> txCredit == null ? CompletableFuture.completedFuture(batch) : txCredit.admit(batch))
                    .map(txPath::process)
                    .toMat(RingBatchSink.responses(txRing, (page, offset, rsp) -> rsp.encode(page, offset), notify,
                            txEvents), Keep.both())
                    .run(mat);
            NetBackRx rxPath = new NetBackRx(dom0.grants(), DomId.DOM0, fdom, metrics);
            NetBackRxQueue rxQueue = new NetBackRxQueue(RX_QUEUE);
            Pair<UniqueKillSwitch, CompletionStage<Done>> rxRun = rxQueue.source()
                    .via(RingBatchFlow.<byte[], NetifRx.Request, NetifRx.Response>requests(rxRing,
                            NetifRx.Request::decode, rxEvents, rxPath::deliver))
                    .viaMat(KillSwitches.single(), Keep.right())
                    .toMat(RingBatchSink.<NetifRx.Response>responses(rxRing, (page, offset, rsp) -> rsp.encode(page, offset),
                            notify, rxEvents), Keep.both())
                    .run(mat);
            streams.add(txRun.first());
            streams.add(rxRun.first());
            txRun.second().whenComplete((done, failure) -> self.tell(new StreamDone(failure)));
            rxRun.second().whenComplete((done, failure) -> self.tell(new StreamDone(failure)));
            vif.carrier(rxQueue);
        }

        private void switchState(XenbusState state) {
            xs.write(device.backPath() + "/state", state.node());
        }

        private void disconnect() {
            if (vif != null) {
                vif.carrier(null);
            }
            streams.forEach(UniqueKillSwitch::shutdown);
            streams.clear();
            if (localPort > 0) {
                dom0.events().unbind(localPort);
                dom0.evtchns().close(DomId.DOM0, EvtchnPort.of(localPort));
                localPort = 0;
            }
            rings.forEach(m -> dom0.grants().unmapGrantRef(DomId.DOM0, m.handle()));
            rings.clear();
        }

        private void stop() {
            disconnect();
            if (port != null) {
                port.detach();
                port = null;
            }
            if (vif != null) {
                Vifs.unregister(vif);
                metrics.remove();
            }
            xs.close();
        }
    }
}
