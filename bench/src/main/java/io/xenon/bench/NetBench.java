package io.xenon.bench;

import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.drivers.net.Vifs;
import io.xenon.runtime.config.DomainConfigs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.jctools.queues.SpscArrayQueue;

/**
 * {@code net}: 64-byte frames per second from one domain's netfront through netback to another
 * domain's netfront, one way: {@code builtin:netsend mode=stream} keeps its tx ring full and
 * {@code builtin:netsink} counts what arrives (vifs wired back to back), beside a JCTools SPSC
 * hand-off of the same frames between two threads in the same run. The rate is the sink's:
 * frames received between its first and last data frame over that time, in a second pair of
 * domains after an untimed first pair has warmed the JIT. Frames netback dropped
 * on the sink's full rx queue are not counted, and their number is printed.
 */
final class NetBench implements Bench {

    static final int FRAMES = 500_000;
    /** Frames of an untimed first run by another pair of domains, so the timed one runs compiled code. */
    static final int WARMUP = 200_000;
    static final int SIZE = 64;
    private static final Pattern DONE = Pattern.compile("netsink: (\\d+) of (\\d+) frames in (\\d+) ns");

    @Override
    public String name() {
        return "net";
    }

    @Override
    public String description() {
        return "64-byte frames/s one way netfront->netback->netfront between two domains, beside a JCTools SPSC hand-off";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Result r;
        try (BenchHost host = new BenchHost("4G", 2)) {
            stream(host, "warm", WARMUP, false);
            r = stream(host, "", FRAMES, false);
        }
        double xenon = r.perSecond();
        double reference = handOff();
        out.printf(Locale.ROOT, "%-52s %10.3f M frames/s   (%d of %d received)%n",
                "Xenon netfront->netback->netfront (64 B, one way)", xenon / 1e6, r.received(), r.sent());
        out.printf(Locale.ROOT, "%-52s %10.3f M frames/s%n", "JCTools SpscArrayQueue hand-off (reference)", reference / 1e6);
        out.printf(Locale.ROOT, "Xenon / reference: %.3fx   (goal: at least 2 M frames/s; Xen's grant-copy netback: 1.24 M on a Xeon)%n",
                xenon / reference);
    }

    /** What a netsink reported: frames received of those sent, between its first and last. */
    record Result(long received, long sent, long nanos) {

        double perSecond() {
            return received / (nanos / 1e9);
        }
    }

    /**
     * Streams {@code frames} frames from a new netsend to a new netsink, both named with
     * {@code prefix}: through the host's bridge {@code xenbr0} if {@code bridged}, else over vifs
     * wired back to back.
     */
    static Result stream(BenchHost host, String prefix, int frames, boolean bridged) throws Exception {
        String sinkMac = "00:16:3e:5e:00:02";
        int sink = create(host, prefix + "sink", "netsink", "", "mac=" + sinkMac);
        int send = create(host, prefix + "send", "netsend", "count=" + frames + " size=" + SIZE + " mode=stream to="
                + sinkMac, "mac=00:16:3e:5e:00:01");
        awaitVif(host, sink);
        awaitVif(host, send);
        if (!bridged) {
            Vifs.connect("vif" + send + ".0", "vif" + sink + ".0");
        }
        HypervisorActor.ConsoleReply console = AskPattern.<HypervisorActor.Command, HypervisorActor.ConsoleReply>ask(
                host.system(), r -> new HypervisorActor.OpenConsole(prefix + "sink", r), Duration.ofSeconds(10),
                host.system().scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Matcher m = DONE.matcher("");
        while (System.nanoTime() < deadline && !(m = DONE.matcher(new String(console.log().snapshot()))).find()) {
            Thread.sleep(20);
        }
        if (!m.find(0)) {
            throw new IllegalStateException("netsink did not report:\n" + new String(console.log().snapshot()));
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    private static int create(BenchHost host, String name, String image, String extra, String vif) throws Exception {
        Reply r = host.create(DomainConfigs.read("name = \"" + name + "\"\nkernel = \"builtin:" + image
                + "\"\nmemory = 32\nextra = \"" + extra + "\"\nvif = [ '" + vif + "' ]\n", "<bench>", List.of()));
        if (!(r instanceof Reply.Created c)) {
            throw new IllegalStateException("cannot create " + name + ": " + r);
        }
        return c.domid().value();
    }

    private static void awaitVif(BenchHost host, int domid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Vifs.get("vif" + domid + ".0").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("vif" + domid + ".0 did not appear");
            }
            Thread.sleep(10);
        }
        Thread.sleep(200);
    }

    /** Frames per second through an SPSC queue from one thread to another, 64-byte copies. */
    private static double handOff() throws InterruptedException {
        SpscArrayQueue<byte[]> q = new SpscArrayQueue<>(256);
        int n = FRAMES * 4;
        Thread consumer = new Thread(() -> {
            int got = 0;
            byte[] sink = new byte[SIZE];
            while (got < n) {
                byte[] f = q.poll();
                if (f != null) {
                    System.arraycopy(f, 0, sink, 0, f.length);
                    got++;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        long t0 = System.nanoTime();
        consumer.start();
        byte[] frame = new byte[SIZE];
        for (int i = 0; i < n; i++) {
            byte[] copy = frame.clone();
            while (!q.offer(copy)) {
                Thread.onSpinWait();
            }
        }
        consumer.join();
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
