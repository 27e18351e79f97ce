package io.xenon.bench;

import io.xenon.runtime.sched.CreditScheduler;
import io.xenon.runtime.sched.SchedSimulation;
import io.xenon.runtime.sched.SchedUnit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sched}: the credit scheduler driven directly by a simulated host ({@link SchedSimulation}),
 * so the figures are the scheduler's own: scheduling decisions per second of real CPU with 1,000
 * runnable vCPUs and the share of the host's CPU they would cost; Jain's fairness index over 1,000
 * equal-weight vCPUs; and the proportional-share error of vCPUs with weights 256, 512 and 1024.
 */
final class SchedBench implements Bench {

    private static final long SECOND = 1_000_000_000L;
    private static final int PCPUS = 8;
    private static final int VCPUS = 1_000;
    private static final int[] WEIGHTS = {256, 512, 1024};

    @Override
    public String name() {
        return "sched";
    }

    @Override
    public String description() {
        return "credit scheduler on a simulated host: decisions/s and their CPU cost with 1,000 runnable vCPUs, "
                + "Jain's index, proportional-share error";
    }

    @Override
    public void run(PrintStream out) {
        cost(10);
        Cost cost = cost(120);
        double jain = jain();
        double[] errors = weightErrors();
        out.printf(Locale.ROOT, "%d runnable vCPUs (cpuburn) on %d simulated pCPUs, %d s simulated, tslice 30 ms, tick 10 ms%n",
                VCPUS, PCPUS, 120);
        out.printf(Locale.ROOT, "%-52s %12.0f /s   (%d do_schedule calls in %.1f ms)%n",
                "scheduling decisions per second (do_schedule alone)", cost.decisions / (cost.decideNanos / 1e9),
                cost.decisions, cost.decideNanos / 1e6);
        out.printf(Locale.ROOT, "%-52s %12.0f /s   (wake, deschedule and accounting included: %.1f ms, %.1f ms accounting)%n",
                "scheduling decisions per second (all scheduler work)", cost.decisions / (cost.nanos / 1e9),
                cost.nanos / 1e6, cost.acctNanos / 1e6);
        out.printf(Locale.ROOT, "%-52s %11.4f %%   (all scheduler time / pCPU time it scheduled)%n",
                "share of CPU the scheduler costs", 100.0 * cost.nanos / (PCPUS * 120 * SECOND));
        out.printf(Locale.ROOT, "%-52s %12.4f     goal >= 0.99%n",
                "Jain's index, " + VCPUS + " equal weights, 120 s", jain);
        out.printf(Locale.ROOT, "%-52s %11.2f %%   goal < 2%%%n",
                "share error, 8 vCPUs of weights 256/512/1024, worst", errors[0]);
        out.printf(Locale.ROOT, "%-52s %11.2f %%   goal < 2%%%n",
                "share error, " + VCPUS + " vCPUs by weight class, worst", errors[1]);
    }

    /** Decisions made; real time in doSchedule, in accounting, in all scheduler operations. */
    private record Cost(long decisions, long decideNanos, long acctNanos, long nanos) {
    }

    private static CreditScheduler credit(int pcpus) {
        return new CreditScheduler("Pool-0", pcpus, CreditScheduler.DEFAULT_TSLICE_MS,
                CreditScheduler.DEFAULT_RATELIMIT_US);
    }

    /** Runs {@link #VCPUS} burners of mixed weights for {@code seconds} of simulated time. */
    private static Cost cost(int seconds) {
        CreditScheduler s = credit(PCPUS);
        SchedSimulation sim = new SchedSimulation(s, PCPUS);
        for (int i = 0; i < VCPUS; i++) {
            sim.addBurner(WEIGHTS[i % WEIGHTS.length], 0);
        }
        long before = sim.schedulerNanos();
        long decide = sim.doScheduleNanos();
        long acct = sim.accountingNanos();
        long decisions = s.decisions();
        sim.run(seconds * SECOND);
        return new Cost(s.decisions() - decisions, sim.doScheduleNanos() - decide, sim.accountingNanos() - acct,
                sim.schedulerNanos() - before);
    }

    private static double jain() {
        SchedSimulation sim = new SchedSimulation(credit(PCPUS), PCPUS);
        List<SchedUnit> units = new ArrayList<>();
        for (int i = 0; i < VCPUS; i++) {
            units.add(sim.addBurner(256, 0));
        }
        sim.run(120 * SECOND);
        return SchedSimulation.jain(units.stream().mapToDouble(sim::cpuTime).toArray());
    }

    /** Worst relative share error: of 8 vCPUs on 2 pCPUs over 60 s, and of 1,000 vCPUs' weight classes. */
    private static double[] weightErrors() {
        int[] small = {256, 256, 256, 512, 512, 1024, 1024, 256};
        SchedSimulation sim = new SchedSimulation(credit(2), 2);
        List<SchedUnit> units = new ArrayList<>();
        for (int w : small) {
            units.add(sim.addBurner(w, 0));
        }
        sim.run(60 * SECOND);
        double worstSmall = worst(sim, units, small);

        sim = new SchedSimulation(credit(PCPUS), PCPUS);
        units = new ArrayList<>();
        int[] weights = new int[VCPUS];
        for (int i = 0; i < VCPUS; i++) {
            weights[i] = WEIGHTS[i % WEIGHTS.length];
            units.add(sim.addBurner(weights[i], 0));
        }
        sim.run(120 * SECOND);
        double[] classTime = new double[WEIGHTS.length];
        double[] classWeight = new double[WEIGHTS.length];
        double total = 0;
        double weightSum = 0;
        for (int i = 0; i < VCPUS; i++) {
            classTime[i % WEIGHTS.length] += sim.cpuTime(units.get(i));
            classWeight[i % WEIGHTS.length] += weights[i];
            total += sim.cpuTime(units.get(i));
            weightSum += weights[i];
        }
        double worstClass = 0;
        for (int c = 0; c < WEIGHTS.length; c++) {
            worstClass = Math.max(worstClass, Math.abs((classTime[c] / total) / (classWeight[c] / weightSum) - 1));
        }
        return new double[] {100 * worstSmall, 100 * worstClass};
    }

    private static double worst(SchedSimulation sim, List<SchedUnit> units, int[] weights) {
        double total = 0;
        double weightSum = 0;
        for (int i = 0; i < weights.length; i++) {
            total += sim.cpuTime(units.get(i));
            weightSum += weights[i];
        }
        double worst = 0;
        for (int i = 0; i < weights.length; i++) {
            worst = Math.max(worst, Math.abs((sim.cpuTime(units.get(i)) / total) / (weights[i] / weightSum) - 1));
        }
        return worst;
    }
}
