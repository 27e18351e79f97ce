package io.xenon.runtime.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The credit scheduler on a simulated host: shares, caps, boost, affinity, in simulated time. */
class CreditSchedulerTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private static CreditScheduler credit(int pcpus) {
        return new CreditScheduler("Pool-0", pcpus, CreditScheduler.DEFAULT_TSLICE_MS,
                CreditScheduler.DEFAULT_RATELIMIT_US);
    }

    @Test
    void sharesFollowWeightsWithinThreePercent() {
        CreditScheduler s = credit(2);
        SchedSimulation sim = new SchedSimulation(s, 2);
        int[] weights = {256, 256, 256, 512, 512, 1024, 1024, 256};
        List<SchedUnit> units = new ArrayList<>();
        for (int w : weights) {
            units.add(sim.addBurner(w, 0));
        }
        sim.run(10 * SECOND);
        long total = 0;
        int weightSum = 0;
        for (int i = 0; i < weights.length; i++) {
            total += sim.cpuTime(units.get(i));
            weightSum += weights[i];
        }
        assertEquals(2 * 10 * SECOND, total, MS, "both pCPUs stay busy");
        for (int i = 0; i < weights.length; i++) {
            double expected = (double) weights[i] / weightSum;
            double got = (double) sim.cpuTime(units.get(i)) / total;
            assertEquals(1.0, got / expected, 0.03,
                    "unit " + i + " (weight " + weights[i] + "): share " + got + ", expected " + expected);
        }
    }

    @Test
    void equalWeightsGiveJainIndexOfAtLeast099() {
        CreditScheduler s = credit(2);
        SchedSimulation sim = new SchedSimulation(s, 2);
        List<SchedUnit> units = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            units.add(sim.addBurner(256, 0));
        }
        sim.run(10 * SECOND);
        double[] times = units.stream().mapToDouble(sim::cpuTime).toArray();
        assertTrue(SchedSimulation.jain(times) >= 0.99, "Jain's index " + SchedSimulation.jain(times));
    }

    @Test
    void capOf25HoldsWithinThreePercentAlone() {
        CreditScheduler s = credit(2);
        SchedSimulation sim = new SchedSimulation(s, 2);
        SchedUnit capped = sim.addBurner(256, 25);
        sim.run(10 * SECOND);
        double share = (double) sim.cpuTime(capped) / (10 * SECOND);
        assertEquals(0.25, share, 0.03, "share of one pCPU");
        assertTrue(s.parks() > 0, "the capped unit was parked");
    }

    @Test
    void capOf25HoldsWithinThreePercentBesideBurners() {
        CreditScheduler s = credit(2);
        SchedSimulation sim = new SchedSimulation(s, 2);
        SchedUnit capped = sim.addBurner(1024, 25);
        for (int i = 0; i < 3; i++) {
            sim.addBurner(256, 0);
        }
        sim.run(10 * SECOND);
        double share = (double) sim.cpuTime(capped) / (10 * SECOND);
        assertEquals(0.25, share, 0.03, "share of one pCPU");
    }

    @Test
    void wakingIoUnitRunsWithinOneTickWhileBurnersAreBusy() {
        CreditScheduler s = credit(2);
        SchedSimulation sim = new SchedSimulation(s, 2);
        for (int i = 0; i < 8; i++) {
            sim.addBurner(256, 0);
        }
        SchedUnit io = sim.addIoUnit(256, MS / 2, 20 * MS);
        // New units all start BOOSTed; measure once the burners have lost their first boost.
        sim.run(SECOND);
        sim.resetLatencies();
        sim.run(10 * SECOND);
        assertTrue(sim.maxWakeLatency(io) <= 10 * MS, "worst wake latency " + sim.maxWakeLatency(io) / 1e6 + " ms");
        assertTrue(s.boosts() > 0, "boosts " + s.boosts());
    }

    @Test
    void hardPinningIsHonoured() {
        CreditScheduler s = credit(2);
        SchedSimulation sim = new SchedSimulation(s, 2);
        BitSet cpu1 = new BitSet();
        cpu1.set(1);
        SchedUnit pinned = sim.addBurner(256, 0);
        sim.pin(pinned, cpu1);
        for (int i = 0; i < 4; i++) {
            sim.addBurner(256, 0);
        }
        sim.run(2 * SECOND);
        assertEquals(cpu1, sim.ranOn(pinned));
        assertTrue(sim.cpuTime(pinned) > SECOND / 5, "the pinned unit still got CPU");
    }

    @Test
    void idlePcpuStealsQueuedWork() {
        CreditScheduler s = credit(4);
        SchedSimulation sim = new SchedSimulation(s, 4);
        List<SchedUnit> units = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            units.add(sim.addBurner(256, 0));
        }
        sim.run(2 * SECOND);
        assertTrue(s.steals() > 0, "steals " + s.steals());
        long total = units.stream().mapToLong(sim::cpuTime).sum();
        assertEquals(4 * 2 * SECOND, total, MS, "no pCPU idles while units wait");
    }

    @Test
    void lightUnitStopsEarningAboveOneSlicesCredit() {
        CreditScheduler s = credit(1);
        SchedSimulation sim = new SchedSimulation(s, 1);
        SchedUnit io = sim.addIoUnit(256, 10 * MS, 200 * MS);
        sim.run(5 * SECOND);
        assertTrue(s.credit(io) > 0 && s.credit(io) <= 300, "credit " + s.credit(io));
        assertFalse(s.priority(io).equals("OVER"));
    }

    @Test
    void weightChangedAtRunTimeTakesEffect() {
        CreditScheduler s = credit(1);
        SchedSimulation sim = new SchedSimulation(s, 1);
        SchedUnit a = sim.addBurner(256, 0);
        SchedUnit b = sim.addBurner(256, 0);
        sim.run(2 * SECOND);
        a.setParams(768, 0);
        sim.run(SECOND);
        long a0 = sim.cpuTime(a);
        long b0 = sim.cpuTime(b);
        sim.run(10 * SECOND);
        double share = (double) (sim.cpuTime(a) - a0) / (sim.cpuTime(a) - a0 + sim.cpuTime(b) - b0);
        assertEquals(0.75, share, 0.03 * 0.75);
    }

    @Test
    void rejectsRatelimitLongerThanTimeslice() {
        assertThrows(IllegalArgumentException.class, () -> new CreditScheduler("Pool-0", 1, 1, 2000));
        assertThrows(IllegalArgumentException.class, () -> new CreditScheduler("Pool-0", 1, 30, 50));
        assertThrows(IllegalArgumentException.class, () -> new CreditScheduler("Pool-0", 1, 0, 0));
    }

    @Test
    void poolParameterRefusalsCarryLibxlsMessages() {
        CreditScheduler s = credit(1);
        assertEquals("Ratelimit cannot be greater than timeslice",
                assertThrows(IllegalArgumentException.class, () -> s.adjustGlobal(1, 2000, 0)).getMessage());
        assertEquals("Time slice out of range, valid range is from 1 to 1000",
                assertThrows(IllegalArgumentException.class, () -> s.adjustGlobal(1001, 1000, 0)).getMessage());
        assertEquals("Ratelimit out of range, valid range is from 100 to 500000",
                assertThrows(IllegalArgumentException.class, () -> s.adjustGlobal(30, 50, 0)).getMessage());
        s.adjustGlobal(10, 0, 0);
        assertEquals(10, s.tsliceMs());
        assertEquals(0, s.ratelimitUs());
    }

    @Test
    void migrationDelayIsKeptWithinXensRange() {
        CreditScheduler s = credit(1);
        assertEquals(0, s.migrationDelayUs());
        s.adjustGlobal(30, 1000, 100_000);
        assertEquals(100_000, s.migrationDelayUs());
        for (int bad : new int[] {100_001, -1}) {
            assertEquals("vcpu migration delay should be >= 0 and <= 100000us",
                    assertThrows(IllegalArgumentException.class, () -> s.adjustGlobal(20, 500, bad)).getMessage());
        }
        assertEquals(30, s.tsliceMs(), "a refusal changes no parameter");
        assertEquals(100_000, s.migrationDelayUs());
    }

    @Test
    void domainParamsAreCheckedAsLibxlDoes() {
        assertEquals(null, CreditScheduler.checkDomainParams(1, 0, 2));
        assertEquals(null, CreditScheduler.checkDomainParams(65535, 200, 2));
        assertEquals("Cpu weight out of range, valid values are within range from 1 to 65535",
                CreditScheduler.checkDomainParams(0, 0, 2));
        assertEquals("Cpu weight out of range, valid values are within range from 1 to 65535",
                CreditScheduler.checkDomainParams(65536, 0, 2));
        assertEquals("Cpu cap out of range, valid range is from 0 to 200 for specified number of vcpus",
                CreditScheduler.checkDomainParams(256, 201, 2));
        assertEquals("Cpu cap out of range, valid range is from 0 to 200 for specified number of vcpus",
                CreditScheduler.checkDomainParams(256, -1, 2));
    }

    @Test
    void removedUnitIsNeverScheduledAgain() {
        CreditScheduler s = credit(1);
        SchedSimulation sim = new SchedSimulation(s, 1);
        SchedUnit a = sim.addBurner(256, 0);
        SchedUnit b = sim.addBurner(256, 0);
        sim.run(105 * MS);
        sim.remove(b);
        sim.run(20 * MS);
        long before = sim.cpuTime(b);
        sim.run(SECOND);
        assertEquals(before, sim.cpuTime(b));
        assertEquals(SECOND, sim.cpuTime(a) - (125 * MS - before), 20 * MS);
    }
}
