package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.runtime.domain.DomainInfo;
import org.junit.jupiter.api.Test;

/**
 * A built-in guest's balloon driver against the hypervisor's reservation: {@code xl mem-set}'s
 * target reaches {@code memory/target}, the guest gives frames back or takes them, and the host's
 * free memory moves by exactly as much.
 */
class BalloonTest extends HostTestBase {

    @Test
    void aDomUBalloonsDownToItsTargetAndTheHostGetsTheMemoryBack() throws Exception {
        host.create(guest("shrinker", "memory = 64"));
        TestHost.await(() -> host.consoleText("shrinker").contains("Xenon mini-os"));
        long freeBefore = host.hostInfo().freeMiB();

        assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.SetMemoryTarget("shrinker", 32 * 1024, r)));

        assertEquals("32768", host.read("/local/domain/1/memory/target"));
        TestHost.await(() -> info("shrinker").currentKiB() == 32 * 1024, () -> host.consoleText("shrinker"));
        assertEquals(freeBefore + 32, host.hostInfo().freeMiB());
        assertEquals(32 * 1024, info("shrinker").targetKiB());
        TestHost.await(() -> host.consoleText("shrinker").contains("balloon: current 32768 KiB, target 32768 KiB"));
        assertAddsUp();
    }

    @Test
    void aDomUBalloonsBackUpToItsMaximumAndNoFurther() throws Exception {
        host.create(guest("breather", "memory = 64"));
        TestHost.await(() -> host.consoleText("breather").contains("Xenon mini-os"));
        long freeAtStart = host.hostInfo().freeMiB();
        host.ask(r -> new HypervisorActor.SetMemoryTarget("breather", 32 * 1024, r));
        TestHost.await(() -> info("breather").currentKiB() == 32 * 1024);

        assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.SetMemoryTarget("breather", 64 * 1024, r)));
        TestHost.await(() -> info("breather").currentKiB() == 64 * 1024, () -> host.consoleText("breather"));
        assertEquals(freeAtStart, host.hostInfo().freeMiB());

        Reply refused = host.ask(r -> new HypervisorActor.SetMemoryTarget("breather", 96 * 1024, r));
        Reply.Rejected rejected = assertInstanceOf(Reply.Rejected.class, refused);
        assertTrue(rejected.reason().startsWith("memory_dynamic_max must be less than or equal to memory_static_max"),
                rejected.reason());
        assertEquals("65536", host.read("/local/domain/1/memory/target"));
        assertAddsUp();
    }

    @Test
    void aGuestStartedBelowMaxmemGrowsIntoItAfterMemMax() throws Exception {
        host.create(guest("grower", "memory = 32\nmaxmem = 64"));
        TestHost.await(() -> host.consoleText("grower").contains("Xenon mini-os"));
        long freeBefore = host.hostInfo().freeMiB();

        assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.SetMaxMemory("grower", 48 * 1024, r)));
        assertEquals("49152", host.read("/local/domain/1/memory/static-max"));
        assertInstanceOf(Reply.Rejected.class, host.ask(r -> new HypervisorActor.SetMemoryTarget("grower", 64 * 1024, r)));
        assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.SetMemoryTarget("grower", 48 * 1024, r)));

        TestHost.await(() -> info("grower").currentKiB() == 48 * 1024, () -> host.consoleText("grower"));
        assertEquals(freeBefore - 16, host.hostInfo().freeMiB());
        assertEquals(48 * 1024, info("grower").maxKiB());
        assertAddsUp();
    }

    @Test
    void aTargetNeedingMoreThanTheHostHasIsRefused() throws Exception {
        host.create(guest("greedy", "memory = 32\nmaxmem = 1536"));
        host.create(guest("filler", "memory = 1200"));
        TestHost.await(() -> host.consoleText("greedy").contains("Xenon mini-os"));

        Reply refused = host.ask(r -> new HypervisorActor.SetMemoryTarget("greedy", 1536 * 1024, r));

        Reply.Rejected rejected = assertInstanceOf(Reply.Rejected.class, refused);
        assertTrue(rejected.reason().startsWith("not enough free memory on the host"), rejected.reason());
        assertEquals(32 * 1024, info("greedy").currentKiB());
        assertAddsUp();
    }

    private DomainInfo info(String name) {
        return host.domains().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    /** {@code xl info}'s free memory is the total less every domain's, Domain-0's included. */
    private void assertAddsUp() {
        HypervisorActor.HostInfo h = host.hostInfo();
        long used = host.domains().stream().mapToLong(DomainInfo::currentKiB).sum();
        assertEquals(h.totalMiB() * 1024, used + h.freeMiB() * 1024);
    }

    private static String guest(String name, String memory) {
        return "name = \"" + name + "\"\nkernel = \"builtin:idle\"\n" + memory + "\n";
    }
}
