package io.xenon.toolstack.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty("xenon.api.port");
        ConfigFactory.invalidateCaches();
    }

    @Test
    void theHostFileOverridesTheDefaults() throws Exception {
        Path file = write("xenon.host.memory = 3G\nxenon.api.port = 7000\n");
        Config c = DaemonConfig.load(file, Map.of());
        assertEquals(3L << 30, c.getBytes("xenon.host.memory"));
        assertEquals(7000, c.getInt("xenon.api.port"));
        assertEquals("127.0.0.1", c.getString("xenon.api.host"));
    }

    @Test
    void theEnvironmentOverridesTheHostFile() throws Exception {
        Path file = write("xenon.api.port = 7000\nxenon.state-dir = /from/file\n");
        Config c = DaemonConfig.load(file, Map.of("XENON_API_PORT", "0", "XENON_STATE_DIR", "/from/env"));
        assertEquals(0, c.getInt("xenon.api.port"));
        assertEquals("/from/env", c.getString("xenon.state-dir"));
    }

    @Test
    void systemPropertiesOverrideTheEnvironment() throws Exception {
        System.setProperty("xenon.api.port", "7100");
        ConfigFactory.invalidateCaches();
        Config c = DaemonConfig.load(write("xenon.api.port = 7000\n"), Map.of("XENON_API_PORT", "0"));
        assertEquals(7100, c.getInt("xenon.api.port"));
    }

    @Test
    void aMissingOrMalformedHostFileIsAClearError() throws Exception {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> DaemonConfig.load(dir.resolve("nope.conf"), Map.of())).getMessage();
        assertTrue(missing.contains("nope.conf") && missing.contains("does not exist"), missing);
        String malformed = assertThrows(IllegalArgumentException.class,
                () -> DaemonConfig.load(write("xenon { host = \n"), Map.of())).getMessage();
        assertTrue(malformed.contains("host.conf"), malformed);
    }

    @Test
    void theShippedApplicationConfLoads() {
        Path shipped = Path.of("").toAbsolutePath().resolveSibling("application.conf");
        Config c = DaemonConfig.load(shipped, Map.of());
        assertEquals(7480, c.getInt("xenon.api.port"));
        assertTrue(c.getStringList("xenon.autostart").size() >= 1);
    }

    private Path write(String text) throws Exception {
        Path p = dir.resolve("host.conf");
        Files.writeString(p, text);
        return p;
    }
}
