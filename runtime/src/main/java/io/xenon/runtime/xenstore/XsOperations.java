package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsWire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The node operations of C xenstored's {@code core.c} ({@code do_read}, {@code do_write},
 * {@code do_mkdir}, {@code do_rm}, {@code send_directory}, {@code send_directory_part},
 * {@code do_get_perms}, {@code do_set_perms}), with their permission and quota checks, on the
 * committed tree or inside a transaction. Errors are thrown as {@link XsException}.
 *
 * <p>Every check comes before the first change, so a refused operation changes nothing.
 */
final class XsOperations {

    private static final int PERM_READ = 1;
    private static final int PERM_WRITE = 2;
    private static final int PERM_OWNER = 8;

    private final XsTree tree;
    private final XsWatches watches;
    private final XsQuota quota;

    XsOperations(XsTree tree, XsWatches watches, XsQuota quota) {
        this.tree = tree;
        this.watches = watches;
        this.quota = quota;
    }

    /** The absolute path {@code raw} names for this connection, or EINVAL. */
    String canonical(XsConnection c, String raw, boolean allowSpecial) {
        return XsPaths.canonicalize(raw, c.domid(), c.privileged(), allowSpecial, quota.pathMax());
    }

    byte[] read(XsConnection c, XsTransaction t, String raw) {
        return get(c, view(t), canonical(c, raw, false), PERM_READ).value();
    }

    List<String> directory(XsConnection c, XsTransaction t, String raw) {
        return get(c, view(t), canonical(c, raw, false), PERM_READ).children();
    }

    /**
     * {@code XS_DIRECTORY_PART}: the node's generation, then as many of its children's names as
     * fit, starting {@code offset} bytes into the NUL-separated list; an extra NUL marks the end.
     */
    byte[] directoryPart(XsConnection c, XsTransaction t, String raw, long offset) {
        XsNode node = get(c, view(t), canonical(c, raw, false), PERM_READ);
        byte[] gen = (node.generation() + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] children = node.childrenBytes();
        if (offset < 0 || offset >= children.length) {
            return concat(gen, new byte[] {0}, 0, 1);
        }
        int off = (int) offset;
        int max = XsWire.XENSTORE_PAYLOAD_MAX - gen.length - 1;
        int len = 0;
        while (true) {
            int nameLen = nulAt(children, off + len) - (off + len);
            if (len + nameLen >= max) {
                break;
            }
            len += nameLen + 1;
            if (off + len == children.length) {
                break;
            }
        }
        boolean last = off + len == children.length;
        byte[] out = concat(gen, children, off, len + (last ? 1 : 0));
        if (last) {
            out[out.length - 1] = 0;
        }
        return out;
    }

    void write(XsConnection c, XsTransaction t, String raw, byte[] value) {
        String path = canonical(c, raw, false);
        XsView v = view(t);
        XsNode node = find(c, v, path, PERM_WRITE);
        XsNode written;
        if (node == null) {
            written = create(c, v, path, value);
        } else {
            written = node.withValue(value, v.nextGeneration());
            checkSize(c, written);
            v.put(path, written);
        }
        fire(t, path, false, written, null);
    }

    void mkdir(XsConnection c, XsTransaction t, String raw) {
        String path = canonical(c, raw, false);
        XsView v = view(t);
        if (find(c, v, path, PERM_WRITE) == null) {
            fire(t, path, false, create(c, v, path, new byte[0]), null);
        }
    }

    /** Removes a subtree; a missing node is fine if its parent exists, else ENOENT. */
    void rm(XsConnection c, XsTransaction t, String raw) {
        String path = canonical(c, raw, false);
        XsView v = view(t);
        XsNode node = find(c, v, path, PERM_WRITE);
        if (node == null) {
            if (v.get(XsPaths.parent(path)) == null) {
                throw new XsException(XsError.ENOENT);
            }
            return;
        }
        if (path.equals(XsPaths.ROOT)) {
            throw new XsException(XsError.EINVAL);
        }
        removeSubtree(v, t, path);
    }

