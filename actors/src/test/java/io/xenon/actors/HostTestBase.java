package io.xenon.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.xenon.abi.ShutdownReason;
import io.xenon.actors.guest.GuestLoader;
import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.domain.DomainInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hypervisor booted in an actor test kit for each test, with the helpers the tests share. */
abstract class HostTestBase {

    @TempDir
    Path stateDir;

    protected ActorTestKit kit;
    protected ActorRef<HypervisorActor.Command> hv;

    @BeforeEach
    void boot() {
        Config config = ConfigFactory.parseString("""
                xenon.state-dir = "%s"
                xenon.host.memory = 2G
                xenon.host.pcpus = 2
                xenon.dom0.memory = 512M
                xenon.domains.crash-loop.max-crashes = 2
                xenon.domains.crash-loop.window = 60s
                """.formatted(stateDir)).withFallback(ConfigFactory.load());
        HostSettings settings = HostSettings.from(config);
        kit = ActorTestKit.create(settings.pekkoOverrides().withFallback(config));
        hv = kit.spawn(HypervisorActor.create(settings, new GuestLoader(getClass().getClassLoader())), "hypervisor");
    }

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    protected Reply.Created create(DomainConfig config) {
        return assertInstanceOf(Reply.Created.class, ask(r -> new HypervisorActor.CreateDomain(config, false, r)));
    }

    protected Reply ask(java.util.function.Function<ActorRef<Reply>, HypervisorActor.Command> f) {
        return ask(f, Duration.ofSeconds(5));
    }

    protected Reply ask(java.util.function.Function<ActorRef<Reply>, HypervisorActor.Command> f, Duration timeout) {
        TestProbe<Reply> probe = kit.createTestProbe();
        hv.tell(f.apply(probe.ref()));
        return probe.receiveMessage(timeout);
    }

    protected List<DomainInfo> list() {
        TestProbe<HypervisorActor.DomainList> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.ListDomains(probe.ref()));
        return probe.receiveMessage().domains();
    }

    protected HypervisorActor.HostInfo hostInfo() {
        TestProbe<HypervisorActor.HostInfo> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetHostInfo(probe.ref()));
        return probe.receiveMessage();
    }

    protected byte[] askDmesg() {
        TestProbe<HypervisorActor.Dmesg> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.ReadDmesg(false, probe.ref()));
        return probe.receiveMessage().text();
    }

    protected HypervisorActor.ConsoleReply askConsole(String dom) {
        TestProbe<HypervisorActor.ConsoleReply> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.OpenConsole(dom, probe.ref()));
        return probe.receiveMessage();
    }

    protected Optional<DomainInfo> find(String name) {
        return list().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    protected DomainInfo awaitDomain(String name, Predicate<DomainInfo> condition) {
        return awaitDomain(d -> d.name().equals(name) && condition.test(d));
    }

    protected DomainInfo awaitDomain(String name, Predicate<DomainInfo> condition, Duration timeout) {
        return awaitDomain(d -> d.name().equals(name) && condition.test(d), timeout);
    }

    protected DomainInfo awaitDomain(Predicate<DomainInfo> condition) {
        return awaitDomain(condition, Duration.ofSeconds(10));
    }

    protected DomainInfo awaitDomain(Predicate<DomainInfo> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DomainInfo> last = List.of();
        while (System.nanoTime() < deadline) {
            last = list();
            Optional<DomainInfo> hit = last.stream().filter(condition).findFirst();
            if (hit.isPresent()) {
                return hit.get();
            }
            sleep();
        }
        throw new AssertionError("no domain matched within " + timeout + "; domains: " + last);
    }

    protected void awaitGone(String name) {
        awaitCondition(() -> find(name).isEmpty());
    }

    protected static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep();
        }
        throw new AssertionError("condition not met within 10 s");
    }

    protected static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected ActorRef<io.xenon.actors.xenstore.XenStoreActor.Command> xenstored() {
        TestProbe<ActorRef<io.xenon.actors.xenstore.XenStoreActor.Command>> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetXenStore(probe.ref()));
        return probe.receiveMessage();
    }

    /** A Dom0 connection to xenstored. */
    protected XsProbe xenstore() {
        return new XsProbe(kit, xenstored(), 0);
    }

    protected HypervisorActor.Counts counts() {
        TestProbe<HypervisorActor.Counts> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetCounts(probe.ref()));
        return probe.receiveMessage();
    }

    protected io.xenon.actors.xenstore.XenStoreActor.Stats xenstoreStats() {
        TestProbe<io.xenon.actors.xenstore.XenStoreActor.Stats> probe = kit.createTestProbe();
        xenstored().tell(new io.xenon.actors.xenstore.XenStoreActor.GetStats(probe.ref()));
        return probe.receiveMessage();
    }
}
