package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client of the XenStore daemon ({@code struct connection} in C xenstored): a domain's ring or
 * a Unix-socket client, acting as one domain. Domain 0's connections are privileged; any other
 * acts only as its own domid. It holds the client's watches and open transactions, and the
 * consumer its watch events go to.
 *
 * <p>Created by {@link XenStore#connect}; confined, like the store, to the store's owning thread.
 */
public final class XsConnection {

    private final int domid;
    private final Consumer<XsMessage> events;
    private final List<XsWatches.Watch> watches = new ArrayList<>();
    private final Map<Integer, XsTransaction> transactions = new LinkedHashMap<>();
    private int nextTransactionId = 1;
    private int target = -1;

    XsConnection(int domid, Consumer<XsMessage> events) {
        this.domid = domid;
        this.events = events;
    }

    /** The domain this connection acts as. */
    public int domid() {
        return domid;
    }

    /** Whether this is a connection of the control domain, which bypasses permission checks and quotas. */
    public boolean privileged() {
        return domid == 0;
    }

    /** The domain this one serves as a device model ({@code XS_SET_TARGET}), or -1. */
    int target() {
        return target;
    }

    void target(int domid) {
        target = domid;
    }

    /** What this connection may do to a node with these permissions ({@code perm_for_conn}). */
    XsPerm.Access accessTo(XsPerms perms) {
        return privileged() ? XsPerm.Access.BOTH : perms.accessFor(domid, target);
    }

    /** Whether this connection may change the node's permissions: Dom0, the owner or its device model. */
    boolean owns(XsPerms perms) {
        return privileged() || perms.owner() == domid || (target >= 0 && perms.owner() == target);
    }

    List<XsWatches.Watch> watches() {
        return watches;
    }

    void deliver(XsMessage event) {
        events.accept(event);
    }

    XsTransaction transaction(int txId) {
        return transactions.get(txId);
    }

    int transactionCount() {
        return transactions.size();
    }

    /** Opens a transaction with an id unused on this connection; ids are never 0. */
    XsTransaction startTransaction(XsTree tree, int touchLimit) {
        while (nextTransactionId == 0 || transactions.containsKey(nextTransactionId)) {
            nextTransactionId++;
        }
        XsTransaction t = new XsTransaction(nextTransactionId++, tree, touchLimit);
        transactions.put(t.id(), t);
        return t;
    }

    void endTransaction(XsTransaction t) {
        transactions.remove(t.id());
    }

    void dropTransactions() {
        transactions.clear();
    }

    @Override
    public String toString() {
        return "XsConnection[dom" + domid + "]";
    }
}
