package io.xenon.toolstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Xenon daemon started with {@code bin/xenon up} in its own state directory, on free
 * ports, and the real {@code bin/xl} pointed at it. For integration tests; uses the build Maven
 * just packaged ({@code XENON_SKIP_BUILD=1}).
 */
final class DaemonProcess implements AutoCloseable {

    /** What a command printed and returned. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static final Path ROOT = findRoot();
    private static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();

    private final Path stateDir;
    private final Process process;
    private final Path log;

    private DaemonProcess(Path stateDir, Process process, Path log) {
        this.stateDir = stateDir;
        this.process = process;
        this.log = log;
    }

    /** Starts a daemon with {@code hostConf} (HOCON) as its host file and waits until its API is up. */
    static DaemonProcess start(Path dir, String hostConf) throws Exception {
        Path stateDir = dir.resolve("state");
        int n = STARTS.incrementAndGet();
        Path conf = dir.resolve("host-" + n + ".conf");
        Files.writeString(conf, hostConf);
        Path log = dir.resolve("daemon-" + n + ".out");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/xenon").toString(), "up", "--config", conf.toString());
        env(pb.environment(), stateDir);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        DaemonProcess d = new DaemonProcess(stateDir, p, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!d.output().contains("Xenon is up:")) {
            if (!p.isAlive()) {
                throw new IllegalStateException("daemon exited with " + p.exitValue() + ":\n" + d.output());
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("daemon did not come up in 60 s:\n" + d.output());
            }
            Thread.sleep(50);
        }
        return d;
    }

    private static void env(Map<String, String> env, Path stateDir) {
        env.put("XENON_STATE_DIR", stateDir.toString());
        env.put("XENON_API_PORT", "0");
        env.put("XENON_METRICS_PORT", "0");
        env.put("XENON_SKIP_BUILD", "1");
    }

    /** A host file with the given extra HOCON lines, small and quiet. */
    static String hostConf(String extra) {
        return """
                xenon.host.memory = 4G
                xenon.host.pcpus = 2
                xenon.dom0.memory = 512M
                xenon.daemon.stop-timeout = 5s
                """ + extra + "\n";
    }

    Path stateDir() {
        return stateDir;
    }

    Process process() {
        return process;
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    int port(String file) throws IOException {
        return Integer.parseInt(Files.readString(stateDir.resolve(file)).trim());
    }

    /** Runs {@code bin/xl args...} against this daemon. */
    Result xl(String... args) throws Exception {
        return run(stateDir, null, args);
    }

    /** Runs {@code bin/xl args...} with {@code input} on its stdin. */
    Result xlWithInput(String input, String... args) throws Exception {
        return run(stateDir, input, args);
    }

    /** Runs {@code bin/xl args...} with XENON_STATE_DIR set to {@code stateDir}. */
    static Result run(Path stateDir, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/xl").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        env(pb.environment(), stateDir);
        return exec(pb, input);
    }

    /** The path Xen's XenStore clients need in {@code XENSTORED_PATH}. */
    Path xenstoredPath() {
        return stateDir.resolve("xenstored/socket");
    }

    /** Runs a XenStore client ({@code xenstore-read ...}) against this daemon's socket. */
    Result xenstore(String... cmd) throws Exception {
        return exec(xenstoreProcess(cmd), null);
    }

    /** A XenStore client pointed at this daemon's socket, not yet started. */
    ProcessBuilder xenstoreProcess(String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XENSTORED_PATH", xenstoredPath().toString());
        return pb;
    }

    private static Result exec(ProcessBuilder pb, String input) throws Exception {
        Path out = Files.createTempFile("cmd", ".out");
        Path err = Files.createTempFile("cmd", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", pb.command()) + " did not finish in 60 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Sends SIGTERM and waits for the daemon to exit; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("daemon did not stop within " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bin/xenon"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (bin/xenon) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
