package io.xenon.runtime.xenstore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One XenStore node as C xenstored stores it ({@code struct node}): a value of raw bytes, the
 * names of its children in creation order, its permissions and the generation count of its last
 * change. Immutable: a change is a new node, which lets a transaction keep its own copies.
 */
record XsNode(byte[] value, List<String> children, XsPerms perms, long generation) {

    /** The generation recorded for a node that did not exist ({@code NO_GENERATION}). */
    static final long NO_GENERATION = -1;

    private static final byte[] EMPTY = new byte[0];

    /** A new node with no value and no children. */
    static XsNode empty(XsPerms perms, long generation) {
        return new XsNode(EMPTY, List.of(), perms, generation);
    }

    int owner() {
        return perms.owner();
    }

    XsNode withValue(byte[] newValue, long gen) {
        return new XsNode(newValue.length == 0 ? EMPTY : newValue, children, perms, gen);
    }

    XsNode withPerms(XsPerms newPerms, long gen) {
        return new XsNode(value, children, newPerms, gen);
    }

    XsNode withGeneration(long gen) {
        return new XsNode(value, children, perms, gen);
    }

    XsNode withChild(String name, long gen) {
        List<String> list = new ArrayList<>(children.size() + 1);
        list.addAll(children);
        // Names repeat across domains ("name", "state", "memory"...): one copy of each.
        list.add(name.intern());
        return new XsNode(value, List.copyOf(list), perms, gen);
    }

    XsNode withoutChild(String name, long gen) {
        List<String> list = new ArrayList<>(children);
        list.remove(name);
        return new XsNode(value, List.copyOf(list), perms, gen);
    }

    /** The children as on the wire: each name followed by a NUL. */
    byte[] childrenBytes() {
        StringBuilder sb = new StringBuilder();
        for (String c : children) {
            sb.append(c).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The size C xenstored charges against the node-size quota ({@code calc_node_acc_size}): a
     * 16-byte header, 8 bytes per permission, the value, and the children's names with NULs.
     */
    int accountedSize() {
        int size = 16 + 8 * perms.size() + value.length;
        for (String c : children) {
            size += c.length() + 1;
        }
        return size;
    }
}
