package io.xenon.actors.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.xenon.abi.DomId;
import io.xenon.actors.Reply;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Vcpu;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import io.xenon.runtime.sched.CreditScheduler;
import io.xenon.runtime.sched.FairScheduler;
import io.xenon.runtime.sched.Scheduler;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The scheduler actor's cpupools: Xen's refusals, and a migrated domain running only on its new pool's pCPUs. */
class CpupoolSchedulingTest {

    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static Scheduler scheduler(String sched, String pool) {
        return switch (sched) {
            case "credit" -> new CreditScheduler(pool, 4, 30, 1000);
            case "fair" -> new FairScheduler(10_000_000L);
            default -> throw new IllegalArgumentException("Unknown scheduler");
        };
    }

    private static ActorRef<SchedulerActor.Command> host() {
        return KIT.spawn(SchedulerActor.create(scheduler("credit", "Pool-0"), 4, CpupoolSchedulingTest::scheduler));
    }

    private static BitSet cpus(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return b;
    }

    private static Reply ask(TestProbe<Reply> probe, ActorRef<SchedulerActor.Command> sched,
            SchedulerActor.Command command) {
        sched.tell(command);
        return probe.receiveMessage();
    }

    @Test
    void refusesWhatXenRefuses() {
        ActorRef<SchedulerActor.Command> sched = host();
        TestProbe<Reply> r = KIT.createTestProbe();
        assertInstanceOf(Reply.Rejected.class, ask(r, sched, new SchedulerActor.DestroyPool("Pool-0", r.ref())));
        Reply busy = ask(r, sched, new SchedulerActor.CreatePool("p1", "credit", cpus(1), r.ref()));
        assertEquals("cpu 1 is not free (it is in cpupool Pool-0)", ((Reply.Rejected) busy).reason());
        Reply keep = ask(r, sched, new SchedulerActor.RemovePoolCpus("Pool-0", cpus(0, 1, 2, 3), r.ref()));
        assertEquals("cpupool Pool-0 has domains and must keep a cpu", ((Reply.Rejected) keep).reason(),
                "Domain-0 is in Pool-0");
        assertInstanceOf(Reply.Rejected.class,
                ask(r, sched, new SchedulerActor.MoveDomain(DomId.DOM0, "Pool-0", r.ref())));
        assertInstanceOf(Reply.Rejected.class, ask(r, sched, new SchedulerActor.DestroyPool("nope", r.ref())));
        assertInstanceOf(Reply.Done.class,
                ask(r, sched, new SchedulerActor.RemovePoolCpus("Pool-0", cpus(3), r.ref())));
        Reply unknown = ask(r, sched, new SchedulerActor.CreatePool("p2", "rtds", cpus(3), r.ref()));
        assertEquals("Unknown scheduler", ((Reply.Rejected) unknown).reason());
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.CreatePool("p2", "fair", cpus(3), r.ref())));
        TestProbe<SchedulerActor.PoolList> list = KIT.createTestProbe();
        sched.tell(new SchedulerActor.ListPools(list.ref()));
        List<SchedulerActor.PoolInfo> pools = list.receiveMessage().pools();
        assertEquals(List.of(new SchedulerActor.PoolInfo(0, "Pool-0", "credit", List.of(0, 1, 2), 1),
                new SchedulerActor.PoolInfo(1, "p2", "fair", List.of(3), 0)), pools);
    }

    @Test
    void eachPoolHasItsOwnParamsAndARenameShowsEverywhere() {
        ActorRef<SchedulerActor.Command> sched = host();
        TestProbe<Reply> r = KIT.createTestProbe();
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.RemovePoolCpus("Pool-0", cpus(3), r.ref())));
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.CreatePool("p1", "credit", cpus(3), r.ref())));
        TestProbe<SchedulerActor.PoolParams> params = KIT.createTestProbe();
        sched.tell(new SchedulerActor.SetPoolParams("p1", 5, 500, 1000, params.ref()));
        SchedulerActor.PoolParams p1 = params.receiveMessage();
        assertEquals(new SchedulerActor.PoolParams("p1", "credit", 5, 500, 1000, null), p1);
        sched.tell(new SchedulerActor.GetPoolParams(null, params.ref()));
        assertEquals(new SchedulerActor.PoolParams("Pool-0", "credit", 30, 1000, 0, null), params.receiveMessage(),
                "Pool-0 keeps its own");

        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.RenamePool("Pool-0", "Pool-node0", r.ref())));
        Reply taken = ask(r, sched, new SchedulerActor.RenamePool("p1", "Pool-node0", r.ref()));
        assertEquals("Pool name \"Pool-node0\" already exists", ((Reply.Rejected) taken).reason());
        assertEquals("unknown cpupool 'Pool-0'",
                ((Reply.Rejected) ask(r, sched, new SchedulerActor.RenamePool("Pool-0", "x", r.ref()))).reason());
        sched.tell(new SchedulerActor.GetPoolParams(null, params.ref()));
        assertEquals("Pool-node0", params.receiveMessage().pool());
        TestProbe<SchedulerActor.PoolList> list = KIT.createTestProbe();
        sched.tell(new SchedulerActor.ListPools(list.ref()));
        SchedulerActor.PoolList pools = list.receiveMessage();
        assertEquals(List.of("Pool-node0", "p1"), pools.pools().stream().map(SchedulerActor.PoolInfo::name).toList());
        assertEquals("Pool-node0", pools.domainPools().get(0));
        assertInstanceOf(Reply.Rejected.class,
                ask(r, sched, new SchedulerActor.MoveDomain(DomId.DOM0, "p1", r.ref())));
    }

    @Test
    void migratedDomainRunsOnlyOnItsNewPoolsCpus() {
        ActorRef<SchedulerActor.Command> sched = host();
        TestProbe<Reply> r = KIT.createTestProbe();
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.RemovePoolCpus("Pool-0", cpus(1), r.ref())));
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.CreatePool("p1", "credit", cpus(1), r.ref())));
        Domain d = new Domain(DomId.of(1), "d", UUID.randomUUID(), null, P2m.reserve(new FramePool(16), 1), 1, 0, 0);
        Vcpu v = d.vcpu(0);
        TestProbe<SchedulerActor.RunSlice> vcpu = KIT.createTestProbe();
        sched.tell(new SchedulerActor.AddVcpu(v, vcpu.ref(), 256, 0));
        for (int i = 0; i < 5; i++) {
            SchedulerActor.RunSlice s = vcpu.receiveMessage();
            assertNotEquals(1, s.pcpu(), "a Pool-0 unit never runs on Pool p1's pCPU");
            sched.tell(new SchedulerActor.SliceDone(v, s.pcpu(), 1_000_000L, false));
        }
        SchedulerActor.RunSlice running = vcpu.receiveMessage();
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.MoveDomain(d.id(), "p1", r.ref())));
        Reply refused = ask(r, sched, new SchedulerActor.DestroyPool("p1", r.ref()));
        assertEquals("cpupool p1 still has 1 domain(s)", ((Reply.Rejected) refused).reason());
        assertInstanceOf(Reply.Rejected.class,
                ask(r, sched, new SchedulerActor.RemovePoolCpus("p1", cpus(1), r.ref())));
        sched.tell(new SchedulerActor.SliceDone(v, running.pcpu(), 1_000_000L, false));
        for (int i = 0; i < 5; i++) {
            SchedulerActor.RunSlice s = vcpu.receiveMessage();
            assertEquals(1, s.pcpu(), "after cpupool-migrate the unit runs on p1's pCPU only");
            sched.tell(new SchedulerActor.SliceDone(v, s.pcpu(), 1_000_000L, false));
        }
        SchedulerActor.RunSlice last = vcpu.receiveMessage();
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.MoveDomain(d.id(), "Pool-0", r.ref())));
        sched.tell(new SchedulerActor.SliceDone(v, last.pcpu(), 1_000_000L, false));
        assertNotEquals(1, vcpu.receiveMessage().pcpu(), "back in Pool-0");
        assertInstanceOf(Reply.Done.class, ask(r, sched, new SchedulerActor.DestroyPool("p1", r.ref())));
        TestProbe<SchedulerActor.PoolList> list = KIT.createTestProbe();
        sched.tell(new SchedulerActor.ListPools(list.ref()));
        SchedulerActor.PoolList pools = list.receiveMessage();
        assertEquals(List.of(new SchedulerActor.PoolInfo(0, "Pool-0", "credit", List.of(0, 2, 3), 2)), pools.pools());
        assertEquals("Pool-0", pools.domainPools().get(1));
    }
}
