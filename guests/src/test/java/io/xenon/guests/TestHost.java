package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.xenon.actors.HostSettings;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.guest.GuestLoader;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/** A hypervisor with the built-in guests and Domain-0's real back ends, in an actor test kit. */
final class TestHost implements AutoCloseable {

    private final ActorTestKit kit;
    private final ActorRef<HypervisorActor.Command> hv;

    TestHost(Path stateDir) {
        this(stateDir, "");
    }

    /** A host whose configuration adds {@code extra} (HOCON, e.g. its networks). */
    TestHost(Path stateDir, String extra) {
        Config config = ConfigFactory.parseString(extra).withFallback(ConfigFactory.parseString("""
                xenon.state-dir = "%s"
                xenon.host.memory = 2G
                xenon.host.pcpus = 2
                xenon.dom0.memory = 512M
                """.formatted(stateDir))).withFallback(ConfigFactory.load());
        HostSettings settings = HostSettings.from(config);
        kit = ActorTestKit.create(settings.pekkoOverrides().withFallback(config));
        hv = kit.spawn(HypervisorActor.create(settings, new GuestLoader(getClass().getClassLoader())), "hypervisor");
    }

    /** Creates a domain from xl.cfg text. */
    Reply.Created create(String cfg) throws ConfigException {
        DomainConfig config = DomainConfigs.read(cfg, "<test>", List.of());
        return assertInstanceOf(Reply.Created.class, ask(r -> new HypervisorActor.CreateDomain(config, false, r)));
    }

    Reply ask(Function<ActorRef<Reply>, HypervisorActor.Command> command) {
        TestProbe<Reply> probe = kit.createTestProbe();
        hv.tell(command.apply(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(10));
    }

    HypervisorActor.ConsoleReply console(String dom) {
        TestProbe<HypervisorActor.ConsoleReply> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.OpenConsole(dom, probe.ref()));
        return probe.receiveMessage();
    }

    String consoleText(String dom) {
        return new String(console(dom).log().snapshot());
    }

    List<io.xenon.actors.xenstore.DeviceInfo> devices(String dom, String kind) {
        TestProbe<XenStoreActor.DeviceList> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.ListDevices(dom, kind, probe.ref()));
        return probe.receiveMessage().devices();
    }

    /** The value of XenStore node {@code path} as Domain-0 reads it, or null if it is missing. */
    String read(String path) {
        TestProbe<org.apache.pekko.actor.typed.ActorRef<XenStoreActor.Command>> store = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetXenStore(store.ref()));
        java.util.concurrent.BlockingQueue<io.xenon.abi.xenstore.XsMessage> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        Object key = new Object();
        var xenstored = store.receiveMessage();
        xenstored.tell(new XenStoreActor.OpenClient(key, replies::add));
        xenstored.tell(new XenStoreActor.ClientRequest(key, io.xenon.abi.xenstore.XsMessage.of(
                io.xenon.abi.xenstore.XsType.XS_READ, 1, 0, path)));
        try {
            io.xenon.abi.xenstore.XsMessage m = replies.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            return m == null || m.type() != io.xenon.abi.xenstore.XsType.XS_READ ? null
                    : new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            xenstored.tell(new XenStoreActor.CloseClient(key));
        }
    }

    HypervisorActor.HostInfo hostInfo() {
        TestProbe<HypervisorActor.HostInfo> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetHostInfo(probe.ref()));
        return probe.receiveMessage();
    }

    List<io.xenon.runtime.domain.DomainInfo> domains() {
        return list().domains();
    }

    /** What {@code xl list} sees now. */
    HypervisorActor.DomainList list() {
        TestProbe<HypervisorActor.DomainList> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.ListDomains(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(10));
    }

    HypervisorActor.Counts counts() {
        TestProbe<HypervisorActor.Counts> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetCounts(probe.ref()));
        return probe.receiveMessage();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> "");
    }

    /** Waits up to 20 s for {@code condition}; the failure message ends with {@code state}. */
    static void await(BooleanSupplier condition, java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s\n" + state.get());
            }
            Thread.sleep(10);
        }
    }

    /** The shared ring of a front end's {@code ringRef} and the pending and mask bits of its port, for messages. */
    String ringState(int domid, int ringRef, int port) {
        TestProbe<HypervisorActor.Dom0Services> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetDom0(probe.ref()));
        HypervisorActor.Dom0Services dom0 = probe.receiveMessage();
        io.xenon.runtime.domain.Domain d = dom0.domains().apply(domid);
        io.xenon.runtime.gnttab.GrantTable t = dom0.grants().table(d.id());
        io.xenon.runtime.mm.Page g = d.memory().page(t.firstFrameGfn() + ringRef / 512);
        long gfn = g.getInt((ringRef % 512) * 8 + 4) & 0xffffffffL;
        io.xenon.runtime.mm.Page ring = d.memory().page(gfn);
        io.xenon.runtime.evtchn.EvtchnBits bits = dom0.evtchns().table(d.id()).bits();
        io.xenon.runtime.evtchn.EvtchnStatus st = dom0.evtchns().status(io.xenon.abi.DomId.DOM0, d.id(),
                io.xenon.abi.evtchn.EvtchnPort.of(port));
        io.xenon.runtime.evtchn.EvtchnBits bits0 = dom0.evtchns().table(io.xenon.abi.DomId.DOM0).bits();
        int p0 = st.port() == null ? -1 : st.port().value();
        return "ring: req_prod=" + ring.getInt(0) + " req_event=" + ring.getInt(4) + " rsp_prod=" + ring.getInt(8)
                + " rsp_event=" + ring.getInt(12) + "; guest port " + port + " pending=" + bits.isPending(port)
                + " masked=" + bits.isMasked(port) + " vcpu0 upcall=" + d.vcpu(0).isUpcallPending()
                + " blocked=" + d.vcpu(0).isBlocked() + "; dom0 port " + p0 + " pending="
                + (p0 > 0 && bits0.isPending(p0)) + " dom0 vcpu0 upcall=" + dom0.domains().apply(0);
    }

    /** Kills the back-end actor named {@code name} (e.g. {@code vbd-1-51712}), as a crash would. */
    void killBackend(String name) {
        org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(kit.system())
                .actorSelection("/user/*/backends/" + name)
                .tell(org.apache.pekko.actor.Kill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
    }
}
