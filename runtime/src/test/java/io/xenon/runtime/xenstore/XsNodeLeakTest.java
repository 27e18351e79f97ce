package io.xenon.runtime.xenstore;

import static io.xenon.runtime.xenstore.XsClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.xenstore.XsType;
import org.junit.jupiter.api.Test;

class XsNodeLeakTest {

    /** What libxl writes for a new PV domain with one vif and one vbd, in one transaction. */
    private static void createStandardNodes(XenStore store, int domid) {
        String home = "/local/domain/" + domid;
        String vm = "/vm/00000000-0000-0000-0000-" + String.format("%012d", domid);
        String back = "/local/domain/0/backend/vif/" + domid + "/0";
        store.inTransaction(t -> {
            t.mkdir(home);
            t.setPerms(home, XsPerms.of(XsPerm.none(0), XsPerm.read(domid)));
            t.write(vm + "/name", "guest" + domid);
            t.write(vm + "/uuid", vm.substring(4));
            t.write(home + "/vm", vm);
            t.write(home + "/name", "guest" + domid);
            t.write(home + "/domid", Integer.toString(domid));
            t.write(home + "/memory/static-max", "131072");
            t.write(home + "/memory/target", "131072");
            t.write(home + "/cpu/0/availability", "online");
            for (String d : new String[] {"control", "data", "device", "error", "drivers", "attr"}) {
                t.mkdir(home + "/" + d);
                t.setPerms(home + "/" + d, XsPerms.of(XsPerm.none(domid)));
            }
            t.write(home + "/control/shutdown", "");
            t.write(home + "/store/port", "1");
            t.write(home + "/device/vif/0/backend", back);
            t.write(home + "/device/vif/0/state", "1");
            t.write(back + "/frontend", home + "/device/vif/0");
            t.write(back + "/state", "1");
            t.setPerms(back, XsPerms.of(XsPerm.none(0), XsPerm.read(domid)));
        });
    }

    @Test
    void tenThousandDomainLifetimesLeaveTheTreeAsItWas() {
        XenStore store = new XenStore(XsQuota.defaults());
        store.mkdir("/local/domain/0/backend/vif");
        store.mkdir("/vm");
        XsClient dom0 = new XsClient(store, 0);
        dom0.send(XsType.XS_WATCH, 0, "@releaseDomain", "rel");
        dom0.takeEvents();
        int nodes = store.nodeCount();
        int dom0Nodes = store.nodeCount(0);

        for (int i = 0; i < 10_000; i++) {
            int domid = 1 + i % 50;
            store.introduceDomain(domid);
            createStandardNodes(store, domid);
            XsClient guest = new XsClient(store, domid);
            assertEquals("OK|", guest.write("data/counter", Integer.toString(i)));
            assertEquals("OK|", text(guest.send(XsType.XS_WATCH, 0, "control/shutdown", "s")));
            guest.send(XsType.XS_TRANSACTION_START, 0, "");
            assertEquals("OK|", guest.write("device/vif/0/state", "4"));

            store.releaseDomain(domid);
            store.disconnect(guest.conn);
            store.rm("/local/domain/" + domid);
            store.rm("/local/domain/0/backend/vif/" + domid);
            store.rm("/vm/00000000-0000-0000-0000-" + String.format("%012d", domid));

            assertEquals(0, store.nodeCount(domid));
            assertEquals(0, store.watchCount(domid));
            assertEquals(0, store.transactionCount(domid));
        }
        assertEquals(nodes, store.nodeCount());
        assertEquals(dom0Nodes, store.nodeCount(0));
        assertEquals(10_000, dom0.takeEvents().stream().filter(e -> e.startsWith("@releaseDomain")).count());
    }
}
