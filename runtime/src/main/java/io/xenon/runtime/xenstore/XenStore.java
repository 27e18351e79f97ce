package io.xenon.runtime.xenstore;

import io.xenon.abi.Xen;
import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The XenStore daemon ({@code tools/xenstored} in Xen): the tree of nodes, the connections of
 * domains and tools, their watches and transactions, and the per-domain quotas.
 *
 * <p>A transport hands each request to {@link #handle} and sends back the reply; watch events go
 * to each connection's {@code events} consumer, possibly while {@code handle} runs (so a
 * connection may see the event that a watch fires on registration before the {@code OK} reply).
 * Consumers must not call back into the store. The toolstack, acting as Dom0, uses the direct
 * methods ({@link #write}, {@link #inTransaction}, {@link #introduceDomain}, ...), which throw
 * {@link XsException} where a client would get an error reply; these fire watches like any other
 * change but receive none.
 *
 * <p>Confined to its owning thread (the XenStore actor): nothing here is thread-safe.
 *
 * <p>XEN-DIFF: C xenstored queues the event a new watch fires after the {@code OK} reply; here the
 * transport decides, as the event is handed over during {@code handle}. Left to the transport or
 * not done at all: the outstanding-requests and memory quotas, write rate limiting, watch-event
 * timeouts and the suppression of duplicate pending events, the {@code WATCHDEPTH} and
 * {@code DOMID_ANY} features (a watch depth argument is EINVAL, as in a C daemon without them),
 * and live update. A released domain's grants are removed from permission lists at release;
 * C ignores them lazily by comparing generations.
 */
public final class XenStore {

    private final XsQuota quota;
    private final XsTree tree = new XsTree();
    private final Set<XsConnection> connections = new LinkedHashSet<>();
    private final Set<Integer> introduced = new HashSet<>(Set.of(0));
    private final Map<Integer, Integer> targets = new HashMap<>();
    private final XsMetrics metrics = new XsMetrics();
    private final XsWatches watches;
    private final XsOperations ops;
    private final XsRequests requests;
    private final XsConnection tools = new XsConnection(0, event -> { });

    /** An empty store (the nodes C xenstored starts with) enforcing these quotas on DomUs. */
    public XenStore(XsQuota defaults) {
        this.quota = defaults;
        this.watches = new XsWatches(tree, connections, metrics);
        this.ops = new XsOperations(tree, watches, quota);
        this.requests = new XsRequests(this, ops, watches, quota, metrics);
        metrics.nodes(tree.size());
    }

    /**
     * A new connection acting as {@code domid}: Dom0's are privileged, any other may act only as
     * its own domain. Its watch events go to {@code events}.
     */
    public XsConnection connect(int domid, Consumer<XsMessage> events) {
        if (domid < 0 || domid >= Xen.DOMID_FIRST_RESERVED) {
            throw new IllegalArgumentException("not an ordinary domid: " + domid);
        }
        XsConnection c = new XsConnection(domid, events);
        c.target(targets.getOrDefault(domid, -1));
        connections.add(c);
        return c;
    }

    /** Forgets a connection with its watches and open transactions (the latter aborted). */
    public void disconnect(XsConnection c) {
        connections.remove(c);
        c.watches().clear();
        c.dropTransactions();
    }

    /**
     * Answers one request from a connection: the reply has the request's type, {@code req_id} and
     * {@code tx_id}, or is an {@code XS_ERROR} carrying one of {@code xsd_errors[]}. Never throws
     * on a bad request.
     *
     * @throws IllegalArgumentException if the connection is not (or no longer) connected
     */
    public XsMessage handle(XsConnection c, XsMessage request) {
        if (!connections.contains(c)) {
            throw new IllegalArgumentException(c + " is not connected");
        }
        XsMessage reply = requests.handle(c, request);
        metrics.nodes(tree.size());
        return reply;
    }

    public void write(String path, String value) {
        write(path, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a value, creating the node and missing parents (which inherit their parent's permissions). */
    public void write(String path, byte[] value) {
        ops.write(tools, null, path, value.clone());
        metrics.nodes(tree.size());
    }

    /** The value as UTF-8 text, or empty if there is no such node. */
    public Optional<String> read(String path) {
        try {
            return Optional.of(new String(ops.read(tools, null, path), StandardCharsets.UTF_8));
        } catch (XsException e) {
            if (e.error() == XsError.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The names of a node's children, in creation order. */
    public List<String> directory(String path) {
        return ops.directory(tools, null, path);
    }

    public void mkdir(String path) {
        ops.mkdir(tools, null, path);
        metrics.nodes(tree.size());
    }

    /** Removes a node and everything below it; a missing node is fine if its parent exists. */
    public void rm(String path) {
        ops.rm(tools, null, path);
        metrics.nodes(tree.size());
    }

    public XsPerms getPerms(String path) {
        return ops.getPerms(tools, null, path);
    }

    public void setPerms(String path, XsPerms perms) {
        ops.setPerms(tools, null, path, perms);
    }

    /**
     * Runs {@code body} in one transaction and commits it: all its changes appear at once, and
     * their watches fire then. If {@code body} throws, nothing is applied. As the body runs on the
     * owning thread, no client can interleave, so the commit cannot meet a conflict.
     */
    public void inTransaction(Consumer<XsTxn> body) {
        XsTransaction t = startTransaction(tools);
        XsTxn txn = new XsTxn(ops, tools, t);
        boolean completed = false;
        try {
            body.accept(txn);
            completed = true;
        } finally {
            txn.close();
            endTransaction(tools, t, completed);
        }
        metrics.nodes(tree.size());
    }

    /**
     * Marks a domain introduced ({@code XS_INTRODUCE}) and fires {@code @introduceDomain}; if it
     * was already, drops its connections' watches and transactions, as C does on re-introduction.
     */
    public void introduceDomain(int domid) {
        if (domid < 0 || domid >= Xen.DOMID_FIRST_RESERVED) {
            throw new XsException(XsError.EINVAL);
        }
        if (!introduced.add(domid)) {
            for (XsConnection c : connections) {
                if (c.domid() == domid) {
                    c.watches().clear();
                    c.dropTransactions();
                }
            }
        } else if (domid != 0) {
            watches.fire(XsPaths.INTRODUCE_DOMAIN, true, tree.get(XsPaths.INTRODUCE_DOMAIN), null);
        }
    }

    /**
     * Forgets a domain ({@code XS_RELEASE}): drops its connections' watches and transactions,
     * removes the nodes it owns and its grants on other nodes, forgets its device-model target, and
     * fires {@code @releaseDomain}. Its connections stay until the transport disconnects them.
     *
     * @throws XsException EINVAL for Dom0, ENOENT if the domain is not introduced
     */
    public void releaseDomain(int domid) {
        if (domid == 0) {
            throw new XsException(XsError.EINVAL);
        }
        if (!introduced.remove(domid)) {
            throw new XsException(XsError.ENOENT);
        }
        for (XsConnection c : connections) {
            if (c.domid() == domid) {
                c.watches().clear();
                c.dropTransactions();
            }
            if (c.domid() == domid || c.target() == domid) {
                c.target(-1);
            }
        }
        targets.remove(domid);
        targets.values().removeIf(target -> target == domid);
        removeDomainNodes(domid);
        ops.forgetGrantsTo(domid);
        watches.fire(XsPaths.RELEASE_DOMAIN, true, tree.get(XsPaths.RELEASE_DOMAIN), null);
    }

    /**
     * A domain shut down or crashed but is not gone: fires {@code @releaseDomain}, as C xenstored
     * does when VIRQ_DOM_EXC reports a domain newly shut down, so watchers can clean up. The
     * domain stays introduced until {@link #releaseDomain}.
     */
    public void domainShutDown(int domid) {
        if (domid != 0 && introduced.contains(domid)) {
            watches.fire(XsPaths.RELEASE_DOMAIN, true, tree.get(XsPaths.RELEASE_DOMAIN), null);
        }
    }

    /** Whether the domain is introduced; Dom0 always is. */
    public boolean isDomainIntroduced(int domid) {
        return introduced.contains(domid);
    }

    /** Removes every subtree whose top node the domain owns, firing watches as for {@code rm}. */
    public void removeDomainNodes(int domid) {
        ops.removeOwnedBy(domid);
        metrics.nodes(tree.size());
    }

    /** Nodes in the tree, the root and the two special nodes included. */
    public int nodeCount() {
        return tree.size();
    }

    /** Nodes the domain owns (what its nodes quota counts). */
    public int nodeCount(int domid) {
        return tree.ownedBy(domid);
    }

    /** Watches the domain's connections hold. */
    public int watchCount(int domid) {
        return watches.countFor(domid);
    }

    /** Transactions the domain's connections have open. */
    public int transactionCount(int domid) {
        int n = domid == 0 ? tools.transactionCount() : 0;
        for (XsConnection c : connections) {
            if (c.domid() == domid) {
                n += c.transactionCount();
            }
        }
        return n;
    }

    /** Lets {@code domid} act for {@code tdomid} ({@code XS_SET_TARGET}); both must be introduced. */
    void setTarget(int domid, int tdomid) {
        if (!introduced.contains(domid) || !introduced.contains(tdomid)) {
            throw new XsException(XsError.ENOENT);
        }
        targets.put(domid, tdomid);
        for (XsConnection c : connections) {
            if (c.domid() == domid) {
                c.target(tdomid);
            }
        }
    }

    XsTransaction startTransaction(XsConnection c) {
        return c.startTransaction(tree, c.privileged() ? Integer.MAX_VALUE : quota.nodesPerTransaction());
    }

    /** Ends a transaction: aborts it, or commits it and fires its watches. */
    void endTransaction(XsConnection c, XsTransaction t, boolean commit) {
        c.endTransaction(t);
        if (!commit) {
            metrics.transactionEnded("abort");
            return;
        }
        List<XsTransaction.Fire> fires;
        try {
            fires = t.commit(c.privileged() ? Integer.MAX_VALUE : quota.nodesPerDomain());
        } catch (XsException e) {
            if (e.error() == XsError.EAGAIN) {
                metrics.conflict();
            }
            metrics.transactionEnded(e.error() == XsError.EAGAIN ? "conflict" : "refused");
            throw e;
        }
        metrics.transactionEnded("commit");
        for (XsTransaction.Fire f : fires) {
            watches.fire(f.path(), f.exact(), null, f.oldPerms());
        }
    }
}
