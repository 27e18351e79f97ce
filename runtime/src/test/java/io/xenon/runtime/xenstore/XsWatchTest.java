package io.xenon.runtime.xenstore;

import static io.xenon.runtime.xenstore.XsClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XsWatchTest {

    private XenStore store;
    private XsClient dom0;
    private XsClient dom5;

    @BeforeEach
    void setUp() {
        store = new XenStore(XsQuota.defaults());
        XsFixtures.createDomain(store, 5);
        dom0 = new XsClient(store, 0);
        dom5 = new XsClient(store, 5);
    }

    @Test
    void watchFiresOnRegistrationAndOnChangesBelowIt() {
        assertEquals("OK|", text(dom0.send(XsType.XS_WATCH, 0, "/local/domain/5/device", "tok")));
        assertEquals(List.of("/local/domain/5/device tok"), dom0.takeEvents());
        store.write("/local/domain/5/device/vif/0/state", "1");
        store.write("/local/domain/5/devices-not-below", "x");
        assertEquals(List.of("/local/domain/5/device/vif/0/state tok"), dom0.takeEvents());
    }

    @Test
    void eventIsAWatchEventWithZeroIds() {
        dom0.send(XsType.XS_WATCH, 0, "/tool", "t");
        XsMessage event = dom0.events.get(0);
        assertEquals(XsMessage.watchEvent("/tool", "t"), event);
    }

    @Test
    void relativeWatchOfADomUReportsRelativePaths() {
        assertEquals("OK|", text(dom5.send(XsType.XS_WATCH, 0, "control", "c")));
        assertEquals(List.of("control c"), dom5.takeEvents());
        store.write("/local/domain/5/control/shutdown", "poweroff");
        assertEquals(List.of("control/shutdown c"), dom5.takeEvents());
    }

    @Test
    void absoluteWatchOfADomUReportsAbsolutePaths() {
        dom5.send(XsType.XS_WATCH, 0, "/local/domain/5/control", "c");
        dom5.takeEvents();
        store.write("/local/domain/5/control/shutdown", "reboot");
        assertEquals(List.of("/local/domain/5/control/shutdown c"), dom5.takeEvents());
    }

    @Test
    void removalFiresForTheTopAndEachRemovedChild() {
        store.write("/a/b/c", "1");
        store.write("/a/b/d", "2");
        dom0.send(XsType.XS_WATCH, 0, "/a", "above");
        dom0.send(XsType.XS_WATCH, 0, "/a/b/c", "child");
        dom0.send(XsType.XS_WATCH, 0, "/a/b/zzz", "missing");
        dom0.takeEvents();
        dom0.send(XsType.XS_RM, 0, "/a/b");
        assertEquals(List.of("/a/b/c child", "/a/b above"), dom0.takeEvents());
    }

    @Test
    void permissionChangeFiresForWatchersWhoCouldReadBefore() {
        store.write("/local/domain/5/data/x", "1");
        dom5.send(XsType.XS_WATCH, 0, "data", "d");
        dom5.takeEvents();
        store.write("/local/domain/5/data", "");
        dom5.takeEvents();
        store.setPerms("/local/domain/5/data/x", XsPerms.of(XsPerm.none(0)));
        store.setPerms("/local/domain/5/data", XsPerms.of(XsPerm.none(0)));
        assertEquals(List.of("data/x d", "data d"), dom5.takeEvents());
        store.write("/local/domain/5/data/x", "2");
        assertTrue(dom5.events.isEmpty(), "neither the node nor its parent is readable now");
    }

    @Test
    void unwatchStopsEventsAndUnknownWatchIsENOENT() {
        dom0.send(XsType.XS_WATCH, 0, "/w", "t");
        assertEquals("OK|", text(dom0.send(XsType.XS_UNWATCH, 0, "/w", "t")));
        dom0.takeEvents();
        store.write("/w", "1");
        assertTrue(dom0.events.isEmpty());
        assertEquals("ERROR:ENOENT|", text(dom0.send(XsType.XS_UNWATCH, 0, "/w", "t")));
    }

    @Test
    void sameWatchTwiceIsEEXISTButAnotherTokenIsFine() {
        dom5.send(XsType.XS_WATCH, 0, "data", "t");
        assertEquals("ERROR:EEXIST|", text(dom5.send(XsType.XS_WATCH, 0, "/local/domain/5/data", "t")));
        assertEquals("OK|", text(dom5.send(XsType.XS_WATCH, 0, "data", "u")));
        assertEquals(2, store.watchCount(5));
    }

    @Test
    void releaseDomainFiresAtReleaseDomainForDom0() {
        dom0.send(XsType.XS_WATCH, 0, "@releaseDomain", "rel");
        dom0.send(XsType.XS_WATCH, 0, "/", "all");
        dom0.takeEvents();
        store.releaseDomain(5);
        List<String> events = dom0.takeEvents();
        assertEquals("@releaseDomain rel", events.get(events.size() - 1));
        assertTrue(events.contains("/local/domain/5 all"), "the domain's nodes were removed");
        assertTrue(!events.contains("@releaseDomain all"), "special paths match exactly only");
    }

    @Test
    void introduceDomainFiresAtIntroduceDomain() {
        dom0.send(XsType.XS_WATCH, 0, "@introduceDomain", "intro");
        dom0.takeEvents();
        assertEquals("OK|", text(dom0.send(XsType.XS_INTRODUCE, 0, "9", "4096", "3")));
        assertEquals(List.of("@introduceDomain intro"), dom0.takeEvents());
        assertEquals("T|", text(dom0.send(XsType.XS_IS_DOMAIN_INTRODUCED, 0, "9")));
    }

    @Test
    void specialWatchReachesADomUOnlyIfGrantedOnTheSpecialNode() {
        dom5.send(XsType.XS_WATCH, 0, "@releaseDomain", "rel");
        dom5.takeEvents();
        XsFixtures.createDomain(store, 6);
        store.releaseDomain(6);
        assertTrue(dom5.events.isEmpty());
        store.setPerms("@releaseDomain", XsPerms.of(XsPerm.none(0), XsPerm.read(5)));
        assertEquals(List.of("@releaseDomain rel"), dom5.takeEvents(), "a permission change fires too");
        XsFixtures.createDomain(store, 7);
        store.releaseDomain(7);
        assertEquals(List.of("@releaseDomain rel"), dom5.takeEvents());
    }

    @Test
    void releasedDomainLosesItsWatchesAndTransactions() {
        dom5.send(XsType.XS_WATCH, 0, "data", "t");
        dom5.send(XsType.XS_TRANSACTION_START, 0, "");
        store.releaseDomain(5);
        assertEquals(0, store.watchCount(5));
        assertEquals(0, store.transactionCount(5));
        assertEquals(0, store.nodeCount(5));
        assertEquals("ERROR:ENOENT|", text(dom0.send(XsType.XS_RELEASE, 0, "5")));
    }

    @Test
    void resetWatchesDropsWatchesAndTransactions() {
        dom5.send(XsType.XS_WATCH, 0, "data", "t");
        dom5.send(XsType.XS_TRANSACTION_START, 0, "");
        assertEquals("OK|", text(dom5.send(XsType.XS_RESET_WATCHES, 0, "")));
        assertEquals(0, store.watchCount(5));
        assertEquals(0, store.transactionCount(5));
    }

    @Test
    void disconnectDropsWatches() {
        dom5.send(XsType.XS_WATCH, 0, "data", "t");
        store.disconnect(dom5.conn);
        assertEquals(0, store.watchCount(5));
    }
}
