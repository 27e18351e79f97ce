package io.xenon.runtime.xenstore;

import static io.xenon.runtime.xenstore.XsClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.xenstore.XsType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XsPermissionTest {

    private XenStore store;
    private XsClient dom0;
    private XsClient dom5;

    @BeforeEach
    void setUp() {
        store = new XenStore(XsQuota.defaults());
        XsFixtures.createDomain(store, 5);
        XsFixtures.createDomain(store, 6);
        store.write("/local/domain/6/secret", "s6");
        dom0 = new XsClient(store, 0);
        dom5 = new XsClient(store, 5);
    }

    @Test
    void domUCannotReadAnotherDomainsNode() {
        assertEquals("ERROR:EACCES|", dom5.read("/local/domain/6/secret"));
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_DIRECTORY, 0, "/local/domain/6")));
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_GET_PERMS, 0, "/local/domain/6/secret")));
    }

    @Test
    void domUCannotLearnWhetherAnUnreadableNodeExists() {
        assertEquals("ERROR:EACCES|", dom5.read("/local/domain/6/no-such-node"));
        assertEquals("ERROR:ENOENT|", dom5.read("no-such-node"));
    }

    @Test
    void domUCannotWriteAnotherDomainsNodes() {
        assertEquals("ERROR:EACCES|", dom5.write("/local/domain/6/secret", "mine"));
        assertEquals("ERROR:EACCES|", dom5.write("/local/domain/6/new", "mine"));
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_RM, 0, "/local/domain/6/secret")));
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_MKDIR, 0, "/local/domain/6/dir")));
        assertEquals("s6", store.read("/local/domain/6/secret").orElseThrow());
        assertTrue(store.read("/local/domain/6/new").isEmpty());
    }

    @Test
    void domUCannotWatchAnotherDomainsNodes() {
        dom5.send(XsType.XS_WATCH, 0, "/local/domain/6", "t");
        dom5.takeEvents();
        store.write("/local/domain/6/secret", "changed");
        store.rm("/local/domain/6/secret");
        assertEquals(0, dom5.events.size());
    }

    @Test
    void domUCannotChangeAnotherDomainsPermissions() {
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_SET_PERMS, 0, "/local/domain/6/secret", "b5")));
        assertEquals("n6", store.getPerms("/local/domain/6/secret").toString());
    }

    @Test
    void domUCannotGiveAwayItsOwnNode() {
        dom5.write("data/x", "1");
        assertEquals("ERROR:EPERM|", text(dom5.send(XsType.XS_SET_PERMS, 0, "data/x", "n6")));
        assertEquals("OK|", text(dom5.send(XsType.XS_SET_PERMS, 0, "data/x", "n5", "r6")));
        assertEquals("n5|r6|", text(dom5.send(XsType.XS_GET_PERMS, 0, "data/x")));
    }

    @Test
    void dom0MayDoAnythingAnywhere() {
        assertEquals("s6", dom0.read("/local/domain/6/secret"));
        assertEquals("OK|", dom0.write("/local/domain/6/secret", "by-dom0"));
        assertEquals("OK|", text(dom0.send(XsType.XS_SET_PERMS, 0, "/local/domain/6/secret", "n5")));
        assertEquals("by-dom0", dom5.read("/local/domain/6/secret"));
        assertEquals("OK|", text(dom0.send(XsType.XS_RM, 0, "/local/domain/6/secret")));
    }

    @Test
    void domUWorksInItsOwnSubtreeWithRelativePaths() {
        assertEquals("OK|", dom5.write("data/a/b", "v"));
        assertEquals("v", dom5.read("data/a/b"));
        assertEquals("v", dom5.read("/local/domain/5/data/a/b"));
        assertEquals("b|", text(dom5.send(XsType.XS_DIRECTORY, 0, "data/a")));
        assertEquals("OK|", text(dom5.send(XsType.XS_RM, 0, "data")));
        assertEquals("ERROR:ENOENT|", dom5.read("data/a/b"));
    }

    @Test
    void nodeCreatedByDomUInheritsParentPermissionsWithItselfAsOwner() {
        store.write("/shared", "");
        store.setPerms("/shared", XsPerms.of(XsPerm.read(0), XsPerm.both(5), XsPerm.read(7)));
        assertEquals("OK|", dom5.write("/shared/x/y", "1"));
        assertEquals("r5|b5|r7|", text(dom5.send(XsType.XS_GET_PERMS, 0, "/shared/x/y")));
        assertEquals("r5 b5 r7", store.getPerms("/shared/x").toString());
        assertEquals(3, store.nodeCount(5), "the home and the two new nodes are dom5's");
    }

    @Test
    void nodeCreatedByDom0InheritsParentPermissionsUnchanged() {
        store.write("/local/domain/5/device/vif/0/state", "1");
        assertEquals("n5", store.getPerms("/local/domain/5/device/vif/0/state").toString());
    }

    @Test
    void grantedReadLetsAnotherDomainReadButNotWrite() {
        store.setPerms("/local/domain/6/secret", XsPerms.of(XsPerm.none(6), XsPerm.read(5)));
        assertEquals("s6", dom5.read("/local/domain/6/secret"));
        assertEquals("ERROR:EACCES|", dom5.write("/local/domain/6/secret", "x"));
    }

    @Test
    void ownerLetterIsTheDefaultForOtherDomains() {
        store.write("/pub", "hello");
        store.setPerms("/pub", XsPerms.of(XsPerm.read(0)));
        assertEquals("hello", dom5.read("/pub"));
        assertEquals("ERROR:EACCES|", dom5.write("/pub", "x"));
    }

    @Test
    void controlDomainOnlyMessagesAreRefusedToDomU() {
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_INTRODUCE, 0, "7", "1", "3")));
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_RELEASE, 0, "6")));
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_IS_DOMAIN_INTRODUCED, 0, "6")));
        assertEquals("ERROR:EACCES|", text(dom5.send(XsType.XS_SET_TARGET, 0, "5", "6")));
        assertTrue(store.isDomainIntroduced(6));
    }

    @Test
    void deviceModelTargetActsForItsDomain() {
        XsFixtures.createDomain(store, 7);
        XsClient dm = new XsClient(store, 7);
        assertEquals("ERROR:EACCES|", dm.read("/local/domain/6/secret"));
        assertEquals("OK|", text(dom0.send(XsType.XS_SET_TARGET, 0, "7", "6")));
        assertEquals("s6", dm.read("/local/domain/6/secret"));
    }
}
