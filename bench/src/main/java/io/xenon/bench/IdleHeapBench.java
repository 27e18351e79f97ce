package io.xenon.bench;

import io.xenon.actors.Reply;
import io.xenon.runtime.domain.DomainInfo;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code idle-heap}: heap per idle DomU ({@code builtin:idle}, 1 vCPU, 128 MiB) with 1,000 of them
 * running, beside the heap of a bare Pekko actor measured in the same process. Heap is read after
 * full collections, before and after.
 */
final class IdleHeapBench implements Bench {

    static final int DOMAINS = 1000;

    @Override
    public String name() {
        return "idle-heap";
    }

    @Override
    public String description() {
        return "heap per idle DomU (builtin:idle, 1 vCPU, 128 MiB) with " + DOMAINS + " running, beside a bare Pekko actor";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try (BenchHost host = new BenchHost((DOMAINS * 128 / 1024 + 8) + "G", 2)) {
            for (int i = 0; i < 20; i++) {
                Reply r = host.create(BenchHost.config("warm" + i, "builtin:idle", 128));
                host.destroy(((Reply.Created) r).domid().toString());
            }
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            for (int i = 0; i < DOMAINS; i++) {
                Reply r = host.create(BenchHost.config("idle" + i, "builtin:idle", 128));
                if (!(r instanceof Reply.Created)) {
                    throw new IllegalStateException("create " + i + " failed: " + r);
                }
            }
            long createNanos = System.nanoTime() - t0;
            awaitAllBlocked(host);
            // Let the boot settle: console output reaches its log files a second after it is written.
            Thread.sleep(2_500);
            long after = usedHeapAfterGc();
            double perDomU = (after - before) / (double) DOMAINS;

            long beforeActors = usedHeapAfterGc();
            for (int i = 0; i < DOMAINS; i++) {
                host.system().systemActorOf(Behaviors.empty(), "bare" + i, Props.empty());
            }
            long afterActors = usedHeapAfterGc();
            double perActor = (afterActors - beforeActors) / (double) DOMAINS;

            out.printf(Locale.ROOT, "%d idle DomUs running: heap %.1f KiB per DomU   (goal: < 64 KiB)%n", DOMAINS,
                    perDomU / 1024);
            out.printf(Locale.ROOT, "bare Pekko actor (reference): heap %.2f KiB per actor%n", perActor / 1024);
            out.printf(Locale.ROOT, "per DomU / per bare actor: %.1fx   (a DomU is 2 actors, its runtime state, its guest)%n",
                    perDomU / perActor);
            out.printf(Locale.ROOT, "created %d DomUs in %.2f s (%.0f per second, one at a time)%n", DOMAINS,
                    createNanos / 1e9, DOMAINS / (createNanos / 1e9));
        }
    }

    private static void awaitAllBlocked(BenchHost host) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<DomainInfo> all = host.list();
            long idle = all.stream().filter(d -> d.name().startsWith("idle") && d.blocked()).count();
            if (idle == DOMAINS) {
                return;
            }
            Thread.sleep(50);
        }
        java.util.Map<String, Long> states = new java.util.TreeMap<>();
        for (DomainInfo d : host.list()) {
            states.merge(d.stateLetters() + " vcpus=" + d.onlineVcpus() + " cpu=" + (d.cpuTimeNanos() > 0), 1L, Long::sum);
        }
        throw new IllegalStateException("the DomUs did not all boot and block within 60 s: " + states);
    }

    /** Used heap once it stops shrinking under repeated full collections (G1 needs a few). */
    private static long usedHeapAfterGc() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(150);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < (1 << 20)) {
                return Math.min(last, used);
            }
            last = used;
        }
        return last;
    }
}
