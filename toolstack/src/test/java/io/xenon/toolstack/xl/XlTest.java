package io.xenon.toolstack.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xenon.toolstack.api.Json;
import io.xenon.toolstack.api.StateDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a daemon: the table, argument errors, and the dry run. */
class XlTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int xl(String... args) {
        Xl xl = new Xl(new StateDir(dir.resolve("state")), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return xl.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommandTable() {
        assertEquals(0, xl("help"));
        for (String cmd : new String[] {"create", "list", "destroy", "shutdown", "reboot", "pause", "unpause",
            "rename", "domid", "domname", "dump-core", "uptime", "vcpu-list", "info", "dmesg", "console"}) {
            assertTrue(out().contains("\n " + cmd + " "), cmd + " missing from:\n" + out());
        }
        assertEquals(0, xl("help", "create"));
        assertTrue(out().contains("xl create <ConfigFile> [options] [vars]"), out());
    }

    @Test
    void errorsAreOneLineWithANonZeroExit() {
        assertEquals(1, xl("frobnicate"));
        assertEquals(2, xl("pause"));
        assertEquals(2, xl("list", "-q"));
        assertEquals(1, xl("list"));
        assertEquals(4, err().lines().count(), err());
        assertTrue(err().contains("not running"), err());
    }

    @Test
    void dryRunPrintsLibxlJsonWithoutADaemon() throws Exception {
        Path cfg = dir.resolve("g.cfg");
        Files.writeString(cfg, "name = \"g\"\nmemory = 64\nkernel = \"/boot/vmlinuz\"\nfrobs = 3\n");
        assertEquals(0, xl("create", "-n", cfg.toString(), "vcpus=2"));
        JsonNode json = Json.mapper().readTree(out());
        assertEquals("g", json.path("c_info").path("name").asText());
        assertEquals(2, json.path("b_info").path("max_vcpus").asInt());
        assertTrue(err().startsWith("Parsing config from " + cfg), err());
        assertTrue(err().contains("frobs"), "unknown key warned about: " + err());
    }

    @Test
    void aMissingOrMalformedConfigIsOneLine() throws Exception {
        assertEquals(1, xl("create", "-q", dir.resolve("none.cfg").toString()));
        assertTrue(err().contains("No such file or directory"), err());
        Path bad = dir.resolve("bad.cfg");
        Files.writeString(bad, "name = \"b\"\nmemory = = 1\n");
        err.reset();
        assertEquals(1, xl("create", "-q", "-n", bad.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith(bad + ":2:"), err());
    }

    @Test
    void topRejectsABadDelayOrIterationCountWithAUsageError() {
        for (String[] args : new String[][] {{"top", "-b", "-d", "0"}, {"top", "-b", "-d", "soon"},
            {"top", "-b", "-i", "0"}, {"top", "-b", "-i", "-3"}, {"top", "-b", "-i"}, {"top", "-q"}}) {
            err.reset();
            assertEquals(2, xl(args), String.join(" ", args) + ": " + err());
            assertEquals(1, err().lines().count(), err());
            assertTrue(err().startsWith("xl top: ") && err().strip().endsWith("(see xl help top)"), err());
        }
        err.reset();
        assertEquals(1, xl("top", "-b", "-d", "1", "-i", "1"));
        assertTrue(err().contains("not running"), err());
    }
}
