package io.xenon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Linux figure the bridge bench stands beside: two network namespaces, each joined by a veth
 * pair to a Linux bridge, and {@code iperf3 -u -l 64 -b 0} from one to the other; the rate is
 * the datagrams that arrived per second. Everything it creates is named {@code xb-<pid>-*} and
 * deleted afterwards, also when it fails. Needs root, iproute2 and iperf3.
 */
final class LinuxBridgeReference {

    private final String tag = "xb" + ProcessHandle.current().pid() % 100_000;
    private final List<List<String>> undo = new ArrayList<>();

    /** Datagrams of {@code size} bytes of payload received per second over {@code seconds}. */
    static double datagramsPerSecond(int size, int seconds) throws IOException, InterruptedException {
        LinuxBridgeReference r = new LinuxBridgeReference();
        try {
            return r.measure(size, seconds);
        } finally {
            r.cleanUp();
        }
    }

    private double measure(int size, int seconds) throws IOException, InterruptedException {
        String a = tag + "a";
        String b = tag + "b";
        String br = tag + "br";
        run("ip", "netns", "add", a);
        undo.add(List.of("ip", "netns", "del", a));
        run("ip", "netns", "add", b);
        undo.add(List.of("ip", "netns", "del", b));
        run("ip", "link", "add", br, "type", "bridge");
        undo.add(List.of("ip", "link", "del", br));
        for (String ns : List.of(a, b)) {
            String host = ns + "h";
            String peer = ns + "p";
            run("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
            undo.add(0, List.of("ip", "link", "del", host));
            run("ip", "link", "set", peer, "netns", ns);
            run("ip", "link", "set", host, "master", br);
            run("ip", "link", "set", host, "up");
            run("ip", "-n", ns, "addr", "add", ns.equals(a) ? "10.211.0.1/24" : "10.211.0.2/24", "dev", peer);
            run("ip", "-n", ns, "link", "set", peer, "up");
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "link", "set", br, "up");
        Process server = new ProcessBuilder("ip", "netns", "exec", a, "iperf3", "-s", "-1", "-B", "10.211.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(500);
            Process client = new ProcessBuilder("ip", "netns", "exec", b, "iperf3", "-c", "10.211.0.1", "-u",
                    "-l", Integer.toString(size), "-b", "0", "-t", Integer.toString(seconds), "-J")
                    .redirectErrorStream(true).start();
            byte[] out = client.getInputStream().readAllBytes();
            if (!client.waitFor(seconds + 30L, TimeUnit.SECONDS) || client.exitValue() != 0) {
                throw new IOException("iperf3 failed (apt-get install iperf3): " + new String(out));
            }
            JsonNode sum = new ObjectMapper().readTree(out).path("end").path("sum");
            long received = sum.path("packets").asLong() - sum.path("lost_packets").asLong();
            return received / sum.path("seconds").asDouble();
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void cleanUp() throws IOException, InterruptedException {
        for (List<String> cmd : undo) {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd[0] + " is missing (apt-get install iproute2 iperf3): " + e.getMessage(), e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (the bridge bench needs root): " + new String(out).strip());
        }
    }
}
