package io.xenon.runtime.xenstore;

import static io.xenon.runtime.xenstore.XsClient.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.abi.xenstore.XsWire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XsMalformedRequestTest {

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

    private String raw(XsClient c, XsType type, String payload) {
        return text(c.sendRaw(type.number(), 0, payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    @Test
    void errorReplyIsXsErrorWithTheNameAndANul() {
        XsMessage reply = dom0.sendRaw(XsType.XS_READ.number(), 0, "/nope".getBytes());
        assertEquals(XsType.XS_ERROR.number(), reply.rawType());
        assertArrayEquals("EINVAL\0".getBytes(), reply.payload());
    }

    @Test
    void singleArgumentMustEndInItsOnlyNul() {
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_READ, ""));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_READ, "/tool"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_READ, "/tool\0extra\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_MKDIR, "/x\0y"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_RM, ""));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_GET_DOMAIN_PATH, "5"));
        assertEquals("", raw(dom0, XsType.XS_READ, "/tool\0"));
    }

    @Test
    void writeNeedsANulAfterThePath() {
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_WRITE, "/x"));
        assertEquals("OK|", raw(dom0, XsType.XS_WRITE, "/x\0bin\0ary"));
        assertArrayEquals("bin\0ary".getBytes(), dom0.sendRaw(XsType.XS_READ.number(), 0, "/x\0".getBytes()).payload());
    }

    @Test
    void badPathsAreEINVAL() {
        for (String bad : new String[] {"/a b", "/a/", "/a//b", "//", "/a.b", "/ä", "@special", "", "rel/"}) {
            assertEquals("ERROR:EINVAL|", dom0.write(bad, "v"), bad);
            assertEquals("ERROR:EINVAL|", dom5.read(bad), bad);
        }
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_RM, "/\0"), "the root cannot be removed");
    }

    @Test
    void overlongPathsAreEINVAL() {
        String rel = "a".repeat(XsWire.XENSTORE_REL_PATH_MAX + 1);
        assertEquals("ERROR:EINVAL|", dom5.write(rel, ""));
        assertEquals("ERROR:EINVAL|", dom5.write("/local/domain/5/" + rel, ""));
        String abs = "/" + "b".repeat(XsWire.XENSTORE_ABS_PATH_MAX);
        assertEquals("ERROR:EINVAL|", dom0.write(abs, ""));
        assertEquals("OK|", dom0.write(abs.substring(0, XsWire.XENSTORE_ABS_PATH_MAX), ""));
    }

    @Test
    void unknownAndReplyOnlyTypesAreENOSYS() {
        assertEquals("ERROR:ENOSYS|", text(dom0.sendRaw(20, 0, "/\0".getBytes())));
        assertEquals("ERROR:ENOSYS|", text(dom0.sendRaw(99, 0, new byte[0])));
        assertEquals("ERROR:ENOSYS|", text(dom0.sendRaw(-1, 0, new byte[0])));
        assertEquals("ERROR:ENOSYS|", raw(dom0, XsType.XS_WATCH_EVENT, "/a\0t\0"));
        assertEquals("ERROR:ENOSYS|", raw(dom0, XsType.XS_ERROR, "EINVAL\0"));
        assertEquals("ERROR:ENOSYS|", raw(dom5, XsType.XS_GET_FEATURE, "5\0"));
        assertEquals("ERROR:EACCES|", raw(dom5, XsType.XS_CONTROL, "check\0"), "privilege is checked first");
    }

    @Test
    void watchNeedsExactlyPathAndToken() {
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_WATCH, "/a\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_WATCH, "/a\0tok\0" + "1\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_WATCH, "/a b\0tok\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_UNWATCH, "/a"));
        assertEquals(0, store.watchCount(0));
    }

    @Test
    void setPermsNeedsAPathAndValidEntries() {
        dom0.write("/p", "");
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_SET_PERMS, "/p\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_SET_PERMS, "/p\0x5\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_SET_PERMS, "/p\0r\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_SET_PERMS, "/p\0r-1\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_SET_PERMS, "/p\0r70000\0"));
        assertEquals("ERROR:ENOENT|", raw(dom0, XsType.XS_SET_PERMS, "/q\0r1\0"));
        assertEquals("n0|", raw(dom0, XsType.XS_GET_PERMS, "/p\0"));
    }

    @Test
    void removingAMissingNodeIsFineOnlyIfItsParentExists() {
        assertEquals("OK|", raw(dom0, XsType.XS_RM, "/tool/nothing\0"));
        assertEquals("ERROR:ENOENT|", raw(dom0, XsType.XS_RM, "/nothing/below\0"));
    }

    @Test
    void domainMessagesCheckTheirArguments() {
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_INTRODUCE, "7\0" + "1\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_INTRODUCE, "7\0" + "1\0" + "0\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_INTRODUCE, "99999\0" + "1\0" + "3\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_RELEASE, "0\0"));
        assertEquals("ERROR:ENOENT|", raw(dom0, XsType.XS_RELEASE, "8\0"));
        assertEquals("ERROR:ENOENT|", raw(dom0, XsType.XS_RESUME, "8\0"));
        assertEquals("OK|", raw(dom0, XsType.XS_RESUME, "5\0"));
        assertEquals("ERROR:ENOENT|", raw(dom0, XsType.XS_SET_TARGET, "5\0" + "8\0"));
        assertEquals("ERROR:EINVAL|", raw(dom0, XsType.XS_SET_TARGET, "5\0"));
    }

    @Test
    void oversizedPayloadIsE2BIG() {
        byte[] big = new byte[XsWire.XENSTORE_PAYLOAD_MAX + 1];
        big[0] = '/';
        assertEquals("ERROR:E2BIG|", text(dom0.sendRaw(XsType.XS_WRITE.number(), 0, big)));
    }

    @Test
    void randomRequestsGetAReplyOfTheirTypeOrANamedError() {
        java.util.Random rnd = new java.util.Random(42);
        byte[] alphabet = "/a@0\0".getBytes();
        for (int i = 0; i < 5000; i++) {
            byte[] p = new byte[rnd.nextInt(40)];
            for (int j = 0; j < p.length; j++) {
                p[j] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
            }
            int type = rnd.nextInt(30);
            XsMessage reply = (rnd.nextBoolean() ? dom0 : dom5).sendRaw(type, rnd.nextInt(3), p);
            if (reply.rawType() == XsType.XS_ERROR.number()) {
                String name = reply.payloadString();
                assertEquals('\0', name.charAt(name.length() - 1));
                assertNotNull(XsError.ofName(name.substring(0, name.length() - 1)), name);
            } else {
                assertEquals(type, reply.rawType());
            }
        }
    }
}
