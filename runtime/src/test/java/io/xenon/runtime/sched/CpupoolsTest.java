package io.xenon.runtime.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.runtime.sched.Cpupools.CpupoolException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cpupool rules: disjoint pCPUs, Xen's refusals, and a pool's units running only on its pCPUs. */
class CpupoolsTest {

    private static final long SECOND = 1_000_000_000L;

    private static CreditScheduler credit(String pool, int pcpus) {
        return new CreditScheduler(pool, pcpus, CreditScheduler.DEFAULT_TSLICE_MS,
                CreditScheduler.DEFAULT_RATELIMIT_US);
    }

    private static BitSet cpus(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return b;
    }

    @Test
    void pool0StartsWithEveryCpu() {
        Cpupools pools = new Cpupools(4, credit("Pool-0", 4));
        Cpupool p0 = pools.find("Pool-0");
        assertEquals(cpus(0, 1, 2, 3), p0.cpus());
        assertEquals(0, p0.id());
        assertTrue(pools.freeCpus().isEmpty());
        assertSame(p0, pools.find("0"));
    }

    @Test
    void renameKeepsIdOrderAndCpus() {
        Cpupools pools = new Cpupools(2, credit("Pool-0", 2));
        Cpupool p0 = pools.pool0();
        pools.removeCpus(p0, cpus(1));
        Cpupool p1 = pools.create("p1", credit("p1", 2), cpus(1));
        pools.rename(p0, "Pool-node0");
        assertNull(pools.find("Pool-0"));
        assertSame(p0, pools.find("Pool-node0"));
        assertSame(p0, pools.pool0());
        assertEquals(List.of(p0, p1), pools.list(), "a renamed pool keeps its place");
        assertEquals("Pool name \"p1\" already exists",
                assertThrows(CpupoolException.class, () -> pools.rename(p0, "p1")).getMessage());
        assertThrows(CpupoolException.class, () -> pools.rename(p1, ""));
        pools.rename(p1, "p1");
        pools.rename(p1, "work");
        assertSame(p1, pools.find("work"));
        assertEquals(cpus(1), pools.find("1").cpus());
        pools.destroy(p1);
        assertNull(pools.find("work"));
    }

    @Test
    void newPoolTakesOnlyFreeCpus() {
        Cpupools pools = new Cpupools(4, credit("Pool-0", 4));
        Cpupool p0 = pools.find("Pool-0");
        CpupoolException busy = assertThrows(CpupoolException.class,
                () -> pools.create("p1", credit("p1", 4), cpus(1)));
        assertEquals("cpu 1 is not free (it is in cpupool Pool-0)", busy.getMessage());
        pools.removeCpus(p0, cpus(1, 2));
        assertEquals(cpus(1, 2), pools.freeCpus());
        Cpupool p1 = pools.create("p1", credit("p1", 4), cpus(1));
        assertEquals(cpus(0, 3), p0.cpus());
        assertEquals(cpus(1), p1.cpus());
        assertSame(p1, pools.poolOfCpu(1));
        assertNull(pools.poolOfCpu(2));
        assertThrows(CpupoolException.class, () -> pools.addCpus(p1, cpus(3)));
        pools.addCpus(p1, cpus(2));
        assertEquals(cpus(1, 2), p1.cpus());
        assertThrows(CpupoolException.class, () -> pools.create("p1", credit("p1", 4), new BitSet()));
        assertThrows(CpupoolException.class, () -> pools.create("p2", credit("p2", 4), cpus(7)));
    }

    @Test
    void removingCpusNotInThePoolIsRefused() {
        Cpupools pools = new Cpupools(2, credit("Pool-0", 2));
        pools.removeCpus(pools.find("Pool-0"), cpus(1));
        Cpupool p1 = pools.create("p1", credit("p1", 2), new BitSet());
        assertThrows(CpupoolException.class, () -> pools.removeCpus(p1, cpus(1)));
        assertThrows(CpupoolException.class, () -> pools.removeCpus(pools.find("Pool-0"), cpus(1)));
    }

    @Test
    void poolWithDomainsKeepsOneCpu() {
        Cpupools pools = new Cpupools(2, credit("Pool-0", 2));
        Cpupool p0 = pools.find("Pool-0");
        pools.assign(new DomId(0), p0);
        CpupoolException e = assertThrows(CpupoolException.class, () -> pools.removeCpus(p0, cpus(0, 1)));
        assertEquals("cpupool Pool-0 has domains and must keep a cpu", e.getMessage());
        assertEquals(cpus(0, 1), p0.cpus(), "a refusal changes nothing");
        pools.removeCpus(p0, cpus(1));
        Cpupool empty = pools.create("empty", credit("empty", 2), new BitSet());
        assertThrows(CpupoolException.class, () -> pools.assign(new DomId(1), empty),
                "a pool without pCPUs takes no domain");
    }

    @Test
    void destroyRefusesPool0AndPoolsWithDomains() {
        Cpupools pools = new Cpupools(2, credit("Pool-0", 2));
        Cpupool p0 = pools.find("Pool-0");
        assertThrows(CpupoolException.class, () -> pools.destroy(p0));
        pools.removeCpus(p0, cpus(1));
        Cpupool p1 = pools.create("p1", credit("p1", 2), cpus(1));
        pools.assign(new DomId(3), p1);
        assertEquals(1, p1.domainCount());
        assertThrows(CpupoolException.class, () -> pools.destroy(p1));
        assertSame(p1, pools.assign(new DomId(3), p0), "migrating returns the pool left");
        assertEquals(0, p1.domainCount());
        assertEquals(1, p0.domainCount());
        pools.destroy(p1);
        assertNull(pools.find("p1"));
        assertEquals(cpus(1), pools.freeCpus(), "a destroyed pool's pCPUs go free");
    }

    @Test
    void creditUnitsRunOnlyOnTheirPoolsCpus() {
        Cpupools pools = new Cpupools(4, credit("Pool-0", 4));
        pools.removeCpus(pools.find("Pool-0"), cpus(2, 3));
        CreditScheduler s = credit("p1", 4);
        Cpupool p1 = pools.create("p1", s, cpus(2, 3));
        SchedSimulation sim = new SchedSimulation(s, 4);
        List<SchedUnit> units = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SchedUnit u = sim.addBurner(256, 0);
            u.setPoolCpus(p1.cpus());
            units.add(u);
        }
        sim.run(2 * SECOND);
        long total = 0;
        for (SchedUnit u : units) {
            assertTrue(cpus(2, 3).equals(sim.ranOn(u)) || cpus(2).equals(sim.ranOn(u))
                    || cpus(3).equals(sim.ranOn(u)), u + " ran on " + sim.ranOn(u));
            total += sim.cpuTime(u);
        }
        assertEquals(2 * 2 * SECOND, total, 2 * SECOND / 100, "the pool's two pCPUs stay busy, no more");
    }
}
