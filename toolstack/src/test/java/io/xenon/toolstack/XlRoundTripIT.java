package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xenon.toolstack.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The real {@code bin/xl} against a real daemon started with {@code bin/xenon up}. */
class XlRoundTripIT extends SharedDaemon {

    static final String HEADER = "Name                                        ID   Mem VCPUs\tState\tTime(s)";

    @Test
    void createListPauseUnpauseDestroyRoundTrip() throws Exception {
        Path cfg = write("rt.cfg", """
                name = "rt"
                kernel = "builtin:idle"
                memory = 64
                vcpus = 2
                """);
        DaemonProcess.Result create = daemon.xl("create", cfg.toString());
        assertEquals(0, create.exit(), create.toString());
        assertTrue(create.err().contains("Parsing config from " + cfg), create.toString());

        String row = awaitRow("rt", r -> r.contains("-b----"));
        assertTrue(row.matches("rt {38} +\\d+ +64 +2 {5}-b---- +\\d+\\.\\d"), "row: [" + row + "]");
        String list = daemon.xl("list").out();
        assertEquals(HEADER, list.lines().findFirst().orElseThrow());
        assertTrue(list.lines().anyMatch(l -> l.startsWith("Domain-0") && l.contains(" 512 ")), list);

        String domid = daemon.xl("domid", "rt").out().trim();
        assertEquals("rt", daemon.xl("domname", domid).out().trim());

        assertEquals(0, daemon.xl("pause", "rt").exit());
        assertTrue(awaitRow("rt", r -> r.contains("--p---") || r.contains("-bp---")).contains("p"));
        assertEquals(0, daemon.xl("unpause", domid).exit());
        awaitRow("rt", r -> r.contains("-b----"));

        DaemonProcess.Result vcpus = daemon.xl("vcpu-list", "rt");
        assertEquals(0, vcpus.exit(), vcpus.toString());
        assertEquals(3, vcpus.out().lines().count(), vcpus.out());

        assertEquals(0, daemon.xl("destroy", "rt").exit());
        assertFalse(daemon.xl("list").out().contains("\nrt "), "rt still listed");
    }

