package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon's networks reached with real Linux tools from network namespaces this test
 * makes: {@code ping} and {@code socat} through a bridge's TAP uplink to a DomU, a DomU's UDP
 * through a nat network's TUN uplink to a {@code socat} server, and {@code xl network-capture}
 * read back by {@code tshark}. Needs root, iproute2, iputils-ping, socat and tshark; every
 * namespace and interface it makes is deleted afterwards.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkInteropIT {

    private final String tag = "x" + ProcessHandle.current().pid() % 100_000;
    private final String tap = tag + "t";
    private final String tun = tag + "n";
    private final List<String> namespaces = new ArrayList<>();
    private DaemonProcess daemon;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        for (String tool : List.of("ip", "ping", "socat", "tshark")) {
            if (sh("sh", "-c", "command -v " + tool).exit() != 0) {
                fail(tool + " is not installed: apt-get install iproute2 iputils-ping socat tshark");
            }
        }
        dir = tmp;
        daemon = DaemonProcess.start(dir, DaemonProcess.hostConf("""
                xenon.networks = [
                  { name = xenbr0, mode = bridge, uplink = "tap:%s" },
                  { name = natnet, mode = nat, subnet = "10.77.0.0/24", uplink = "tun:%s", uplink-address = "10.99.0.2/24" }
                ]
                """.formatted(tap, tun)));
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        for (String ns : namespaces) {
            sh("ip", "netns", "del", ns);
        }
    }

    @Test
    void pingAndUdpFromANamespaceReachADomUThroughTheBridgesTap() throws Exception {
        ok(daemon.xl("create", path(write("echo.cfg", guest("echo", "netecho", "", "ip=10.76.0.2")))));
        String ns = namespace("b");
        waitFor(() -> sh("ip", "link", "show", tap).exit() == 0, "the bridge's TAP " + tap);
        run("ip", "link", "set", tap, "netns", ns);
        run("ip", "-n", ns, "addr", "add", "10.76.0.1/24", "dev", tap);
        run("ip", "-n", ns, "link", "set", tap, "up");
        waitFor(() -> console("echo").contains("eth0 10.76.0.2/24"), "netecho's address");

        Result ping = sh("ip", "netns", "exec", ns, "ping", "-c", "3", "-W", "2", "10.76.0.2");
        assertTrue(ping.out().contains("3 packets transmitted, 3 received"), ping.toString());

        Result udp = sh("sh", "-c", "printf 'hello xenon' | ip netns exec " + ns
                + " socat -T3 - UDP:10.76.0.2:7");
        assertEquals("hello xenon", udp.out(), udp.toString());
    }

    @Test
    void aNatDomUGetsALeaseAndReachesAUdpServerBehindTheTun() throws Exception {
        String ns = namespace("n");
        waitFor(() -> sh("ip", "link", "show", tun).exit() == 0, "the nat network's TUN " + tun);
        run("ip", "link", "set", tun, "netns", ns);
        run("ip", "-n", ns, "addr", "add", "10.99.0.1/24", "dev", tun);
        run("ip", "-n", ns, "link", "set", tun, "up");
        Process server = new ProcessBuilder("ip", "netns", "exec", ns, "timeout", "60", "socat",
                "UDP-RECVFROM:5000,bind=10.99.0.1,fork", "EXEC:cat").redirectErrorStream(true).start();
        try {
            Thread.sleep(300);
            ok(daemon.xl("create", path(write("client.cfg", guest("client", "pinger",
                    "target=10.99.0.1 count=10 interval=50 udp=5000", "bridge=natnet")))));
            waitFor(() -> console("client").contains("udp echo "), "the client's UDP echo summary");
            String c = console("client");
            assertTrue(c.contains("pinger: eth0 10.77.0.") && c.contains("(dhcp)"), c);
            assertTrue(c.contains("udp echo 10.99.0.1:5000: 10 sent, 10 echoed, 0 lost"), c);
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void xlNetworkCaptureWritesAPcapThatTsharkReads() throws Exception {
        ok(daemon.xl("create", path(write("peer.cfg", guest("peer", "netecho", "", "ip=10.76.0.20")))));
        // A vifname names the port, as vif-bridge names the interface; the capture finds it by it.
        ok(daemon.xl("create", path(write("prober.cfg", guest("prober", "pinger", "target=10.76.0.20 count=200 interval=20",
                "ip=10.76.0.21,vifname=prober0")))));
        waitFor(() -> console("prober").contains("64 bytes from"), "the first ping reply");
        Path pcap = dir.resolve("prober.pcap");
        DaemonProcess.Result capture = daemon.xl("network-capture", "prober", "0", pcap.toString(), "2");
        assertTrue(capture.exit() == 0 && capture.out().matches("(?s)Captured \\d+ frames from prober0 into .*"),
                capture.toString());
        DaemonProcess.Result none = daemon.xl("network-capture", "prober", "7", dir.resolve("none.pcap").toString(), "1");
        assertTrue(none.exit() != 0 && none.err().contains("has no vif 7"), none.toString());
        Result tshark = sh("tshark", "-r", pcap.toString(), "-Y", "icmp", "-T", "fields", "-e", "icmp.type", "-e", "ip.src");
        assertTrue(tshark.exit() == 0, tshark.toString());
        List<String> lines = tshark.out().lines().toList();
        assertTrue(lines.contains("8\t10.76.0.21") && lines.contains("0\t10.76.0.20"),
                "echo requests from the prober and replies to it:\n" + tshark);
    }

    private String namespace(String suffix) throws Exception {
        String ns = tag + suffix;
        Result r = sh("ip", "netns", "add", ns);
        if (r.exit() != 0) {
            fail("cannot create network namespace " + ns + " (this test needs root and iproute2): " + r);
        }
        namespaces.add(ns);
        return ns;
    }

    private String console(String dom) {
        try {
            return Files.readString(dir.resolve("state").resolve("console").resolve(dom + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String path(Path p) {
        return p.toString();
    }

    private static String guest(String name, String image, String extra, String vif) {
        return "name = \"" + name + "\"\nkernel = \"builtin:" + image + "\"\nmemory = 32\nextra = \"" + extra + "\"\n"
                + "vif = [ '" + vif + "' ]\n";
    }

    private static void ok(DaemonProcess.Result r) {
        assertEquals(0, r.exit(), r.toString());
    }

    private static void run(String... cmd) throws Exception {
        Result r = sh(cmd);
        assertEquals(0, r.exit(), String.join(" ", cmd) + ": " + r);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting 30 s for " + what);
            }
            Thread.sleep(100);
        }
    }

    private record Result(int exit, String out) {
    }

    private static Result sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", cmd) + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
