package io.xenon.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code bridge}: 64-byte frames per second from one DomU's netfront to another's through the
 * host's bridge {@code xenbr0} (netsend to netsink, front end to front end), beside two Linux
 * network namespaces joined by veth pairs over a Linux bridge carrying 64-byte UDP datagrams
 * ({@code iperf3 -u -l 64 -b 0}), in the same run. The Xenon figure is a second pair's, after an
 * untimed first pair (destroyed before it) has warmed the JIT. Needs root, iproute2 and iperf3.
 */
final class BridgeBench implements Bench {

    static final int SECONDS = 5;

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public String description() {
        return "64-byte frames/s DomU->DomU through a bridge, beside veth pairs on a Linux bridge (iperf3 -u -l 64)";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        NetBench.Result r;
        try (BenchHost host = new BenchHost("4G", 2)) {
            NetBench.stream(host, "warm", NetBench.WARMUP, true);
            host.destroy("warmsink");
            host.destroy("warmsend");
            Thread.sleep(500);
            r = NetBench.stream(host, "", NetBench.FRAMES, true);
        }
        double linux = LinuxBridgeReference.datagramsPerSecond(NetBench.SIZE, SECONDS);
        out.printf(Locale.ROOT, "%-52s %10.3f M frames/s   (%d of %d received)%n",
                "Xenon netfront->xenbr0->netfront (64 B)", r.perSecond() / 1e6, r.received(), r.sent());
        out.printf(Locale.ROOT, "%-52s %10.3f M frames/s%n", "Linux veth + bridge, iperf3 -u -l 64 (reference)",
                linux / 1e6);
        out.printf(Locale.ROOT, "Xenon / Linux: %.2fx   (goal: at least 2x)%n", r.perSecond() / linux);
    }
}
