package io.xenon.runtime.xenstore;

import static io.xenon.runtime.xenstore.XsClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.abi.xenstore.XsWire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XsDirectoryTest {

    private XenStore store;
    private XsClient dom0;

    @BeforeEach
    void setUp() {
        store = new XenStore(XsQuota.defaults());
        dom0 = new XsClient(store, 0);
    }

    @Test
    void freshStoreHasCXenstoredsInitialNodes() {
        assertEquals("tool|", text(dom0.send(XsType.XS_DIRECTORY, 0, "/")));
        assertEquals("xenstored|", text(dom0.send(XsType.XS_DIRECTORY, 0, "/tool")));
        assertEquals("n0|", text(dom0.send(XsType.XS_GET_PERMS, 0, "@releaseDomain")));
        assertEquals(5, store.nodeCount());
    }

    @Test
    void directoryListsChildrenInCreationOrder() {
        store.write("/d/zeta", "");
        store.write("/d/alpha/deep", "");
        store.mkdir("/d/mid");
        assertEquals("zeta|alpha|mid|", text(dom0.send(XsType.XS_DIRECTORY, 0, "/d")));
        assertEquals("", text(dom0.send(XsType.XS_DIRECTORY, 0, "/d/mid")));
        assertEquals("ERROR:ENOENT|", text(dom0.send(XsType.XS_DIRECTORY, 0, "/none")));
        store.rm("/d/alpha");
        assertEquals(List.of("zeta", "mid"), store.directory("/d"));
    }

    @Test
    void mkdirKeepsAnExistingValue() {
        store.write("/v", "keep");
        assertEquals("OK|", text(dom0.send(XsType.XS_MKDIR, 0, "/v")));
        assertEquals("keep", store.read("/v").orElseThrow());
    }

    @Test
    void directoryPartPagesThroughALongListWithTheGeneration() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String name = "child-with-a-fairly-long-name-" + i;
            names.add(name);
            store.write("/big/" + name, "");
        }
        assertEquals("ERROR:E2BIG|", text(dom0.send(XsType.XS_DIRECTORY, 0, "/big")),
                "the whole list does not fit one reply");
        List<String> seen = new ArrayList<>();
        String generation = null;
        int offset = 0;
        while (true) {
            XsMessage reply = dom0.send(XsType.XS_DIRECTORY_PART, 0, "/big", Integer.toString(offset));
            assertEquals(XsType.XS_DIRECTORY_PART, reply.type(), text(reply));
            assertTrue(reply.payload().length <= XsWire.XENSTORE_PAYLOAD_MAX);
            String[] parts = reply.payloadString().split("\0", -1);
            generation = generation == null ? parts[0] : generation;
            assertEquals(generation, parts[0], "the generation stays while the node does not change");
            boolean last = reply.payloadString().endsWith("\0\0");
            for (int i = 1; i < parts.length && !parts[i].isEmpty(); i++) {
                seen.add(parts[i]);
                offset += parts[i].length() + 1;
            }
            if (last) {
                break;
            }
        }
        assertEquals(names, seen);
    }

    @Test
    void directoryPartPastTheEndIsAnEmptyList() {
        store.write("/p/a", "");
        XsMessage reply = dom0.send(XsType.XS_DIRECTORY_PART, 0, "/p", "100");
        assertTrue(reply.payloadString().matches("[0-9]+\0\0"), text(reply));
        assertEquals("ERROR:EINVAL|", text(dom0.send(XsType.XS_DIRECTORY_PART, 0, "/p")));
    }

    @Test
    void domainPathAndIntroductionQueries() {
        assertEquals("/local/domain/7|", text(dom0.send(XsType.XS_GET_DOMAIN_PATH, 0, "7")));
        assertEquals("F|", text(dom0.send(XsType.XS_IS_DOMAIN_INTRODUCED, 0, "7")));
        store.introduceDomain(7);
        assertEquals("T|", text(dom0.send(XsType.XS_IS_DOMAIN_INTRODUCED, 0, "7")));
        assertEquals("T|", text(dom0.send(XsType.XS_IS_DOMAIN_INTRODUCED, 0, "0")));
        assertEquals("T|", text(dom0.send(XsType.XS_IS_DOMAIN_INTRODUCED, 0, "32752")), "DOMID_SELF");
    }
}
