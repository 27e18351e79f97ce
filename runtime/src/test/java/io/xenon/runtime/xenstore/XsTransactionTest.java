package io.xenon.runtime.xenstore;

import static io.xenon.runtime.xenstore.XsClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XsTransactionTest {

    private XenStore store;
    private XsClient a;
    private XsClient b;

    @BeforeEach
    void setUp() {
        store = new XenStore(XsQuota.defaults());
        store.write("/counter", "0");
        a = new XsClient(store, 0);
        b = new XsClient(store, 0);
    }

    private int start(XsClient c) {
        XsMessage reply = c.send(XsType.XS_TRANSACTION_START, 0, "");
        assertEquals(XsType.XS_TRANSACTION_START, reply.type(), text(reply));
        return Integer.parseInt(reply.payloadString().replace("\0", ""));
    }

    private String end(XsClient c, int tx, String commit) {
        return text(c.send(XsType.XS_TRANSACTION_END, tx, commit));
    }

    @Test
    void conflictingCommitGetsEagainAndRetrySucceeds() {
        int tx = start(a);
        assertEquals("0", text(a.send(XsType.XS_READ, tx, "/counter")));
        a.write(tx, "/counter", "a");
        assertEquals("OK|", b.write("/counter", "b"));
        assertEquals("ERROR:EAGAIN|", end(a, tx, "T"));
        assertEquals("b", store.read("/counter").orElseThrow(), "the failed commit changed nothing");
        assertEquals(0, store.transactionCount(0), "a failed commit still ends the transaction");

        int retry = start(a);
        assertEquals("b", text(a.send(XsType.XS_READ, retry, "/counter")));
        a.write(retry, "/counter", "b+a");
        assertEquals("OK|", end(a, retry, "T"));
        assertEquals("b+a", store.read("/counter").orElseThrow());
    }

    @Test
    void nodeAppearingMeanwhileIsAConflict() {
        int tx = start(a);
        assertEquals("ERROR:ENOENT|", text(a.send(XsType.XS_READ, tx, "/new")));
        b.write("/new", "x");
        assertEquals("ERROR:EAGAIN|", end(a, tx, "T"));
    }

    @Test
    void siblingsCreatedConcurrentlyConflictThroughTheirParent() {
        int tx = start(a);
        a.write(tx, "/dir/one", "");
        b.write("/dir/two", "");
        assertEquals("ERROR:EAGAIN|", end(a, tx, "T"));
        assertEquals(List.of("two"), store.directory("/dir"));
    }

    @Test
    void untouchedNodesChangingMeanwhileDoNotConflict() {
        store.write("/other", "0");
        int tx = start(a);
        a.write(tx, "/counter", "1");
        b.write("/other", "1");
        assertEquals("OK|", end(a, tx, "T"));
        assertEquals("1", store.read("/counter").orElseThrow());
    }

    @Test
    void transactionSeesItsOwnWritesAndOthersDoNotUntilCommit() {
        int tx = start(a);
        a.write(tx, "/counter", "5");
        assertEquals("5", text(a.send(XsType.XS_READ, tx, "/counter")));
        assertEquals("0", b.read("/counter"));
        assertEquals("0", a.read("/counter"), "outside the transaction, the same client sees the tree");
        assertEquals("OK|", end(a, tx, "T"));
        assertEquals("5", b.read("/counter"));
    }

    @Test
    void abortDiscardsEverything() {
        int nodes = store.nodeCount();
        int tx = start(a);
        a.write(tx, "/x/y/z", "v");
        a.send(XsType.XS_RM, tx, "/counter");
        assertEquals("OK|", end(a, tx, "F"));
        assertEquals(nodes, store.nodeCount());
        assertEquals("0", store.read("/counter").orElseThrow());
    }

    @Test
    void watchesFireOnlyWhenTheTransactionCommits() {
        b.send(XsType.XS_WATCH, 0, "/counter", "w");
        b.takeEvents();
        int tx = start(a);
        a.write(tx, "/counter", "9");
        assertTrue(b.events.isEmpty());
        end(a, tx, "T");
        assertEquals(List.of("/counter w"), b.takeEvents());

        int aborted = start(a);
        a.write(aborted, "/counter", "10");
        end(a, aborted, "F");
        assertTrue(b.events.isEmpty());
    }

    @Test
    void transactionIdsArePerConnectionAndChecked() {
        int tx = start(a);
        assertEquals("ERROR:ENOENT|", text(b.send(XsType.XS_READ, tx, "/counter")), "b has no such transaction");
        assertEquals("ERROR:ENOENT|", text(a.send(XsType.XS_READ, tx + 100, "/counter")));
        assertEquals("ERROR:EBUSY|", text(a.send(XsType.XS_TRANSACTION_START, tx, "")));
        assertEquals("ERROR:ENOENT|", end(a, 0, "T"));
        assertEquals("ERROR:EINVAL|", end(a, tx, "X"));
        assertEquals("OK|", end(a, tx, "F"));
        assertEquals("ERROR:ENOENT|", end(a, tx, "F"), "an ended transaction is gone");
    }

    @Test
    void errorReplyInTransactionKeepsItsId() {
        int tx = start(a);
        XsMessage reply = a.send(XsType.XS_READ, tx, "/missing");
        assertEquals(XsType.XS_ERROR, reply.type());
        assertEquals(tx, reply.txId());
    }

    @Test
    void toolstackTransactionAppliesAllAtOnce() {
        b.send(XsType.XS_WATCH, 0, "/vm", "w");
        b.takeEvents();
        store.inTransaction(t -> {
            t.write("/vm/u1/name", "guest");
            t.write("/vm/u1/uuid", "u1");
            assertEquals("guest", t.read("/vm/u1/name").orElseThrow());
            assertTrue(store.read("/vm/u1/name").isEmpty(), "invisible outside before commit");
            assertTrue(b.events.isEmpty());
        });
        assertEquals("u1", store.read("/vm/u1/uuid").orElseThrow());
        assertEquals(List.of("/vm/u1/name w", "/vm/u1/uuid w"), b.takeEvents(),
                "as in C, only the written nodes fire, not the parents created for them");
    }

    @Test
    void toolstackTransactionThatThrowsAppliesNothing() {
        int nodes = store.nodeCount();
        XsException e = assertThrows(XsException.class, () -> store.inTransaction(t -> {
            t.write("/a/b", "1");
            t.rm("/missing-parent/child");
        }));
        assertEquals(XsError.ENOENT, e.error());
        assertEquals(nodes, store.nodeCount());
        assertEquals(0, store.transactionCount(0));
    }
}
