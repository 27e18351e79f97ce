package io.xenon.bench;

import io.xenon.actors.Reply;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.DomainInfo;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sched-host}: the credit scheduler on a real host rather than a simulated one. Eight
 * {@code builtin:cpuburn} domains with {@code cpu_weight} 256, 512 and 1024 on 2 pCPUs for
 * {@link #SECONDS} s, their shares from their vCPUs' measured CPU time beside the shares their
 * weights ask for; then one burner with {@code cap = 25} (and a weight that would give it more)
 * beside them, and alone. What the figures carry
 * besides the scheduler: real threads, and whatever else this machine runs.
 */
final class SchedHostBench implements Bench {

    static final int SECONDS = 10;
    private static final int[] WEIGHTS = {256, 256, 256, 512, 512, 512, 1024, 1024};

    @Override
    public String name() {
        return "sched-host";
    }

    @Override
    public String description() {
        return "credit shares of 8 real cpuburn domains (weights 256/512/1024) and a cap of 25 on 2 pCPUs, beside their goals";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try (BenchHost host = new BenchHost("4G", 2)) {
            for (int i = 0; i < WEIGHTS.length; i++) {
                create(host, "burn" + i, "cpu_weight = " + WEIGHTS[i]);
            }
            Map<String, Long> used = measure(host);
            long total = used.values().stream().mapToLong(Long::longValue).sum();
            int weightSum = 0;
            for (int w : WEIGHTS) {
                weightSum += w;
            }
            double worst = 0;
            for (int i = 0; i < WEIGHTS.length; i++) {
                double expected = (double) WEIGHTS[i] / weightSum;
                double got = (double) used.get("burn" + i) / total;
                worst = Math.max(worst, Math.abs(got - expected) / expected);
                out.printf(Locale.ROOT, "burn%d weight %4d   share %6.2f %%   weight's share %6.2f %%%n", i, WEIGHTS[i],
                        got * 100, expected * 100);
            }
            out.printf(Locale.ROOT, "worst share error, relative to the weight's share   %6.2f %%   goal < 3%%%n", worst * 100);
            out.printf(Locale.ROOT, "pCPU time the burners got                           %6.2f of 2 pCPUs%n",
                    total / (SECONDS * 1e9));
            // A cap is a ceiling: it binds where the weight would give more, here a weight of
            // 8,192 beside the burners (about 65% of one pCPU uncapped).
            create(host, "capped", "cap = 25\ncpu_weight = 8192");
            Map<String, Long> withCap = measure(host);
            out.printf(Locale.ROOT, "cap 25, weight 8192, beside 8 burners: %6.2f %% of one pCPU   goal 25 +- 3%n",
                    withCap.get("capped") * 100.0 / (SECONDS * 1e9));
            for (int i = 0; i < WEIGHTS.length; i++) {
                host.destroy("burn" + i);
            }
            Map<String, Long> alone = measure(host);
            out.printf(Locale.ROOT, "cap 25 alone on an idle host:           %6.2f %% of one pCPU   goal 25 +- 3%n",
                    alone.get("capped") * 100.0 / (SECONDS * 1e9));
        }
    }

    private static void create(BenchHost host, String name, String extra) throws Exception {
        Reply r = host.create(DomainConfigs.read("name = \"" + name + "\"\nkernel = \"builtin:cpuburn\"\nmemory = 32\n"
                + extra + "\n", "<bench>", List.of()));
        if (!(r instanceof Reply.Created)) {
            throw new IllegalStateException("cannot create " + name + ": " + r);
        }
    }

    /** CPU time each DomU used over {@link #SECONDS} s, after a second to settle. */
    private static Map<String, Long> measure(BenchHost host) throws Exception {
        Thread.sleep(1_000);
        Map<String, Long> before = times(host.list());
        Thread.sleep(SECONDS * 1_000L);
        Map<String, Long> after = times(host.list());
        Map<String, Long> used = new HashMap<>();
        after.forEach((name, t) -> {
            if (!name.equals("Domain-0") && before.containsKey(name)) {
                used.put(name, t - before.get(name));
            }
        });
        return used;
    }

    private static Map<String, Long> times(List<DomainInfo> domains) {
        Map<String, Long> m = new HashMap<>();
        for (DomainInfo d : domains) {
            m.put(d.name(), d.cpuTimeNanos());
        }
        return m;
    }
}
