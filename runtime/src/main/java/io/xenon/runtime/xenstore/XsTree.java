package io.xenon.runtime.xenstore;

import java.util.HashMap;
import java.util.Map;

/**
 * The committed XenStore database ({@code nodes} in C xenstored's {@code core.c}): every node by
 * absolute path, the two special nodes {@code @introduceDomain} and {@code @releaseDomain}
 * included, with the per-domain count of owned nodes that the nodes quota checks.
 *
 * <p>INVARIANT: {@code owned.get(d)} is the number of nodes whose first permission names
 * {@code d}, and absent when that is zero, so released domains leave nothing behind.
 */
final class XsTree implements XsView {

    private final Map<String, XsNode> nodes = new HashMap<>();
    private final Map<Integer, Integer> owned = new HashMap<>();
    private long generation;

    /** The tree C xenstored starts with ({@code setup_structure}): all owned by Dom0, mode {@code n0}. */
    XsTree() {
        XsPerms dom0 = XsPerms.of(XsPerm.none(0));
        put(XsPaths.ROOT, XsNode.empty(dom0, nextGeneration()).withChild("tool", generation));
        put("/tool", XsNode.empty(dom0, nextGeneration()).withChild("xenstored", generation));
        put("/tool/xenstored", XsNode.empty(dom0, nextGeneration()));
        put(XsPaths.RELEASE_DOMAIN, XsNode.empty(dom0, nextGeneration()));
        put(XsPaths.INTRODUCE_DOMAIN, XsNode.empty(dom0, nextGeneration()));
    }

    @Override
    public XsNode get(String path) {
        return nodes.get(path);
    }

    @Override
    public void put(String path, XsNode node) {
        XsNode old = nodes.put(path, node);
        if (old != null) {
            count(old.owner(), -1);
        }
        count(node.owner(), +1);
    }

    @Override
    public void remove(String path) {
        XsNode old = nodes.remove(path);
        if (old != null) {
            count(old.owner(), -1);
        }
    }

    @Override
    public int ownedBy(int domid) {
        return owned.getOrDefault(domid, 0);
    }

    @Override
    public long nextGeneration() {
        return ++generation;
    }

    int size() {
        return nodes.size();
    }

    private void count(int domid, int delta) {
        owned.merge(domid, delta, (a, b) -> a + b == 0 ? null : a + b);
    }
}
