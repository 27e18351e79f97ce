package io.xenon.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.DomainConfig;
import org.junit.jupiter.api.Test;

/** Nothing a domain held outlives it: counted exactly after many lifetimes. */
class LeakTest extends HostTestBase {

    static final int CYCLES = 10_000;

    @Test
    void tenThousandLifetimesLeaveNoGrantPortMappingOrXenStoreNodeBehind() {
        DomainConfig config = TestConfigs.config("sharer", "java:" + TestKernels.Sharer.class.getName(), 16, 1,
                Action.DESTROY, null);
        HypervisorActor.Counts before = counts();
        XsProbe xs = xenstore();
        java.util.List<String> treeBefore = xs.tree("/");
        XenStoreActor.Stats storeBefore = xenstoreStats();
        for (int i = 0; i < CYCLES; i++) {
            int ready = TestKernels.Sharer.READY.get();
            Reply.Created c = create(config);
            awaitBoot(ready);
            assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.DestroyDomain(c.domid().toString(), r)));
        }
        assertEquals(before, counts());
        XenStoreActor.Stats storeAfter = xenstoreStats();
        assertEquals(storeBefore, storeAfter, () -> "before: " + treeBefore + "\nafter: " + xs.tree("/"));
        assertEquals(CYCLES, TestKernels.Sharer.READY.get());
    }

    /** Waits, polling finely, until one more Sharer has booted. */
    private static void awaitBoot(int ready) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (TestKernels.Sharer.READY.get() <= ready) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a Sharer did not boot within 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }
}
