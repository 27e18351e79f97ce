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

class HypervisorActorTest extends HostTestBase {

    @Test
    void createsListsPausesUnpausesAndDestroysADomain() {
        Reply.Created created = create(TestConfigs.idle("guest"));
        DomainInfo info = awaitDomain("guest", d -> d.blocked());
        assertEquals(created.domid(), info.id());
        assertEquals(128 * 1024, info.currentKiB());
        assertEquals("-b----", info.stateLetters());

        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.PauseDomain("guest", r)));
        assertTrue(awaitDomain("guest", DomainInfo::paused).stateLetters().contains("p"));
        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.UnpauseDomain("guest", r)));
        assertFalse(awaitDomain("guest", d -> !d.paused()).paused());
        assertInstanceOf(Reply.Rejected.class, ask(r -> new HypervisorActor.UnpauseDomain("guest", r)));

        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.DestroyDomain(created.domid().toString(), r)));
        assertTrue(find("guest").isEmpty());
        assertEquals(2048 - 512, hostInfo().freeMiB());
    }

    @Test
    void refusesACreateThatDoesNotFitAndChangesNothing() {
        create(TestConfigs.idle("small"));
        long freeBefore = hostInfo().freeMiB();
        int domainsBefore = list().size();
        Reply reply = ask(r -> new HypervisorActor.CreateDomain(
                TestConfigs.config("huge", "java:" + TestKernels.Idle.class.getName(), 4096, 1, Action.DESTROY, null),
                false, r));
        Reply.Rejected rejected = assertInstanceOf(Reply.Rejected.class, reply);
        assertTrue(rejected.reason().contains("not enough free memory"), rejected.reason());
        assertEquals(freeBefore, hostInfo().freeMiB());
        assertEquals(domainsBefore, list().size());
        assertTrue(find("huge").isEmpty());
    }

    @Test
    void refusesANativeKernelImageWithAClearMessage() {
        Reply reply = ask(r -> new HypervisorActor.CreateDomain(
                TestConfigs.config("linux", "/boot/vmlinuz", 128, 1, Action.DESTROY, null), false, r));
        Reply.Rejected rejected = assertInstanceOf(Reply.Rejected.class, reply);
        assertTrue(rejected.reason().contains("not native kernel images"), rejected.reason());
        assertEquals(1, list().size());
    }

    @Test
    void refusesADuplicateName() {
        create(TestConfigs.idle("twin"));
        assertInstanceOf(Reply.Rejected.class, ask(r -> new HypervisorActor.CreateDomain(TestConfigs.idle("twin"), false, r)));
    }

    @Test
    void createPausedLeavesTheDomainPausedUntilUnpaused() {
        ask(r -> new HypervisorActor.CreateDomain(TestConfigs.idle("held"), true, r));
        DomainInfo info = find("held").orElseThrow();
        assertTrue(info.paused());
        assertEquals(0, info.cpuTimeNanos());
        ask(r -> new HypervisorActor.UnpauseDomain("held", r));
        awaitDomain("held", DomainInfo::blocked);
    }

    @Test
    void onCrashDestroyRemovesTheDomain() {
        create(TestConfigs.crashing("c-destroy", Action.DESTROY, "after=10"));
        awaitGone("c-destroy");
    }

    @Test
    void onCrashRestartStartsANewDomainWithTheSameName() {
        Reply.Created first = create(TestConfigs.crashing("c-restart", Action.RESTART, "after=200"));
        DomainInfo second = awaitDomain("c-restart", d -> !d.id().equals(first.domid()));
        assertNotEquals(first.domid(), second.id());
    }

    @Test
    void onCrashRenameRestartKeepsTheCrashedDomainUnderANewName() {
        Reply.Created first = create(TestConfigs.crashing("c-rename", Action.RENAME_RESTART, "after=200"));
        DomainInfo old = awaitDomain(d -> d.id().equals(first.domid()) && !d.name().equals("c-rename"));
        assertTrue(old.name().matches("c-rename-\\d{8}T\\d{4}Z(-\\d+)?"), old.name());
        assertEquals("---sc-", old.stateLetters());
        DomainInfo fresh = awaitDomain("c-rename", d -> !d.id().equals(first.domid()));
        assertNotEquals(old.uuid(), fresh.uuid());
    }

    @Test
    void onCrashPreserveLeavesTheDomainCrashed() {
        create(TestConfigs.crashing("c-keep", Action.PRESERVE, "after=10"));
        DomainInfo info = awaitDomain("c-keep", DomainInfo::shutdown);
        assertEquals(ShutdownReason.CRASH, info.shutdownReason());
        assertEquals("---sc-", info.stateLetters());
        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.DestroyDomain("c-keep", r)));
        assertTrue(find("c-keep").isEmpty());
    }

    @Test
    void onCrashCoredumpDestroyWritesAnElfCoreThenDestroys() throws Exception {
        create(TestConfigs.crashing("c-dump", Action.COREDUMP_DESTROY, "after=10"));
        awaitGone("c-dump");
        Path core = stateDir.resolve("dump").resolve("c-dump");
        assertTrue(Files.exists(core), "core file " + core);
        byte[] magic = java.util.Arrays.copyOf(Files.readAllBytes(core), 4);
        assertArrayEquals(new byte[] {0x7F, 'E', 'L', 'F'}, magic);
    }

    @Test
    void onCrashCoredumpRestartWritesACoreAndRestarts() {
        Reply.Created first = create(TestConfigs.crashing("c-dumprestart", Action.COREDUMP_RESTART, "after=200"));
        awaitDomain("c-dumprestart", d -> !d.id().equals(first.domid()));
        assertTrue(Files.exists(stateDir.resolve("dump").resolve("c-dumprestart")));
    }

    @Test
    void aGuestExceptionCrashesOnlyItsOwnDomain() {
        create(TestConfigs.config("burner", "java:" + TestKernels.Burn.class.getName(), 64, 1, Action.DESTROY, null));
        create(TestConfigs.crashing("thrower", Action.PRESERVE, "after=10 how=exception"));
        DomainInfo thrower = awaitDomain("thrower", DomainInfo::shutdown);
        assertEquals(ShutdownReason.CRASH, thrower.shutdownReason());
        long before = find("burner").orElseThrow().cpuTimeNanos();
        DomainInfo burner = awaitDomain("burner", d -> d.cpuTimeNanos() > before + 5_000_000);
        assertFalse(burner.shutdown());
        String dmesg = new String(askDmesg());
        assertTrue(dmesg.contains("deliberate"), dmesg);
    }

    @Test
    void aCrashLoopIsLeftCrashedAfterTheLimit() {
        create(TestConfigs.crashing("looper", Action.RESTART, "after=5"));
        awaitCondition(() -> new String(askDmesg()).contains("crash loop"));
        DomainInfo left = find("looper").orElseThrow();
        assertEquals("---sc-", left.stateLetters());
        String dmesg = new String(askDmesg());
        // The third crash passed the limit of two: three domains were created in all.
        assertEquals(3, dmesg.lines().filter(l -> l.contains("Created domain") && l.contains("(looper)")).count());
    }

    @Test
    void gracefulShutdownAppliesOnPoweroff() {
        create(TestConfigs.idle("polite"));
        awaitDomain("polite", DomainInfo::blocked);
        Reply reply = ask(r -> new HypervisorActor.ShutdownDomain("polite", ShutdownReason.POWEROFF, true, r),
                Duration.ofSeconds(10));
        assertInstanceOf(Reply.Done.class, reply);
        awaitGone("polite");
    }

    @Test
    void rebootRestartsTheDomainWithANewId() {
        Reply.Created first = create(TestConfigs.idle("rebooter"));
        awaitDomain("rebooter", DomainInfo::blocked);
        ask(r -> new HypervisorActor.ShutdownDomain("rebooter", ShutdownReason.REBOOT, false, r));
        awaitDomain("rebooter", d -> !d.id().equals(first.domid()));
    }

    @Test
    void secondaryVcpusComeUpWhenTheGuestBringsThemUp() {
        create(TestConfigs.config("smp", "java:" + TestKernels.Idle.class.getName(), 64, 3, Action.DESTROY, null));
        DomainInfo info = awaitDomain("smp", d -> d.onlineVcpus() == 3 && d.blocked());
        assertEquals(3, info.vcpus().size());
    }

    @Test
    void destroyingDomainsBeforeTheyRunNeverStarvesTheHost() {
        for (int i = 0; i < 20; i++) {
            Reply.Created c = create(TestConfigs.idle("brief" + i));
            assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.DestroyDomain(c.domid().toString(), r)));
        }
        create(TestConfigs.idle("after"));
        DomainInfo after = awaitDomain("after", DomainInfo::blocked);
        assertTrue(after.cpuTimeNanos() > 0);
    }

    @Test
    void stopAllDestroysEveryDomU() {
        create(TestConfigs.idle("a"));
        create(TestConfigs.config("b", "java:" + TestKernels.Burn.class.getName(), 64, 2, Action.RESTART, null));
        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.StopAll(r), Duration.ofSeconds(10)));
        assertEquals(List.of("Domain-0"), list().stream().map(DomainInfo::name).toList());
        assertInstanceOf(Reply.Rejected.class, ask(r -> new HypervisorActor.CreateDomain(TestConfigs.idle("late"), false, r)));
    }

    // ---- helpers
}
