package io.xenon.actors.xenstore;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.Reply;
import io.xenon.runtime.xenstore.XenStore;
import io.xenon.runtime.xenstore.XsConnection;
import io.xenon.runtime.xenstore.XsException;
import io.xenon.runtime.xenstore.XsQuota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * {@code xenstored}: owns the {@link XenStore} tree. Tools (the Unix-socket server) and domains
 * (each through its own connection, bound to its domid) send it requests; replies and watch
 * events go to each connection's output in the order the store produced them, as on a ring or a
 * socket. The toolstack's own work (a domain's standard nodes, {@code control/shutdown}) is done
 * here as Dom0, in transactions.
 *
 * <p>A bad request gets an {@code XS_ERROR} reply from the store; nothing a client sends can stop
 * this actor.
 */
public final class XenStoreActor {

    /** What xenstored accepts. */
    public sealed interface Command {
    }

    /** A tool connects (as Dom0, or as a domain): answers {@link Connected}. */
    public record Connect(int domid, Consumer<XsMessage> output, ActorRef<Connected> replyTo) implements Command {
    }

    /** A connection, to name in {@link Request} and {@link Disconnect}. */
    public record Connected(XsConnection connection) {
    }

    /** One request on a tool's connection; the reply goes to the connection's output. */
    public record Request(XsConnection connection, XsMessage message) implements Command {
    }

    /** A tool's connection closed: its watches and transactions go. */
    public record Disconnect(XsConnection connection) implements Command {
    }

    /**
     * A new domain: writes its standard nodes in one transaction, introduces it (firing
     * {@code @introduceDomain}) and opens its own connection, whose output is {@code output}.
     */
    public record IntroduceDomain(DomainNodes nodes, Consumer<XsMessage> output) implements Command {
    }

    /**
     * An actor inside the daemon (a back end) opens a connection as Domain-0, named by
     * {@code key}; its replies and watch events go to {@code output}.
     */
    public record OpenClient(Object key, Consumer<XsMessage> output) implements Command {
    }

    /** A request on the connection {@code key} names. */
    public record ClientRequest(Object key, XsMessage message) implements Command {
    }

    /** Closes the connection {@code key} names. */
    public record CloseClient(Object key) implements Command {
    }

    /** One request from a domain, on its own connection. */
    public record DomainRequest(int domid, XsMessage message) implements Command {
    }

    /** A domain shut down or crashed: fires {@code @releaseDomain}, as C xenstored does on VIRQ_DOM_EXC. */
    public record DomainShutDown(int domid) implements Command {
    }

    /** A domain is gone: removes its nodes and connection and releases it (firing {@code @releaseDomain}). */
    public record ReleaseDomain(int domid) implements Command {
    }

    /** The toolstack writes a domain's {@code control/<key>} (e.g. {@code shutdown = poweroff}). */
    public record WriteControl(int domid, String key, String value, ActorRef<Boolean> replyTo) implements Command {
    }

    /**
     * {@code xl mem-set} / {@code xl mem-max}: the domain's {@code memory/<key>} ({@code target}
     * or {@code static-max}) in KiB, as libxl writes them.
     */
    public record WriteMemory(int domid, String key, long kib, ActorRef<Boolean> replyTo) implements Command {
    }

    /**
     * {@code xl vcpu-set}: the domain's {@code cpu/<n>/availability} for each of its
     * {@code maxVcpus} vCPUs, {@code online} below {@code online} and {@code offline} from there,
     * as {@code libxl__set_vcpuonline_xenstore} writes them.
     */
    public record WriteCpuAvailability(int domid, int online, int maxVcpus, ActorRef<Boolean> replyTo)
            implements Command {
    }

    /** {@code xl rename}: the domain's {@code name} and its {@code /vm/<uuid>/name}, as libxl updates them. */
    public record RenameDomain(int domid, String name) implements Command {
    }

    /** Creates devices' front and back directories, each in one transaction, as libxl adds devices. */
    public record AddDevices(List<DeviceNodes> devices, ActorRef<Boolean> replyTo) implements Command {
    }

    /** A guest's devices of one kind ({@code xl block-list}, {@code xl network-list}). */
    public record ListDevices(int domid, String kind, ActorRef<DeviceList> replyTo) implements Command {
    }

