package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's own life: autostart, SIGTERM, and the state directory it leaves behind. */
class DaemonLifecycleIT {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheDomainsAndLeavesNothingRunning() throws Exception {
        Path guests = dir.resolve("guests");
        Files.createDirectories(guests);
        Files.writeString(guests.resolve("a.cfg"), "name = \"a\"\nkernel = \"builtin:idle\"\nmemory = 32\n");
        Files.writeString(guests.resolve("b.cfg"), "name = \"b\"\nkernel = \"builtin:cpuburn\"\nmemory = 32\nvcpus = 2\n");
        String conf = DaemonProcess.hostConf("xenon.autostart = [\"guests/a.cfg\", \"guests/b.cfg\"]");
        Path stateDir;
        try (DaemonProcess daemon = DaemonProcess.start(dir, conf)) {
            stateDir = daemon.stateDir();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String list = "";
            while (System.nanoTime() < deadline && !(list.contains("\na ") && list.contains("\nb "))) {
                list = daemon.xl("list").out();
                Thread.sleep(100);
            }
            assertTrue(list.contains("\na ") && list.contains("\nb "), list);
            long pid = daemon.process().pid();
            int exit = daemon.terminate(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, "exit code " + exit);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            String out = daemon.output();
            assertTrue(out.contains("Domain 1 (a) shut down (poweroff)") || out.contains("(a) destroyed"), out);
            assertTrue(out.contains("(b) destroyed"), out);
        }
        assertFalse(Files.exists(stateDir.resolve("api.port")));
        assertFalse(Files.exists(stateDir.resolve("api.token")));
        DaemonProcess.Result after = DaemonProcess.run(stateDir, null, "list");
        assertTrue(after.exit() != 0 && after.err().contains("not running"), after.toString());

        // The state directory is free again: a second daemon starts on it.
        try (DaemonProcess again = DaemonProcess.start(dir, DaemonProcess.hostConf(""))) {
            assertEquals(0, again.xl("list").exit());
        }
    }

    @Test
    void aSecondDaemonOnTheSameStateDirIsRefused() throws Exception {
        try (DaemonProcess first = DaemonProcess.start(dir, DaemonProcess.hostConf(""))) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> DaemonProcess.start(dir, DaemonProcess.hostConf("")));
            assertTrue(e.getMessage().contains("another Xenon daemon"), e.getMessage());
            assertEquals(0, first.xl("list").exit());
        }
    }
}
