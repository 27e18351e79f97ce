package io.xenon.runtime.xenstore;

import static io.xenon.runtime.xenstore.XsClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.xenstore.XsType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XsQuotaTest {

    private static final XsQuota SMALL = new XsQuota(10, 3, 2, 20, 256, 64, 3, 8);

    private XenStore store;
    private XsClient dom0;
    private XsClient dom5;

    @BeforeEach
    void setUp() {
        store = new XenStore(SMALL);
        XsFixtures.createDomain(store, 5);
        dom0 = new XsClient(store, 0);
        dom5 = new XsClient(store, 5);
    }

    @Test
    void defaultsAreCXenstoreds() {
        assertEquals(new XsQuota(1000, 128, 10, 20, 2048, 2048, 5, 1024), XsQuota.defaults());
    }

    @Test
    void nodeQuotaGivesENOSPCAndLosesNothing() {
        for (int i = 1; i < 10; i++) {
            assertEquals("OK|", dom5.write("n" + i, "v" + i));
        }
        assertEquals(10, store.nodeCount(5));
        int total = store.nodeCount();
        assertEquals("ERROR:ENOSPC|", dom5.write("n10", "v"));
        assertEquals("ERROR:ENOSPC|", dom5.write("deep/er", "v"), "no partial parents either");
        assertEquals(total, store.nodeCount());
        assertEquals("v9", dom5.read("n9"));
        assertEquals("OK|", dom5.write("n9", "changed"), "changing an existing node costs no node");
        assertEquals("OK|", text(dom5.send(XsType.XS_RM, 0, "n1")));
        assertEquals("OK|", dom5.write("n10", "v"));
    }

    @Test
    void nodeQuotaIsCheckedAgainAtCommit() {
        dom5.write("a/x", "");
        for (int i = 1; i <= 5; i++) {
            dom5.write("b/n" + i, "");
        }
        assertEquals(9, store.nodeCount(5));
        int tx = Integer.parseInt(dom5.send(XsType.XS_TRANSACTION_START, 0, "").payloadString().trim());
        assertEquals("OK|", dom5.write(tx, "a/t1", ""));
        assertEquals("OK|", dom5.write("b/n6", ""), "outside the transaction, the tenth node fits");
        assertEquals("ERROR:ENOSPC|", text(dom5.send(XsType.XS_TRANSACTION_END, tx, "T")));
        assertEquals(10, store.nodeCount(5));
        assertEquals("ERROR:ENOENT|", dom5.read("a/t1"));
    }

    @Test
    void dom0IsNotLimited() {
        for (int i = 0; i < 30; i++) {
            assertEquals("OK|", dom0.write("/local/domain/5/by-dom0-" + i, "x".repeat(1000)));
        }
        assertEquals(31, store.nodeCount(5), "nodes Dom0 creates under a DomU's home are the DomU's");
    }

    @Test
    void oversizedNodeGivesENOSPCAndKeepsTheOldValue() {
        dom5.write("big", "small");
        assertEquals("ERROR:ENOSPC|", dom5.write("big", "x".repeat(300)));
        assertEquals("small", dom5.read("big"));
        assertEquals("OK|", dom5.write("big", "x".repeat(200)));
    }

    @Test
    void watchQuotaGivesENOSPC() {
        for (int i = 0; i < 3; i++) {
            assertEquals("OK|", text(dom5.send(XsType.XS_WATCH, 0, "w", "t" + i)));
        }
        assertEquals("ERROR:ENOSPC|", text(dom5.send(XsType.XS_WATCH, 0, "w", "t3")));
        assertEquals(3, store.watchCount(5));
    }

    @Test
    void transactionQuotaGivesENOSPC() {
        dom5.send(XsType.XS_TRANSACTION_START, 0, "");
        dom5.send(XsType.XS_TRANSACTION_START, 0, "");
        assertEquals("ERROR:ENOSPC|", text(dom5.send(XsType.XS_TRANSACTION_START, 0, "")));
        assertEquals(2, store.transactionCount(5));
    }

    @Test
    void transactionTouchingTooManyNodesGetsENOSPC() {
        int tx = Integer.parseInt(dom5.send(XsType.XS_TRANSACTION_START, 0, "").payloadString().trim());
        String reply = "";
        for (int i = 0; i < 10 && !reply.equals("ERROR:ENOSPC|"); i++) {
            reply = text(dom5.send(XsType.XS_READ, tx, "n" + i));
        }
        assertEquals("ERROR:ENOSPC|", reply);
        assertEquals("OK|", text(dom5.send(XsType.XS_TRANSACTION_END, tx, "F")));
    }

    @Test
    void tooManyPermissionsGiveENOSPC() {
        dom5.write("p", "");
        assertEquals("ERROR:ENOSPC|", text(dom5.send(XsType.XS_SET_PERMS, 0, "p", "n5", "r1", "r2", "r3")));
        assertEquals("OK|", text(dom5.send(XsType.XS_SET_PERMS, 0, "p", "n5", "r1", "r2")));
    }

    @Test
    void pathBelowTheHomeLongerThanPathMaxIsEINVAL() {
        String ok = "a".repeat(64);
        assertEquals("OK|", dom5.write(ok, ""));
        assertEquals("ERROR:EINVAL|", dom5.write(ok + "b", ""));
        assertEquals("OK|", dom0.write("/local/domain/5/" + ok + "b", ""), "Dom0 is not limited");
    }
}