    @Test
    void errorsAreOneLineOnStderrWithANonZeroExit() throws Exception {
        DaemonProcess.Result missing = daemon.xl("destroy", "no-such-domain");
        assertNotEquals(0, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.toString());
        assertTrue(missing.err().contains("no-such-domain"), missing.toString());

        Path bad = write("bad.cfg", "name = \"bad\"\nmemory = = 3\n");
        DaemonProcess.Result parse = daemon.xl("create", "-q", bad.toString());
        assertNotEquals(0, parse.exit());
        assertTrue(parse.err().contains(bad + ":2:"), parse.toString());

        Path linux = write("linux.cfg", "name = \"linux\"\nkernel = \"/boot/vmlinuz\"\nmemory = 64\n");
        DaemonProcess.Result refused = daemon.xl("create", "-q", linux.toString());
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err().contains("native kernel"), refused.toString());
        assertFalse(daemon.xl("list").out().contains("linux"));
    }

    @Test
    void dryRunPrintsTheParsedConfigAsJsonWithoutADaemon() throws Exception {
        Path example = DaemonProcess.ROOT.resolve("runtime/src/test/resources/conformance/xen-examples/xlexample.pvlinux");
        DaemonProcess.Result dry = DaemonProcess.run(dir.resolve("nowhere"), null, "create", "-n", example.toString());
        assertEquals(0, dry.exit(), dry.toString());
        JsonNode json = Json.mapper().readTree(dry.out());
        assertEquals("example.pvlinux", json.path("c_info").path("name").asText(), dry.out());
    }

    @Test
    void infoUptimeDmesgAndListLongWork() throws Exception {
        daemon.xl("create", "-q", write("info.cfg", "name = \"info\"\nkernel = \"builtin:idle\"\nmemory = 32\n").toString());
        String info = daemon.xl("info").out();
        assertTrue(info.contains("nr_cpus                : 2"), info);
        assertTrue(info.contains("xen_major              : 4"), info);
        assertTrue(info.lines().reduce((a, b) -> b).orElseThrow().equals("xend_config_format     : 4"), info);
        String uptime = daemon.xl("uptime").out();
        assertTrue(uptime.lines().anyMatch(l -> l.startsWith("info ")), uptime);
        assertTrue(daemon.xl("dmesg").out().contains("Created domain"));
        JsonNode all = Json.mapper().readTree(daemon.xl("list", "-l", "info").out());
        assertEquals("info", all.get(0).path("config").path("c_info").path("name").asText(), all.toString());
        daemon.xl("destroy", "info");
    }

    @Test
    void consoleStreamsTheGuestsOutputUntilTheDomainDies() throws Exception {
        daemon.xl("create", "-q", write("con.cfg", "name = \"con\"\nkernel = \"builtin:idle\"\nmemory = 32\n").toString());
        awaitRow("con", r -> r.contains("-b----"));
        Thread destroyer = new Thread(() -> {
            try {
                Thread.sleep(1500);
                daemon.xl("destroy", "con");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        destroyer.start();
        DaemonProcess.Result console = daemon.xlWithInput("", "console", "con");
        destroyer.join();
        assertEquals(0, console.exit(), console.toString());
        assertTrue(console.out().contains("Xenon mini-os: idle"), console.toString());
    }

    @Test
    void theApiWantsTheBearerToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + daemon.port("api.port") + "/v1/domains");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer 00").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(daemon.stateDir().resolve("api.token"))));
    }

    @Test
    void prometheusSeesPerDomainMetrics() throws Exception {
        daemon.xl("create", "-q", write("metered.cfg",
                "name = \"metered\"\nkernel = \"builtin:cpuburn\"\nmemory = 32\n").toString());
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + daemon.port("metrics.port") + "/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (text.contains("domain=\"metered\"") && text.contains("xenon_domain_cpu_time_seconds_total")) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(text.lines().anyMatch(l -> l.startsWith("xenon_domain_cpu_time_seconds_total{")
                && l.contains("domain=\"metered\"")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("xenon_domain_state{") && l.contains("domain=\"metered\"")), text);
        daemon.xl("destroy", "metered");
    }

    @Test
    void networkDevicesAreListedAttachedAndDetachedInXlsFormat() throws Exception {
        Path cfg = write("nic.cfg", "name = \"nic\"\nkernel = \"builtin:idle\"\nmemory = 32\n"
                + "vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0' ]\n");
        assertEquals(0, daemon.xl("create", "-q", cfg.toString()).exit());
        String domid = daemon.xl("domid", "nic").out().strip();
        String header = "Idx BE Mac Addr.         handle state evt-ch   tx-/rx-ring-ref BE-path                       ";
        List<String> list = daemon.xl("network-list", "nic").out().lines().toList();
        assertEquals(header, list.get(0));
        assertTrue(list.get(1).startsWith("0   0  00:16:3e:00:00:01     0 "), list.toString());
        assertTrue(list.get(1).contains("/local/domain/0/backend/vif/" + domid + "/0"), list.toString());
        assertEquals(0, daemon.xl("network-attach", "nic", "bridge=xenbr0").exit());
        assertEquals(3, daemon.xl("network-list", "nic").out().lines().count());
        assertEquals(0, daemon.xl("network-detach", "nic", "00:16:3e:00:00:01").exit());
        List<String> after = daemon.xl("network-list", "nic").out().lines().toList();
        assertEquals(2, after.size(), after.toString());
        assertTrue(after.get(1).startsWith("1   0  00:16:3e:"), after.toString());
        DaemonProcess.Result missing = daemon.xl("network-detach", "nic", "9");
        assertEquals(1, missing.exit());
        assertEquals("Device 9 not connected.", missing.err().strip());
        daemon.xl("destroy", "nic");
    }

    private String awaitRow(String name, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = daemon.xl("list").out();
            for (String line : last.lines().toList()) {
                if (line.startsWith(name + " ") && condition.test(line)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no row for " + name + " matched; last list:\n" + last);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
