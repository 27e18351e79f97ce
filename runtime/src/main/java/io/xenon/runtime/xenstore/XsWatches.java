package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsWire;
import java.util.Collection;
import java.util.Iterator;

/**
 * XenStore watches ({@code tools/xenstored/watch.c}): registration, removal, and firing
 * {@code XS_WATCH_EVENT}s to every connection with a watch at or above a changed path.
 *
 * <p>As in C, an event reaches a connection only if it may read the changed node, or its parent,
 * or could read the node under the permissions it had before the change ({@code watch_permitted}).
 * A watch registered with a relative path reports relative paths. Special paths
 * ({@code @introduceDomain}, {@code @releaseDomain}) fire only on an exact match. A domain over
 * its watches quota gets ENOSPC, as in current C xenstored (older versions answered E2BIG).
 */
final class XsWatches {

    /**
     * One registered watch.
     *
     * @param path the absolute path watched
     * @param token the client's token, echoed in each event
     * @param prefixLen characters to strip from event paths: the home prefix of a relative watch
     */
    record Watch(String path, String token, int prefixLen) {
    }

    private final XsTree tree;
    private final Collection<XsConnection> connections;
    private final XsMetrics metrics;

    XsWatches(XsTree tree, Collection<XsConnection> connections, XsMetrics metrics) {
        this.tree = tree;
        this.connections = connections;
        this.metrics = metrics;
    }

    /**
     * Registers a watch ({@code do_watch}) and fires it once at once, with the path as given.
     *
     * @param path the canonical path
     * @param relative whether the client gave it relative to its home
     * @param limit most watches the connection's domain may hold
     */
    void add(XsConnection c, String path, boolean relative, String token, int limit) {
        for (Watch w : c.watches()) {
            if (w.path().equals(path) && w.token().equals(token)) {
                throw new XsException(XsError.EEXIST);
            }
        }
        if (!c.privileged() && countFor(c.domid()) >= limit) {
            throw new XsException(XsError.ENOSPC);
        }
        Watch w = new Watch(path, token, relative ? XsPaths.home(c.domid()).length() + 1 : 0);
        c.watches().add(w);
        send(c, w, path);
    }

    /** Removes a watch ({@code do_unwatch}), or ENOENT. */
    void remove(XsConnection c, String path, String token) {
        for (Iterator<Watch> it = c.watches().iterator(); it.hasNext(); ) {
            Watch w = it.next();
            if (w.path().equals(path) && w.token().equals(token)) {
                it.remove();
                return;
            }
        }
        throw new XsException(XsError.ENOENT);
    }

    /** How many watches the domain's connections hold. */
    int countFor(int domid) {
        int n = 0;
        for (XsConnection c : connections) {
            if (c.domid() == domid) {
                n += c.watches().size();
            }
        }
        return n;
    }

    /**
     * Fires watches for a change at {@code path} ({@code fire_watches}).
     *
     * @param exact whether only watches on exactly this path fire (a removed child, a special path)
     * @param node the node as it is now, or as it was if removed; null to look it up
     * @param oldPerms the node's permissions before the change, or null
     */
    void fire(String path, boolean exact, XsNode node, XsPerms oldPerms) {
        for (XsConnection c : connections) {
            if (!c.watches().isEmpty() && permitted(c, path, node, oldPerms)) {
                for (Watch w : c.watches()) {
                    if (exact ? path.equals(w.path()) : XsPaths.isAtOrBelow(path, w.path())) {
                        send(c, w, path);
                    }
                }
            }
        }
    }

    private boolean permitted(XsConnection c, String path, XsNode node, XsPerms oldPerms) {
        if (c.privileged() || (oldPerms != null && c.accessTo(oldPerms).canRead())) {
            return true;
        }
        XsNode n = node != null ? node : tree.get(path);
        if (n == null) {
            return false;
        }
        if (c.accessTo(n.perms()).canRead()) {
            return true;
        }
        XsNode parent = tree.get(XsPaths.parent(path));
        return parent != null && c.accessTo(parent.perms()).canRead();
    }

    private void send(XsConnection c, Watch w, String path) {
        String shown = path.substring(w.prefixLen());
        if (shown.length() + w.token().length() + 2 > XsWire.XENSTORE_PAYLOAD_MAX) {
            return;
        }
        metrics.watchEvent();
        c.deliver(XsMessage.watchEvent(shown, w.token()));
    }
}
