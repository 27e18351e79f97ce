package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open XenStore transaction ({@code struct transaction} in {@code tools/xenstored/transaction.c}):
 * a private copy of the nodes it changed, laid over the committed tree, and the generation count
 * of every node it touched as it first saw it.
 *
 * <p>Commit is optimistic, as in C: if any touched node's generation has changed since (or the node
 * has appeared or disappeared), the commit fails with EAGAIN and nothing is applied; otherwise the
 * changes are written to the tree with fresh generations and the watches they earned fire.
 *
 * <p>INVARIANT: every path in {@code touched} was looked up through this view before it was
 * changed, so every change is guarded by a generation check.
 *
 * <p>XEN-DIFF: C marks a transaction failed when a write inside it is refused (for instance over
 * the node-size quota), and its commit then fails. Here a refused operation leaves the private
 * copy untouched, so the transaction stays usable and may still commit. At commit C refuses a
 * domain that would reach its nodes quota exactly; here it may reach it, as outside transactions.
 */
final class XsTransaction implements XsView {

    /** What the transaction knows of one node. */
    private static final class Touch {
        final long seenGeneration;
        final XsPerms seenPerms;
        boolean modified;
        XsNode node;
        boolean fireWatch;
        boolean watchExact;

        Touch(XsNode seen) {
            seenGeneration = seen == null ? XsNode.NO_GENERATION : seen.generation();
            seenPerms = seen == null ? null : seen.perms();
            node = seen;
        }
    }

    /** A watch to fire once the commit has been applied. */
    record Fire(String path, boolean exact, XsPerms oldPerms) {
    }

    private final int id;
    private final XsTree tree;
    private final int touchLimit;
    private final Map<String, Touch> touched = new LinkedHashMap<>();
    private final Map<Integer, Integer> ownedDelta = new HashMap<>();

    /**
     * @param touchLimit how many distinct nodes it may touch ({@code Integer.MAX_VALUE} for Dom0)
     */
    XsTransaction(int id, XsTree tree, int touchLimit) {
        this.id = id;
        this.tree = tree;
        this.touchLimit = touchLimit;
    }

    int id() {
        return id;
    }

    @Override
    public XsNode get(String path) {
        return touch(path).node;
    }

    @Override
    public void put(String path, XsNode node) {
        Touch t = touch(path);
        account(t.node, node);
        t.node = node;
        t.modified = true;
    }

    @Override
    public void remove(String path) {
        Touch t = touch(path);
        account(t.node, null);
        t.node = null;
        t.modified = true;
    }

    @Override
    public int ownedBy(int domid) {
        return tree.ownedBy(domid) + ownedDelta.getOrDefault(domid, 0);
    }

    @Override
    public long nextGeneration() {
        return tree.nextGeneration();
    }

    /**
     * Notes that a change at {@code path} is to fire watches at commit ({@code queue_watches}); a
     * subtree event replaces an exact one, not the other way round.
     */
    void queueWatch(String path, boolean exact) {
        Touch t = touch(path);
        if (!t.fireWatch) {
            t.fireWatch = true;
            t.watchExact = exact;
        } else if (!exact) {
            t.watchExact = false;
        }
    }

    /**
     * Applies the transaction to the tree, or fails with EAGAIN if anything it touched changed
     * meanwhile, or ENOSPC if the nodes it created would take a domain past {@code nodeLimit}.
     * Nothing is applied on failure.
     *
     * @param nodeLimit most nodes a domain may own after the commit ({@code Integer.MAX_VALUE}
     *        when the committer is privileged)
     * @return the watches to fire, in the order the nodes were first touched
     */
    List<Fire> commit(int nodeLimit) {
        for (Map.Entry<String, Touch> e : touched.entrySet()) {
            XsNode now = tree.get(e.getKey());
            long gen = now == null ? XsNode.NO_GENERATION : now.generation();
            if (gen != e.getValue().seenGeneration) {
                throw new XsException(XsError.EAGAIN);
            }
        }
        for (Map.Entry<Integer, Integer> d : ownedDelta.entrySet()) {
            if (d.getValue() > 0 && tree.ownedBy(d.getKey()) + d.getValue() > nodeLimit) {
                throw new XsException(XsError.ENOSPC);
            }
        }
        List<Fire> fires = new ArrayList<>();
        for (Map.Entry<String, Touch> e : touched.entrySet()) {
            Touch t = e.getValue();
            if (t.modified) {
                if (t.node != null) {
                    tree.put(e.getKey(), t.node.withGeneration(tree.nextGeneration()));
                } else if (t.seenGeneration != XsNode.NO_GENERATION) {
                    tree.remove(e.getKey());
                }
            }
            if (t.fireWatch) {
                fires.add(new Fire(e.getKey(), t.watchExact, t.seenPerms));
            }
        }
        return fires;
    }

    // UNTRUSTED: an unprivileged domain could otherwise make one transaction copy the whole tree.
    private Touch touch(String path) {
        Touch t = touched.get(path);
        if (t == null) {
            if (touched.size() >= touchLimit) {
                throw new XsException(XsError.ENOSPC);
            }
            t = new Touch(tree.get(path));
            touched.put(path, t);
        }
        return t;
    }

    private void account(XsNode before, XsNode after) {
        if (before != null) {
            ownedDelta.merge(before.owner(), -1, Integer::sum);
        }
        if (after != null) {
            ownedDelta.merge(after.owner(), +1, Integer::sum);
        }
    }
}
