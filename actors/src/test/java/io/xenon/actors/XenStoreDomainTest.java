package io.xenon.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.ShutdownReason;
import io.xenon.abi.xenstore.XsType;
import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.Position;
import io.xenon.runtime.config.VifSpec;
import io.xenon.runtime.config.XlConf;
import io.xenon.runtime.domain.DomainInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XenStore as domains and the toolstack use it: standard nodes, control/shutdown, permissions, @releaseDomain. */
class XenStoreDomainTest extends HostTestBase {

    @Test
    void standardNodesAreWrittenAtCreateAndRemovedWhenTheDomainDies() {
        XsProbe xs = xenstore();
        assertEquals("Domain-0", xs.read("/local/domain/0/name"));
        Reply.Created c = create(TestConfigs.idle("nodes"));
        int id = c.domid().value();
        String home = "/local/domain/" + id;
        assertEquals("nodes", xs.read(home + "/name"));
        assertEquals(Integer.toString(id), xs.read(home + "/domid"));
        assertEquals(Long.toString(128 * 1024), xs.read(home + "/memory/static-max"));
        assertEquals("online", xs.read(home + "/cpu/0/availability"));
        String vm = xs.read(home + "/vm");
        assertEquals("nodes", xs.read(vm + "/name"));
        assertTrue(xs.read(vm + "/start_time").matches("\\d+\\.\\d\\d"));
        assertEquals("n0\0r" + id + "\0", xs.request(XsType.XS_GET_PERMS, home).payloadString());
        assertEquals("n" + id + "\0", xs.request(XsType.XS_GET_PERMS, home + "/control/shutdown").payloadString());

        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.DestroyDomain("nodes", r)));
        awaitCondition(() -> xs.read(home).equals("ENOENT") && xs.read(vm).equals("ENOENT")
                && xs.read("/libxl/" + id).equals("ENOENT"));
    }

    @Test
    void aGuestObeysControlShutdownAndAcknowledgesIt() {
        create(TestConfigs.idle("polite"));
        DomainInfo up = awaitDomain("polite", DomainInfo::blocked);
        XsProbe xs = xenstore();
        xs.request(XsType.XS_WATCH, "@releaseDomain", "release");
        assertEquals("@releaseDomain", xs.nextEvent(Duration.ofSeconds(5)));
        assertInstanceOf(Reply.Done.class,
                ask(r -> new HypervisorActor.ShutdownDomain("polite", ShutdownReason.POWEROFF, true, r), Duration.ofSeconds(10)));
        awaitGone("polite");
        assertEquals("@releaseDomain", xs.nextEvent(Duration.ofSeconds(5)), "fired when the domain shut down");
        assertNotNull(up);
    }

    @Test
    void aDeafGuestStaysUpAndItsShutdownRequestStaysInXenStore() throws Exception {
        Reply.Created c = create(TestConfigs.config("deaf", "java:" + TestKernels.Deaf.class.getName(), 64, 1,
                Action.DESTROY, null));
        awaitDomain("deaf", DomainInfo::blocked);
        assertInstanceOf(Reply.Done.class,
                ask(r -> new HypervisorActor.ShutdownDomain("deaf", ShutdownReason.POWEROFF, false, r)));
        XsProbe xs = xenstore();
        assertEquals("poweroff", xs.read("/local/domain/" + c.domid().value() + "/control/shutdown"));
        Thread.sleep(300);
        assertFalse(find("deaf").orElseThrow().shutdown());
    }

    @Test
    void aDomUReachesItsOwnNodesButNotAnotherDomainsWhileDom0ReachesAll() {
        Reply.Created victim = create(TestConfigs.idle("victim"));
        String other = "/local/domain/" + victim.domid().value();
        String kernel = "java:" + TestKernels.XsTry.class.getName();
        create(TestConfigs.config("own", kernel, 64, 1, Action.DESTROY, "op=read path=name"));
        create(TestConfigs.config("peek", kernel, 64, 1, Action.DESTROY, "op=read path=" + other + "/name"));
        create(TestConfigs.config("poke", kernel, 64, 1, Action.DESTROY, "op=write path=" + other + "/data/x value=1"));
        create(TestConfigs.config("chmod", kernel, 64, 1, Action.DESTROY, "op=write path=data/mine value=1"));
        awaitConsole("own", "read name: own");
        awaitConsole("peek", "read " + other + "/name: EACCES");
        awaitConsole("poke", "write " + other + "/data/x: EACCES");
        awaitConsole("chmod", "write data/mine: OK");
        XsProbe xs = xenstore();
        assertEquals("victim", xs.read(other + "/name"));
        assertEquals("ENOENT", xs.read(other + "/data/x"));
    }

    @Test
    void vifsGetLibxlsDirectoriesAndAttachAndDetachFollowThem() {
        VifSpec first = vif("mac=00:16:3e:0a:0b:0c,bridge=br1");
        DomainConfig config = TestConfigs.idle("net");
        config = new DomainConfig(config.name(), config.type(), config.memoryMiB(), config.maxmemMiB(), config.vcpus(),
                config.maxvcpus(), null, null, 256, 0, Action.DESTROY, Action.RESTART, Action.DESTROY, Action.DESTROY,
                Action.SOFT_RESET, config.kernel(), null, null, null, null, null, List.of(), List.of(first), List.of(),
                64, 1023, java.util.Map.of(), List.of(), "<test>");
        int id = create(config).domid().value();
        XsProbe xs = xenstore();
        String fe = "/local/domain/" + id + "/device/vif/0";
        String be = "/local/domain/0/backend/vif/" + id + "/0";
        awaitCondition(() -> xs.read(fe + "/state").equals("1"));
        assertEquals(be, xs.read(fe + "/backend"));
        assertEquals("00:16:3e:0a:0b:0c", xs.read(fe + "/mac"));
        assertEquals("br1", xs.read(be + "/bridge"));
        assertEquals(fe, xs.read(be + "/frontend"));
        assertEquals("1", xs.read(be + "/online"));
        assertEquals("n" + id + "\0r0\0", xs.request(XsType.XS_GET_PERMS, fe).payloadString());
        assertEquals("n0\0r" + id + "\0", xs.request(XsType.XS_GET_PERMS, be).payloadString());

        Reply attached = ask(r -> new HypervisorActor.AttachNic("net", vif("bridge=br2"), r));
        assertEquals(new Reply.Done("1"), attached);
        assertTrue(xs.read("/local/domain/0/backend/vif/" + id + "/1/mac").startsWith("00:16:3e:"));
        assertInstanceOf(Reply.Rejected.class, ask(r -> new HypervisorActor.AttachNic("net", vif("devid=1"), r)));
        assertEquals(new Reply.Done(""), ask(r -> new HypervisorActor.DetachDevice("net", "vif", "00:16:3e:0a:0b:0c", r)));
        assertEquals("ENOENT", xs.read(fe));
        assertEquals("ENOENT", xs.read(be));
        assertInstanceOf(Reply.Rejected.class, ask(r -> new HypervisorActor.DetachDevice("net", "vif", "0", r)));

        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.DestroyDomain("net", r)));
        awaitCondition(() -> xs.read("/local/domain/0/backend/vif/" + id).equals("ENOENT"));
    }

    private static VifSpec vif(String spec) {
        try {
            return VifSpec.parse(spec, new Position("<test>", 1, 1), XlConf.defaults(), new java.util.ArrayList<>());
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitConsole(String dom, String text) {
        HypervisorActor.ConsoleReply console = askConsole(dom);
        awaitCondition(() -> new String(console.log().snapshot()).contains(text));
    }
}