    /** A guest's devices, or why they cannot be listed. */
    public record DeviceList(List<DeviceInfo> devices, String error) {
    }

    /**
     * Attaches one device ({@code xl block-attach}, {@code xl network-attach}): {@code build} makes
     * its directories for a devid, which is {@code devid} if given, else the next free one.
     * Answers {@link Reply.Done} with the devid, or {@link Reply.Rejected} if it is taken.
     */
    public record AttachDevice(int domid, String kind, Integer devid, IntFunction<DeviceNodes> build,
            ActorRef<Reply> replyTo) implements Command {
    }

    /**
     * Detaches a device named by its devid, or by its vdev (vbd) or MAC (vif): its directories go,
     * as libxl removes them once the back end has closed (or at once when no back end ever took
     * the device up).
     */
    public record RemoveDevice(int domid, String kind, String device, ActorRef<Reply> replyTo) implements Command {
    }

    private record BackStateChanged(String path) implements Command {
    }

    private record DetachTimeout(String backPath) implements Command {
    }

    /** Counts, for leak checks and tests. */
    public record GetStats(ActorRef<Stats> replyTo) implements Command {
    }

    /** Nodes in the tree and connections open. */
    public record Stats(int nodes, int connections, int domainConnections) {
    }

    /** The device kinds whose back-end directories go with a domain. */
    private static final List<String> DEVICE_KINDS = List.of("vbd", "vif", "console");

    /** How long libxl waits for a back end to close before it removes the device anyway. */
    static final Duration DESTROY_TIMEOUT = Duration.ofSeconds(10);

    private final XenStore store;
    private final TimerScheduler<Command> timers;
    private final DeviceRemovals removals;
    private final Map<XsConnection, Output> outputs = new HashMap<>();
    private final Map<Integer, XsConnection> domains = new HashMap<>();
    private final Map<Object, XsConnection> clients = new HashMap<>();
    private final Map<Integer, DomainNodes> nodes = new HashMap<>();

    private XenStoreActor(XenStore store, ActorRef<Command> self, TimerScheduler<Command> timers) {
        this.store = store;
        this.timers = timers;
        XsConnection watcher = store.connect(0, m -> {
            if (m.type() == XsType.XS_WATCH_EVENT) {
                self.tell(new BackStateChanged(m.strings().get(0)));
            }
        });
        this.removals = new DeviceRemovals(store, watcher);
    }

