package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real daemon for all the tests of a class: started once in a temporary state directory
 * before the first test, closed after the last. A class's own {@code @BeforeAll} runs after the
 * daemon is up, its {@code @AfterAll} before it goes down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedDaemon {

    protected Path dir;
    protected DaemonProcess daemon;

    /** The host configuration the daemon starts with: the defaults unless a class says more. */
    protected String hostConf() {
        return DaemonProcess.hostConf("");
    }

    /** Runs before the daemon starts; a class checks here for the tools it needs. */
    protected void beforeStart() throws Exception {
    }

    @BeforeAll
    final void startDaemon(@TempDir Path tmp) throws Exception {
        beforeStart();
        dir = tmp;
        daemon = DaemonProcess.start(dir, hostConf());
    }

    @AfterAll
    final void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Runs {@code bin/xl args}, which must exit 0; answers what it printed. */
    protected String ok(String... args) throws Exception {
        DaemonProcess.Result r = daemon.xl(args);
        assertEquals(0, r.exit(), r.toString());
        return r.out();
    }
}
