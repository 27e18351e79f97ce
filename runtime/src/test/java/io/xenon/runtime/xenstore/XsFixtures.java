package io.xenon.runtime.xenstore;

/** Builds the nodes a toolstack gives a domain, as libxl does, for tests. */
final class XsFixtures {

    private XsFixtures() {
    }

    /** Introduces the domain and creates its home, owned by it, in one transaction. */
    static void createDomain(XenStore store, int domid) {
        store.introduceDomain(domid);
        String home = "/local/domain/" + domid;
        store.inTransaction(t -> {
            t.mkdir(home);
            t.setPerms(home, XsPerms.of(XsPerm.none(domid)));
        });
    }
}
