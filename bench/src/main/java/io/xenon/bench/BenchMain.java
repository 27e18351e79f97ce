package io.xenon.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code xenon bench [--list] [NAME...]}: runs the named benchmarks (all when none is named) and
 * prints their figures. Exits non-zero if a name is unknown or a benchmark fails.
 */
public final class BenchMain {

    private static final Map<String, Bench> BENCHES = new LinkedHashMap<>();

    static {
        for (Bench b : List.of(new DomainCreateBench(), new IdleHeapBench(), new RingBench(),
                new BlkBench(), new NetBench(), new BridgeBench(), new SchedBench(), new SchedHostBench())) {
            BENCHES.put(b.name(), b);
        }
    }

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Bench> chosen = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--list") || a.equals("-l")) {
                BENCHES.values().forEach(b -> out.printf("%-12s %s%n", b.name(), b.description()));
                return 0;
            }
            Bench b = BENCHES.get(a);
            if (b == null) {
                err.println("xenon bench: unknown benchmark '" + a + "' (known: " + String.join(", ", BENCHES.keySet()) + ")");
                return 2;
            }
            chosen.add(b);
        }
        if (chosen.isEmpty()) {
            chosen.addAll(BENCHES.values());
        }
        int failures = 0;
        for (Bench b : chosen) {
            out.println("== " + b.name() + ": " + b.description());
            try {
                b.run(out);
            } catch (Exception e) {
                err.println("xenon bench: " + b.name() + " failed: " + e);
                failures++;
            }
            out.flush();
        }
        return failures == 0 ? 0 : 1;
    }
}