    XsPerms getPerms(XsConnection c, XsTransaction t, String raw) {
        return get(c, view(t), canonical(c, raw, true), PERM_READ).perms();
    }

    /** Replaces a node's permissions: only its owner or Dom0 may, and only Dom0 may change the owner. */
    void setPerms(XsConnection c, XsTransaction t, String raw, XsPerms perms) {
        checkPermCount(c, perms.size());
        String path = canonical(c, raw, true);
        XsView v = view(t);
        XsNode node = get(c, v, path, PERM_WRITE | PERM_OWNER);
        if (!c.privileged() && perms.owner() != node.owner()) {
            throw new XsException(XsError.EPERM);
        }
        XsNode changed = node.withPerms(perms, v.nextGeneration());
        checkSize(c, changed);
        v.put(path, changed);
        fire(t, path, false, changed, node.perms());
    }

    /** ENOSPC if an unprivileged connection names more permissions than a node may hold. */
    void checkPermCount(XsConnection c, int count) {
        if (!c.privileged() && count > quota.permsPerNode()) {
            throw new XsException(XsError.ENOSPC);
        }
    }

    /**
     * Deletes every subtree whose top node the domain owns ({@code domain_tree_remove}), firing
     * watches as a removal by Dom0 would. Special nodes it owns pass to Dom0.
     */
    void removeOwnedBy(int domid) {
        removeOwnedBelow(XsPaths.ROOT, domid);
        for (String special : List.of(XsPaths.INTRODUCE_DOMAIN, XsPaths.RELEASE_DOMAIN)) {
            XsNode n = tree.get(special);
            if (n.owner() == domid) {
                tree.put(special, n.withPerms(n.perms().withOwner(0), n.generation()));
            }
        }
    }

    /**
     * Drops the entries that name a domain from every permission list but as owner
     * ({@code domain_adjust_node_perms}), so that a later domain given the same id inherits none
     * of its grants. Generations are kept: no client saw a change.
     */
    void forgetGrantsTo(int domid) {
        for (String path : allPaths()) {
            XsNode n = tree.get(path);
            List<XsPerm> kept = new ArrayList<>(n.perms().entries());
            if (kept.subList(1, kept.size()).removeIf(p -> p.domid() == domid)) {
                tree.put(path, n.withPerms(XsPerms.of(kept), n.generation()));
            }
        }
    }

    private void removeOwnedBelow(String path, int domid) {
        XsNode node = tree.get(path);
        for (String name : node.children()) {
            String child = XsPaths.child(path, name);
            if (tree.get(child).owner() == domid) {
                removeSubtree(tree, null, child);
            } else {
                removeOwnedBelow(child, domid);
            }
        }
    }

    private List<String> allPaths() {
        List<String> out = new ArrayList<>(List.of(XsPaths.INTRODUCE_DOMAIN, XsPaths.RELEASE_DOMAIN));
        collect(XsPaths.ROOT, out);
        return out;
    }

    private void collect(String path, List<String> out) {
        out.add(path);
        for (String name : tree.get(path).children()) {
            collect(XsPaths.child(path, name), out);
        }
    }

    /**
     * Removes a node and everything below it, children first ({@code rm_node}), then its entry
     * in its parent. Each removed child fires the watches on exactly its path; the top one fires
     * watches at and above it.
     */
    private void removeSubtree(XsView v, XsTransaction t, String top) {
        XsNode parent = v.get(XsPaths.parent(top));
        removeBelow(v, t, top, top);
        v.put(XsPaths.parent(top), parent.withoutChild(XsPaths.basename(top), v.nextGeneration()));
    }

    private void removeBelow(XsView v, XsTransaction t, String top, String path) {
        XsNode node = v.get(path);
        for (String name : List.copyOf(node.children())) {
            removeBelow(v, t, top, XsPaths.child(path, name));
        }
        v.remove(path);
        fire(t, path, !path.equals(top), node, null);
    }

