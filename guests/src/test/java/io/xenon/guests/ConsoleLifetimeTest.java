package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.xenon.actors.HostSettings;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.guest.GuestLoader;
import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Built-in guests with Domain-0's real back ends: the console ring reaches the console log and
 * its file, input comes back, and nothing a console back end holds outlives its domain.
 */
class ConsoleLifetimeTest {

    @TempDir
    Path stateDir;

    private ActorTestKit kit;
    private ActorRef<HypervisorActor.Command> hv;

    @BeforeEach
    void boot() {
        Config config = ConfigFactory.parseString("""
                xenon.state-dir = "%s"
                xenon.host.memory = 2G
                xenon.host.pcpus = 2
                xenon.dom0.memory = 512M
                """.formatted(stateDir)).withFallback(ConfigFactory.load());
        HostSettings settings = HostSettings.from(config);
        kit = ActorTestKit.create(settings.pekkoOverrides().withFallback(config));
        hv = kit.spawn(HypervisorActor.create(settings, new GuestLoader(getClass().getClassLoader())), "hypervisor");
    }

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void theConsoleRingReachesTheLogAndItsFileAndInputComesBack() throws Exception {
        create("talker");
        HypervisorActor.ConsoleReply console = ask(HypervisorActor.OpenConsole::new, "talker");
        await(() -> new String(console.log().snapshot()).contains("Xenon mini-os: idle"));
        await(() -> console.input() != null || ask(HypervisorActor.OpenConsole::new, "talker").input() != null);
        HypervisorActor.ConsoleReply connected = ask(HypervisorActor.OpenConsole::new, "talker");
        connected.input().accept("typed\n".getBytes());
        await(() -> new String(console.log().snapshot()).contains("typed"));
        Path file = stateDir.resolve("console/talker.log");
        await(() -> Files.exists(file) && read(file).contains("Xenon mini-os: idle"));
    }

    @Test
    void consoleBackEndsReleaseTheirPortsAndMappingsWithTheirDomains() throws Exception {
        HypervisorActor.Counts before = counts();
        for (int i = 0; i < 200; i++) {
            String name = "brief" + i;
            create(name);
            HypervisorActor.ConsoleReply console = ask(HypervisorActor.OpenConsole::new, name);
            await(() -> ask(HypervisorActor.OpenConsole::new, name).input() != null);
            assertTrue(console.log() != null);
            TestProbe<Reply> probe = kit.createTestProbe();
            hv.tell(new HypervisorActor.DestroyDomain(name, probe.ref()));
            assertInstanceOf(Reply.Done.class, probe.receiveMessage(Duration.ofSeconds(10)));
        }
        await(() -> counts().equals(before));
        assertEquals(before, counts());
    }

    private void create(String name) throws ConfigException {
        DomainConfig config = DomainConfigs.read("name = \"" + name + "\"\nkernel = \"builtin:idle\"\nmemory = 32\n",
                "<test>", List.of());
        TestProbe<Reply> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.CreateDomain(config, false, probe.ref()));
        assertInstanceOf(Reply.Created.class, probe.receiveMessage(Duration.ofSeconds(10)));
    }

    private HypervisorActor.ConsoleReply ask(
            java.util.function.BiFunction<String, ActorRef<HypervisorActor.ConsoleReply>, HypervisorActor.Command> f,
            String dom) {
        TestProbe<HypervisorActor.ConsoleReply> probe = kit.createTestProbe();
        hv.tell(f.apply(dom, probe.ref()));
        return probe.receiveMessage();
    }

    private HypervisorActor.Counts counts() {
        TestProbe<HypervisorActor.Counts> probe = kit.createTestProbe();
        hv.tell(new HypervisorActor.GetCounts(probe.ref()));
        return probe.receiveMessage();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