    /** xenstored with C xenstored's default quotas; {@code dom0} nodes are written at once. */
    public static Behavior<Command> create(XsQuota quota, DomainNodes dom0) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
            XenStoreActor actor = new XenStoreActor(new XenStore(quota), ctx.getSelf(), timers);
            actor.writeDom0(dom0);
            return actor.behavior();
        }));
    }

    private void writeDom0(DomainNodes dom0) {
        store.inTransaction(txn -> {
            txn.write(dom0.home() + "/name", dom0.name());
            txn.write(dom0.home() + "/domid", "0");
            txn.write(dom0.home() + "/memory/static-max", Long.toString(dom0.maxmemKiB()));
            txn.write(dom0.home() + "/memory/target", Long.toString(dom0.targetKiB()));
            for (int cpu = 0; cpu < dom0.maxVcpus(); cpu++) {
                txn.write(dom0.home() + "/cpu/" + cpu + "/availability", "online");
            }
            txn.write("/tool/xenstored/domid", "0");
            txn.mkdir("/vm");
            txn.mkdir("/libxl");
            for (String kind : DEVICE_KINDS) {
                txn.mkdir(dom0.home() + "/backend/" + kind);
            }
        });
    }

    /**
     * A connection's output: passes messages on, except while a request of that connection is
     * handled, when its watch events wait for the reply.
     */
    private static final class Output implements Consumer<XsMessage> {
        private final Consumer<XsMessage> target;
        private List<XsMessage> held;

        Output(Consumer<XsMessage> target) {
            this.target = target;
        }

        @Override
        public void accept(XsMessage m) {
            if (held != null) {
                held.add(m);
            } else {
                target.accept(m);
            }
        }
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Connect.class, m -> {
                    Output out = new Output(m.output());
                    XsConnection c = store.connect(m.domid(), out);
                    outputs.put(c, out);
                    m.replyTo().tell(new Connected(c));
                    return Behaviors.same();
                })
                .onMessage(Request.class, m -> {
                    handle(m.connection(), m.message());
                    return Behaviors.same();
                })
                .onMessage(Disconnect.class, m -> {
                    if (outputs.remove(m.connection()) != null) {
                        store.disconnect(m.connection());
                    }
                    return Behaviors.same();
                })
                .onMessage(IntroduceDomain.class, this::onIntroduce)
                .onMessage(OpenClient.class, m -> {
                    Output out = new Output(m.output());
                    XsConnection c = store.connect(0, out);
                    outputs.put(c, out);
                    XsConnection old = clients.put(m.key(), c);
                    if (old != null) {
                        outputs.remove(old);
                        store.disconnect(old);
                    }
                    return Behaviors.same();
                })
                .onMessage(ClientRequest.class, m -> {
                    XsConnection c = clients.get(m.key());
                    if (c != null) {
                        handle(c, m.message());
                    }
                    return Behaviors.same();
                })
                .onMessage(CloseClient.class, m -> {
                    XsConnection c = clients.remove(m.key());
                    if (c != null) {
                        outputs.remove(c);
                        store.disconnect(c);
                    }
                    return Behaviors.same();
                })
                .onMessage(DomainRequest.class, m -> {
                    XsConnection c = domains.get(m.domid());
                    if (c != null) {
                        handle(c, m.message());
                    }
                    return Behaviors.same();
                })
                .onMessage(DomainShutDown.class, m -> {
                    store.domainShutDown(m.domid());
                    return Behaviors.same();
                })
                .onMessage(ReleaseDomain.class, this::onRelease)
                .onMessage(WriteControl.class, this::onWriteControl)
                .onMessage(WriteMemory.class, this::onWriteMemory)
                .onMessage(WriteCpuAvailability.class, this::onWriteCpuAvailability)
                .onMessage(RenameDomain.class, this::onRename)
                .onMessage(AddDevices.class, this::onAddDevices)
                .onMessage(ListDevices.class, m -> {
                    m.replyTo().tell(new DeviceList(DeviceInfo.list(store, m.domid(), m.kind()), null));
                    return Behaviors.same();
                })
                .onMessage(RemoveDevice.class, this::onRemoveDevice)
                .onMessage(BackStateChanged.class, m -> {
                    removals.stateChanged(m.path(), timers::cancel);
                    return Behaviors.same();
                })
                .onMessage(DetachTimeout.class, m -> {
                    removals.timedOut(m.backPath());
                    return Behaviors.same();
                })
                .onMessage(AttachDevice.class, this::onAttachDevice)
                .onMessage(GetStats.class, m -> {
                    m.replyTo().tell(new Stats(store.nodeCount(), outputs.size(), domains.size()));
                    return Behaviors.same();
                })
                .build();
    }

    /** One request: the reply first, then the watch events it fired for the same connection, as C sends them. */
    private void handle(XsConnection c, XsMessage request) {
        Output out = outputs.get(c);
        if (out == null) {
            return;
        }
        List<XsMessage> held = new ArrayList<>(1);
        out.held = held;
        XsMessage reply;
        try {
            reply = store.handle(c, request);
        } finally {
            out.held = null;
        }
        out.target.accept(reply);
        held.forEach(out.target);
    }

    private Behavior<Command> onIntroduce(IntroduceDomain m) {
        DomainNodes n = m.nodes();
        store.inTransaction(n::writeTo);
        store.introduceDomain(n.domid());
        Output out = new Output(m.output());
        XsConnection c = store.connect(n.domid(), out);
        outputs.put(c, out);
        domains.put(n.domid(), c);
        nodes.put(n.domid(), n);
        return Behaviors.same();
    }

    private Behavior<Command> onRelease(ReleaseDomain m) {
        XsConnection c = domains.remove(m.domid());
        if (c != null) {
            outputs.remove(c);
            store.disconnect(c);
        }
        DomainNodes n = nodes.remove(m.domid());
        if (n != null) {
            store.inTransaction(txn -> {
                List<String> roots = new ArrayList<>(n.roots());
                for (String kind : DEVICE_KINDS) {
                    roots.add("/local/domain/0/backend/" + kind + "/" + n.domid());
                }
                for (String root : roots) {
                    if (txn.read(root).isPresent()) {
                        txn.rm(root);
                    }
                }
            });
        }
        if (store.isDomainIntroduced(m.domid())) {
            store.releaseDomain(m.domid());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onAddDevices(AddDevices m) {
        boolean ok = true;
        for (DeviceNodes d : m.devices()) {
            try {
                store.inTransaction(d::writeTo);
            } catch (XsException e) {
                ok = false;
            }
        }
        if (m.replyTo() != null) {
            m.replyTo().tell(ok);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onAttachDevice(AttachDevice m) {
        List<DeviceInfo> existing = DeviceInfo.list(store, m.domid(), m.kind());
        int devid = m.devid() != null ? m.devid()
                : existing.stream().mapToInt(DeviceInfo::devid).max().orElse(-1) + 1;
        if (existing.stream().anyMatch(d -> d.devid() == devid)) {
            m.replyTo().tell(new Reply.Rejected("domain " + m.domid() + " already has " + m.kind() + " " + devid,
                    Reply.Kind.CONFLICT));
            return Behaviors.same();
        }
        try {
            store.inTransaction(m.build().apply(devid)::writeTo);
            m.replyTo().tell(new Reply.Done(Integer.toString(devid)));
        } catch (XsException e) {
            m.replyTo().tell(new Reply.Rejected("cannot write the device's XenStore nodes: " + e.error()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onRemoveDevice(RemoveDevice m) {
        Optional<DeviceInfo> hit = DeviceInfo.list(store, m.domid(), m.kind()).stream()
                .filter(d -> Integer.toString(d.devid()).equals(m.device()) || m.device().equals(d.vdev())
                        || m.device().equalsIgnoreCase(d.mac() == null ? "" : d.mac()))
                .findFirst();
        if (hit.isEmpty()) {
            m.replyTo().tell(new Reply.Rejected("Device " + m.device() + " not connected.", Reply.Kind.NO_SUCH_DOMAIN));
            return Behaviors.same();
        }
        DeviceInfo d = hit.get();
        if (removals.start(m.domid(), d, m.replyTo())) {
            timers.startSingleTimer(d.backend(), new DetachTimeout(d.backend()), DESTROY_TIMEOUT);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onRename(RenameDomain m) {
        DomainNodes n = nodes.get(m.domid());
        if (n != null) {
            DomainNodes renamed = new DomainNodes(n.domid(), n.uuid(), m.name(), n.type(), n.maxmemKiB(),
                    n.targetKiB(), n.vcpus(), n.maxVcpus(), n.startMillis(), n.storePort());
            store.inTransaction(txn -> {
                txn.write(renamed.home() + "/name", renamed.name());
                txn.write(renamed.vmPath() + "/name", renamed.name());
            });
            nodes.put(m.domid(), renamed);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onWriteControl(WriteControl m) {
        DomainNodes n = nodes.get(m.domid());
        boolean written = false;
        if (n != null) {
            try {
                store.write(n.home() + "/control/" + m.key(), m.value());
                written = true;
            } catch (XsException e) {
                written = false;
            }
        }
        m.replyTo().tell(written);
        return Behaviors.same();
    }

    private Behavior<Command> onWriteMemory(WriteMemory m) {
        boolean written = false;
        if (m.domid() == 0 || nodes.containsKey(m.domid())) {
            try {
                store.write("/local/domain/" + m.domid() + "/memory/" + m.key(), Long.toString(m.kib()));
                written = true;
            } catch (XsException e) {
                written = false;
            }
        }
        m.replyTo().tell(written);
        return Behaviors.same();
    }

    private Behavior<Command> onWriteCpuAvailability(WriteCpuAvailability m) {
        boolean written = false;
        if (m.domid() == 0 || nodes.containsKey(m.domid())) {
            try {
                for (int cpu = 0; cpu < m.maxVcpus(); cpu++) {
                    store.write("/local/domain/" + m.domid() + "/cpu/" + cpu + "/availability",
                            cpu < m.online() ? "online" : "offline");
                }
                written = true;
            } catch (XsException e) {
                written = false;
            }
        }
        m.replyTo().tell(written);
        return Behaviors.same();
    }
}