    /**
     * Creates a node and any missing ancestors ({@code construct_node}/{@code create_node}). New
     * nodes inherit the nearest existing ancestor's permissions; a DomU owns what it creates.
     */
    private XsNode create(XsConnection c, XsView v, String path, byte[] value) {
        List<String> missing = new ArrayList<>();
        String p = path;
        XsNode parent;
        do {
            missing.add(p);
            p = XsPaths.parent(p);
            parent = v.get(p);
        } while (parent == null);
        if (!c.privileged() && v.ownedBy(c.domid()) + missing.size() > quota.nodesPerDomain()) {
            throw new XsException(XsError.ENOSPC);
        }
        XsPerms perms = c.privileged() ? parent.perms() : parent.perms().withOwner(c.domid());
        long gen = v.nextGeneration();
        String topPath = p;
        XsNode top = parent.withChild(XsPaths.basename(missing.get(missing.size() - 1)), gen);
        checkSize(c, top);
        List<XsNode> created = new ArrayList<>(missing.size());
        for (int i = 0; i < missing.size(); i++) {
            XsNode n = i == 0 ? XsNode.empty(perms, gen).withValue(value, gen)
                    : XsNode.empty(perms, gen).withChild(XsPaths.basename(missing.get(i - 1)), gen);
            checkSize(c, n);
            created.add(n);
        }
        v.put(topPath, top);
        for (int i = missing.size() - 1; i >= 0; i--) {
            v.put(missing.get(i), created.get(i));
        }
        return created.get(0);
    }

    // UNTRUSTED: a DomU chooses value lengths and child counts; the node-size quota bounds both.
    private void checkSize(XsConnection c, XsNode node) {
        if (!c.privileged() && node.accountedSize() > quota.nodeSize()) {
            throw new XsException(XsError.ENOSPC);
        }
    }

    private XsNode get(XsConnection c, XsView v, String path, int need) {
        XsNode node = find(c, v, path, need);
        if (node == null) {
            throw new XsException(XsError.ENOENT);
        }
        return node;
    }

    /**
     * The node if the connection has {@code need} on it; null if it does not exist and the
     * nearest existing ancestor grants some of {@code need}; else EACCES, so that a client learns
     * nothing about nodes it may not see ({@code get_node_chk_perm}, {@code errno_from_parents}).
     */
    private XsNode find(XsConnection c, XsView v, String path, int need) {
        XsNode node = v.get(path);
        if (node != null && (perm(c, node.perms()) & need) == need) {
            return node;
        }
        String p = path;
        XsNode ancestor;
        do {
            p = XsPaths.parent(p);
            ancestor = v.get(p);
        } while (ancestor == null && !p.equals(XsPaths.ROOT));
        boolean parentAllows = ancestor != null && (perm(c, ancestor.perms()) & need) != 0;
        if (node == null && parentAllows) {
            return null;
        }
        throw new XsException(XsError.EACCES);
    }

    private static int perm(XsConnection c, XsPerms perms) {
        XsPerm.Access a = c.accessTo(perms);
        return (a.canRead() ? PERM_READ : 0) | (a.canWrite() ? PERM_WRITE : 0) | (c.owns(perms) ? PERM_OWNER : 0);
    }

    private XsView view(XsTransaction t) {
        return t != null ? t : tree;
    }

    private void fire(XsTransaction t, String path, boolean exact, XsNode node, XsPerms oldPerms) {
        if (t != null) {
            t.queueWatch(path, exact);
        } else {
            watches.fire(path, exact, node, oldPerms);
        }
    }

    private static int nulAt(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] != 0) {
            i++;
        }
        return i;
    }

    private static byte[] concat(byte[] head, byte[] tail, int off, int len) {
        byte[] out = new byte[head.length + len];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, off, out, head.length, Math.min(len, tail.length - off));
        return out;
    }
}
