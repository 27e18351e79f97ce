package io.xenon.guests;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link TestHost} in its own state directory for each test. */
abstract class HostTestBase {

    @TempDir
    Path stateDir;

    TestHost host;

    @BeforeEach
    void boot() {
        host = new TestHost(stateDir);
    }

    @AfterEach
    void shutdown() {
        host.close();
    }
}
