package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Debian's xenstore-utils (the real C clients of libxenstore) against a real daemon's XenStore
 * socket, found through {@code XENSTORED_PATH}.
 */
@Tag("interop")
class XenStoreInteropIT extends SharedDaemon {

    static final List<String> TOOLS = List.of("xenstore-ls", "xenstore-read", "xenstore-write", "xenstore-rm",
            "xenstore-list", "xenstore-exists", "xenstore-chmod", "xenstore-watch");

    @Override
    protected void beforeStart() {
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                fail(tool + " is not installed: install Debian's xenstore-utils (apt-get install xenstore-utils)");
            }
        }
    }

    @Test
    void readsDomain0sAndADomUsStandardNodes() throws Exception {
        int id = create("std");
        assertEquals("Domain-0\n", ok(daemon.xenstore("xenstore-read", "/local/domain/0/name")));
        assertEquals("std\n", ok(daemon.xenstore("xenstore-read", "/local/domain/" + id + "/name")));
        String listing = ok(daemon.xenstore("xenstore-ls", "-f", "/local/domain/" + id));
        assertTrue(listing.contains("/local/domain/" + id + "/memory/target = \"32768\""), listing);
        assertTrue(listing.contains("/local/domain/" + id + "/control/shutdown = \"\""), listing);
        String vm = ok(daemon.xenstore("xenstore-read", "/local/domain/" + id + "/vm")).strip();
        assertEquals("std\n", ok(daemon.xenstore("xenstore-read", vm + "/name")));
        List<String> children = ok(daemon.xenstore("xenstore-list", "/local/domain/" + id)).lines().toList();
        assertTrue(children.containsAll(List.of("name", "domid", "vm", "memory", "control", "cpu")), children.toString());
        daemon.xl("destroy", "std");
    }

    @Test
    void writesReadsListsChmodsAndRemoves() throws Exception {
        ok(daemon.xenstore("xenstore-write", "/interop/a", "hello", "/interop/b", "world"));
        assertEquals("hello\nworld\n", ok(daemon.xenstore("xenstore-read", "/interop/a", "/interop/b")));
        assertEquals(List.of("a", "b"), ok(daemon.xenstore("xenstore-list", "/interop")).lines().sorted().toList());
        assertEquals(0, daemon.xenstore("xenstore-exists", "/interop/a").exit());
        assertNotEquals(0, daemon.xenstore("xenstore-exists", "/interop/none").exit());
        ok(daemon.xenstore("xenstore-chmod", "/interop/a", "n0", "r5"));
        String perms = ok(daemon.xenstore("xenstore-ls", "-p", "/interop"));
        assertTrue(perms.lines().anyMatch(l -> l.startsWith("a = \"hello\"") && l.endsWith("(n0,r5)")), perms);
        ok(daemon.xenstore("xenstore-rm", "/interop/a"));
        assertEquals(List.of("b"), ok(daemon.xenstore("xenstore-list", "/interop")).lines().toList());
        DaemonProcess.Result missing = daemon.xenstore("xenstore-read", "/interop/a");
        assertNotEquals(0, missing.exit());
        assertTrue(missing.err().contains("couldn't read path /interop/a"), missing.toString());
    }

    @Test
    void aWatchSeesChangesMadeThroughXl() throws Exception {
        int id = create("watched");
        String path = "/local/domain/" + id + "/name";
        Process watch = daemon.xenstoreProcess("xenstore-watch", "-n", "2", path).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals(path, out.readLine(), "the event a watch fires when it is set");
            DaemonProcess.Result rename = daemon.xl("rename", "watched", "renamed");
            assertEquals(0, rename.exit(), rename.toString());
            assertEquals(path, out.readLine(), "the event of the rename");
            assertTrue(watch.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, watch.exitValue());
        } finally {
            watch.destroyForcibly();
        }
        assertEquals("renamed\n", ok(daemon.xenstore("xenstore-read", path)));
        daemon.xl("destroy", "renamed");
    }

    @Test
    void aWatchOnReleaseDomainSeesXlDestroy() throws Exception {
        int id = create("doomed");
        Process watch = daemon.xenstoreProcess("xenstore-watch", "-n", "2", "@releaseDomain")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("@releaseDomain", out.readLine());
            assertEquals(0, daemon.xl("destroy", Integer.toString(id)).exit());
            assertEquals("@releaseDomain", out.readLine());
            assertTrue(watch.waitFor(10, TimeUnit.SECONDS));
        } finally {
            watch.destroyForcibly();
        }
        assertNotEquals(0, daemon.xenstore("xenstore-exists", "/local/domain/" + id).exit());
    }

    @Test
    void xenstoreWriteOfDomain0sTargetBalloonsIt() throws Exception {
        String target = "/local/domain/0/memory/target";
        long free = freeMiB();

        ok(daemon.xenstore("xenstore-write", target, "not-a-size"));
        ok(daemon.xenstore("xenstore-write", "--", target, "-1"));
        ok(daemon.xenstore("xenstore-write", target, String.valueOf(256 * 1024)));
        awaitDom0Mem(256);
        assertEquals(free + 256, freeMiB());

        ok(daemon.xenstore("xenstore-write", target, "999999999999999999999999"));
        awaitDom0Mem(512);
        assertEquals(free, freeMiB());
        assertEquals(0, daemon.xl("list").exit());
    }

    private long freeMiB() throws Exception {
        return Long.parseLong(ok(daemon.xl("info", "free_memory")).strip());
    }

    /** Waits (up to 20 s) for {@code xl list 0} to show Domain-0 with {@code mib} MiB. */
    private void awaitDom0Mem(long mib) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        while (System.nanoTime() < deadline) {
            String row = ok(daemon.xl("list", "0")).lines().skip(1).findFirst().orElseThrow();
            last = Long.parseLong(row.trim().split("\\s+")[2]);
            if (last == mib) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Domain-0 has " + last + " MiB, expected " + mib);
    }

    private int create(String name) throws Exception {
        Path cfg = dir.resolve(name + ".cfg");
        Files.writeString(cfg, "name = \"" + name + "\"\nkernel = \"builtin:idle\"\nmemory = 32\n");
        DaemonProcess.Result r = daemon.xl("create", "-q", cfg.toString());
        assertEquals(0, r.exit(), r.toString());
        return Integer.parseInt(daemon.xl("domid", name).out().strip());
    }

    private static String ok(DaemonProcess.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r.out();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
