package io.xenon.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

/** {@code create}: domain create-to-running latency, median and p99, beside a bare actor spawn-and-ask. */
final class DomainCreateBench implements Bench {

    @Override
    public String name() {
        return "create";
    }

    @Override
    public String description() {
        return "domain create->running latency (p50, p99) beside a bare Pekko spawn+ask, JMH sample mode";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Options options = new OptionsBuilder()
                .include(DomainCreateBenchmark.class.getName() + "\\.")
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(3))
                .forks(1)
                .jvmArgsAppend("-Xmx4g")
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Statistics create = null;
        Statistics reference = null;
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            if (label.endsWith("createToRunning")) {
                create = r.getPrimaryResult().getStatistics();
            } else if (label.endsWith("bareActorSpawnAndAsk")) {
                reference = r.getPrimaryResult().getStatistics();
            }
        }
        if (create == null || reference == null) {
            throw new IllegalStateException("JMH produced no results");
        }
        out.println(line("create->running", create, null));
        out.println(line("bare spawn+ask (reference)", reference, null));
        out.printf(Locale.ROOT, "create->running / reference: p50 %.1fx, p99 %.1fx   (goal: create->running p50 < 5000 us)%n",
                create.getPercentile(50) / reference.getPercentile(50), create.getPercentile(99) / reference.getPercentile(99));
    }

    private static String line(String what, Statistics s, String note) {
        return String.format(Locale.ROOT, "%-28s p50 %9.1f us   p99 %9.1f us   (%d samples)%s", what,
                s.getPercentile(50), s.getPercentile(99), s.getN(), note == null ? "" : "  " + note);
    }
}
