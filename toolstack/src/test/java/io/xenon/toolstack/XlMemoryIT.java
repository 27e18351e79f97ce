package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code xl mem-set} and {@code xl mem-max} through the real {@code bin/xl} and daemon: the
 * guest's balloon (and Domain-0's, in the daemon) follows the target, and {@code xl list}'s Mem column with {@code xl info}'s
 * free_memory always add up to total_memory.
 */
class XlMemoryIT extends SharedDaemon {

    @Test
    void memSetAndMemMaxMoveTheDomainAndTheHostsFreeMemoryTogether() throws Exception {
        Path cfg = dir.resolve("bal.cfg");
        Files.writeString(cfg, "name = \"bal\"\nkernel = \"builtin:idle\"\nmemory = 64\nmaxmem = 128\n");
        assertEquals(0, daemon.xl("create", "-q", cfg.toString()).exit());
        awaitMem("bal", 64);
        assertEquals(4096 - 512 - 64, infoValue("free_memory"));
        assertAddsUp();

        ok("mem-set", "bal", "32m");
        awaitMem("bal", 32);
        assertEquals(4096 - 512 - 32, infoValue("free_memory"));
        assertAddsUp();

        DaemonProcess.Result aboveMax = daemon.xl("mem-set", "bal", "200");
        assertNotEquals(0, aboveMax.exit());
        assertTrue(aboveMax.err().contains("memory_dynamic_max must be less than or equal to memory_static_max"),
                aboveMax.toString());

        ok("mem-max", "bal", "96m");
        assertNotEquals(0, daemon.xl("mem-set", "bal", "131072k").exit());
        ok("mem-set", "bal", "98304k");
        awaitMem("bal", 96);
        assertEquals(4096 - 512 - 96, infoValue("free_memory"));
        assertAddsUp();

        DaemonProcess.Result belowTarget = daemon.xl("mem-max", "bal", "64m");
        assertNotEquals(0, belowTarget.exit());
        assertTrue(belowTarget.err().contains("cannot set domid bal static max memory to : 64m"), belowTarget.toString());

        DaemonProcess.Result aboveHost = daemon.xl("mem-max", "bal", "5g");
        assertNotEquals(0, aboveHost.exit());
        assertTrue(aboveHost.err().contains("the host has 4194304 KiB"), aboveHost.toString());

        DaemonProcess.Result invalid = daemon.xl("mem-set", "bal", "12xy");
        assertEquals(1, invalid.exit());
        assertEquals("invalid memory size: 12xy", invalid.err().strip());

        assertEquals(96, memOf("bal"));
        assertAddsUp();
        daemon.xl("destroy", "bal");
        assertEquals(4096 - 512, infoValue("free_memory"));
    }

    @Test
    void aTargetTheHostCannotFeedIsRefused() throws Exception {
        Path cfg = dir.resolve("big.cfg");
        Files.writeString(cfg, "name = \"big\"\nkernel = \"builtin:idle\"\nmemory = 32\nmaxmem = 4000\n");
        assertEquals(0, daemon.xl("create", "-q", cfg.toString()).exit());

        DaemonProcess.Result refused = daemon.xl("mem-set", "big", "4000");

        assertNotEquals(0, refused.exit());
        assertTrue(refused.err().contains("not enough free memory on the host"), refused.toString());
        assertEquals(32, memOf("big"));
        assertAddsUp();
        daemon.xl("destroy", "big");
    }

    @Test
    void memSetOnDomain0BalloonsItAndFreesTheHostsMemory() throws Exception {
        long free = infoValue("free_memory");
        assertEquals(512, memOf("0"));

        ok("mem-set", "0", (512 - 256) + "m");
        awaitMem("0", 256);
        assertEquals(free + 256, infoValue("free_memory"));
        assertAddsUp();
        awaitDom0MemoryMetric(256L << 20);

        DaemonProcess.Result aboveMax = daemon.xl("mem-set", "0", "513m");
        assertNotEquals(0, aboveMax.exit());
        assertTrue(aboveMax.err().contains("memory_dynamic_max must be less than or equal to memory_static_max"),
                aboveMax.toString());

        ok("mem-set", "Domain-0", "512m");
        awaitMem("0", 512);
        assertEquals(free, infoValue("free_memory"));
        assertAddsUp();
    }

    /** Waits until Prometheus's {@code xenon_domain_memory_bytes} for Domain-0 reads {@code bytes}. */
    private void awaitDom0MemoryMetric(long bytes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + daemon.port("metrics.port") + "/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String line = null;
        while (System.nanoTime() < deadline) {
            line = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .lines().filter(l -> l.startsWith("xenon_domain_memory_bytes{") && l.contains("domain=\"Domain-0\""))
                    .findFirst().orElse(null);
            if (line != null && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) == bytes) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Domain-0's memory series did not reach " + bytes + " bytes: " + line);
    }

    /** Every row's Mem plus free_memory is total_memory. */
    private void assertAddsUp() throws Exception {
        long used = daemon.xl("list").out().lines().skip(1).mapToLong(XlMemoryIT::mem).sum();
        assertEquals(infoValue("total_memory"), used + infoValue("free_memory"));
    }

    private long infoValue(String key) throws Exception {
        return Long.parseLong(daemon.xl("info", key).out().strip());
    }

    private long memOf(String name) throws Exception {
        return daemon.xl("list", name).out().lines().skip(1).mapToLong(XlMemoryIT::mem).findFirst().orElseThrow();
    }

    /** The Mem column of an {@code xl list} row. */
    private static long mem(String row) {
        return Long.parseLong(row.trim().split("\\s+")[2]);
    }

    private void awaitMem(String name, long mib) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = memOf(name);
            if (last == mib) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " has " + last + " MiB, expected " + mib);
    }
}
