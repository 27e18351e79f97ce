package io.xenon.actors.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import io.xenon.runtime.sched.CreditScheduler;
import io.xenon.runtime.sched.FairScheduler;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The scheduler actor around the credit scheduler: slices, pool parameters. */
class SchedulerActorTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static ActorRef<SchedulerActor.Command> credit() {
        return KIT.spawn(SchedulerActor.create(new CreditScheduler("Pool-0", 2, 30, 1000), 2));
    }

    @Test
    void runnableVcpuGetsASliceOfAtMostOneTick() {
        ActorRef<SchedulerActor.Command> sched = credit();
        Domain d = new Domain(DomId.of(1), "d", UUID.randomUUID(), null, P2m.reserve(new FramePool(16), 1), 1, 0, 0);
        TestProbe<SchedulerActor.RunSlice> vcpu = KIT.createTestProbe();
        sched.tell(new SchedulerActor.AddVcpu(d.vcpu(0), vcpu.ref(), 256, 0));
        SchedulerActor.RunSlice slice = vcpu.receiveMessage();
        assertTrue(slice.sliceNanos() > 0 && slice.sliceNanos() <= 10_000_000L, "slice " + slice.sliceNanos());
    }

    @Test
    void poolParamsChangeWithinXensLimits() {
        ActorRef<SchedulerActor.Command> sched = credit();
        TestProbe<SchedulerActor.PoolParams> probe = KIT.createTestProbe();
        sched.tell(new SchedulerActor.SetPoolParams(null, 10, null, null, probe.ref()));
        SchedulerActor.PoolParams p = probe.receiveMessage();
        assertNull(p.error());
        assertEquals(10, p.tsliceMs());
        assertEquals(1000, p.ratelimitUs());
        sched.tell(new SchedulerActor.SetPoolParams(null, null, 20_000, null, probe.ref()));
        p = probe.receiveMessage();
        assertNotNull(p.error(), "a rate limit longer than the time slice is refused");
        assertEquals(1000, p.ratelimitUs());
        assertEquals("credit", p.scheduler());
        assertEquals("Pool-0", p.pool());
        sched.tell(new SchedulerActor.SetPoolParams("0", null, null, 250, probe.ref()));
        p = probe.receiveMessage();
        assertNull(p.error());
        assertEquals(250, p.migrationDelayUs());
        assertEquals(10, p.tsliceMs(), "the other parameters stay");
        sched.tell(new SchedulerActor.SetPoolParams(null, null, null, 100_001, probe.ref()));
        assertEquals("vcpu migration delay should be >= 0 and <= 100000us", probe.receiveMessage().error());
    }

    @Test
    void anUnknownPoolHasNoParams() {
        ActorRef<SchedulerActor.Command> sched = credit();
        TestProbe<SchedulerActor.PoolParams> probe = KIT.createTestProbe();
        sched.tell(new SchedulerActor.GetPoolParams("nope", probe.ref()));
        SchedulerActor.PoolParams p = probe.receiveMessage();
        assertNull(p.pool());
        assertEquals("unknown cpupool 'nope'", p.error());
        sched.tell(new SchedulerActor.SetPoolParams("nope", 10, null, null, probe.ref()));
        assertEquals("unknown cpupool 'nope'", probe.receiveMessage().error());
    }

    @Test
    void fairSchedulerHasNoPoolParams() {
        ActorRef<SchedulerActor.Command> sched = KIT.spawn(SchedulerActor.create(new FairScheduler(10_000_000L), 1));
        TestProbe<SchedulerActor.PoolParams> probe = KIT.createTestProbe();
        sched.tell(new SchedulerActor.SetPoolParams(null, 10, null, null, probe.ref()));
        assertNotNull(probe.receiveMessage().error());
    }
}
