package io.xenon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.runtime.config.DomainConfigs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code blk}: blkfront→blkback throughput on an image file ({@code builtin:blkbench}: sequential
 * 1 MiB writes and reads, 4 KiB random reads), each beside {@code fio} on the same file with the
 * same block size and queue depth ({@code psync}, buffered, as blkback's file I/O is), measured in
 * the same run.
 *
 * <p>Both sides start alike: fio drops the file's pages from the page cache before each job (its
 * default {@code invalidate=1}, {@code posix_fadvise(POSIX_FADV_DONTNEED)}), so the bench drops them
 * the same way before each Xenon run; and as fio's write job ends with {@code fsync}
 * ({@code end_fsync=1}), blkbench's write run ends with a flush, both inside the timed span.
 */
final class BlkBench implements Bench {

    static final long TOTAL = 256L << 20;
    static final long RANDOM_TOTAL = 32L << 20;
    private static final Pattern REPORT = Pattern.compile("blkbench: (\\w+) (\\d+) bytes in (\\d+) ns");

    @Override
    public String name() {
        return "blk";
    }

    @Override
    public String description() {
        return "blkfront->blkback sequential 1 MiB writes and reads and 4 KiB random reads, beside fio on the same file";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        String fio = fio();
        try (BenchHost host = new BenchHost("8G", 2)) {
            Path image = host.stateDir().resolve("images/bench.img");
            // Both sides write into blocks the file system has already allocated.
            Files.createDirectories(image.getParent());
            fio(fio, image, "write", 1 << 20, TOTAL);
            out.printf(Locale.ROOT, "%-34s %12s %12s %8s%n", "workload (qd 1, median of " + ROUNDS + ")", "Xenon MB/s",
                    "fio MB/s", "ratio");
            row(out, host, fio, image, "write", "write", 1 << 20, TOTAL);
            row(out, host, fio, image, "read", "read", 1 << 20, TOTAL);
            row(out, host, fio, image, "randread", "randread", 4096, RANDOM_TOTAL);
        }
        out.println("(goal: at least 0.8x of fio)");
    }

    /** Rounds of each side, alternating; the row shows the medians (single runs vary by ±30%). */
    static final int ROUNDS = 3;

    private static void row(PrintStream out, BenchHost host, String fio, Path image, String mode, String fioMode,
            int bs, long total) throws Exception {
        double[] x = new double[ROUNDS];
        double[] f = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            dropCache(image);
            x[i] = xenon(host, mode + i, mode, bs, total);
            f[i] = fio(fio, image, fioMode, bs, total);
        }
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(f);
        double xenon = x[ROUNDS / 2];
        double reference = f[ROUNDS / 2];
        out.printf(Locale.ROOT, "%-34s %12.1f %12.1f %7.2fx%n", mode + " " + (bs >= 1 << 20 ? "1 MiB" : "4 KiB"),
                xenon / 1e6, reference / 1e6, xenon / reference);
    }

    /** Bytes per second blkbench measured in a fresh domain on the image. */
    private static double xenon(BenchHost host, String run, String mode, int bs, long total) throws Exception {
        String name = "blkbench-" + run;
        String cfg = "name = \"" + name + "\"\nkernel = \"builtin:blkbench\"\nmemory = 64\nextra = \"mode=" + mode
                + " bs=" + bs + " qd=1 total=" + total + "\"\n"
                + "disk = [ 'format=raw, vdev=xvda, size=" + TOTAL + ", target=bench.img' ]\n";
        Reply created = host.create(DomainConfigs.read(cfg, "<bench>", List.of()));
        if (!(created instanceof Reply.Created)) {
            throw new IllegalStateException("cannot create " + name + ": " + created);
        }
        HypervisorActor.ConsoleReply console = AskPattern.<HypervisorActor.Command, HypervisorActor.ConsoleReply>ask(
                host.system(), r -> new HypervisorActor.OpenConsole(name, r), Duration.ofSeconds(10),
                host.system().scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = REPORT.matcher(new String(console.log().snapshot()));
            if (m.find()) {
                host.destroy(name);
                return Long.parseLong(m.group(2)) / (Long.parseLong(m.group(3)) / 1e9);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + " did not finish:\n" + new String(console.log().snapshot()));
    }

    /**
     * Drops {@code image}'s clean pages from the page cache, as fio's {@code invalidate=1} does before
     * a job: {@code dd iflag=nocache count=0} is {@code posix_fadvise(POSIX_FADV_DONTNEED)} on the
     * whole file.
     */
    private static void dropCache(Path image) throws Exception {
        Process p = new ProcessBuilder("dd", "if=" + image, "iflag=nocache", "count=0", "status=none")
                .redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("dd could not drop the page cache: " + new String(output));
        }
    }

    /** Bytes per second fio measured on the same file. */
    private static double fio(String fio, Path image, String mode, int bs, long total) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(fio, "--name=ref", "--filename=" + image, "--rw=" + mode,
                "--bs=" + bs, "--iodepth=1", "--ioengine=psync", "--direct=0", "--size=" + TOTAL,
                "--io_size=" + total, "--end_fsync=" + (mode.equals("write") ? 1 : 0), "--output-format=json");
        pb.redirectErrorStream(false);
        Process p = pb.start();
        byte[] json = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("fio failed: " + new String(p.getErrorStream().readAllBytes()));
        }
        JsonNode job = new ObjectMapper().readTree(json).path("jobs").get(0);
        JsonNode side = job.path(mode.contains("write") ? "write" : "read");
        return side.path("bw_bytes").asDouble();
    }

    private static String fio() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "fio"))) {
                return Path.of(dir, "fio").toString();
            }
        }
        throw new IllegalStateException("fio is not installed: apt-get install fio");
    }
}
