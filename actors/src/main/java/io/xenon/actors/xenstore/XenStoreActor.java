package io.xenon.actors.xenstore;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.runtime.xenstore.XenStore;
import io.xenon.runtime.xenstore.XsConnection;
import io.xenon.runtime.xenstore.XsException;
import io.xenon.runtime.xenstore.XsQuota;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

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

    /** {@code xl rename}: the domain's {@code name} and its {@code /vm/<uuid>/name}, as libxl updates them. */
    public record RenameDomain(int domid, String name) implements Command {
    }

    /** Counts, for leak checks and tests. */
    public record GetStats(ActorRef<Stats> replyTo) implements Command {
    }

    /** Nodes in the tree and connections open. */
    public record Stats(int nodes, int connections, int domainConnections) {
    }

    private final XenStore store;
    private final Map<XsConnection, Output> outputs = new HashMap<>();
    private final Map<Integer, XsConnection> domains = new HashMap<>();
    private final Map<Integer, DomainNodes> nodes = new HashMap<>();

    private XenStoreActor(XenStore store) {
        this.store = store;
    }

    /** xenstored with C xenstored's default quotas; {@code dom0} nodes are written at once. */
    public static Behavior<Command> create(XsQuota quota, DomainNodes dom0) {
        return Behaviors.setup(ctx -> {
            XenStoreActor actor = new XenStoreActor(new XenStore(quota));
            actor.writeDom0(dom0);
            return actor.behavior();
        });
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
                .onMessage(RenameDomain.class, this::onRename)
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
            store.inTransaction(txn -> n.roots().forEach(root -> {
                if (txn.read(root).isPresent()) {
                    txn.rm(root);
                }
            }));
        }
        if (store.isDomainIntroduced(m.domid())) {
            store.releaseDomain(m.domid());
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
}
