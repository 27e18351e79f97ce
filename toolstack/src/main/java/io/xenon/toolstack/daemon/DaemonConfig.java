package io.xenon.toolstack.daemon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the daemon's configuration is assembled, highest precedence first:
 * {@code -Dkey=value} system properties, the environment overrides ({@code XENON_STATE_DIR},
 * {@code XENON_API_PORT}, {@code XENON_METRICS_PORT}), the host file ({@code application.conf}
 * or {@code --config FILE}), then every module's {@code reference.conf}.
 */
public final class DaemonConfig {

    private DaemonConfig() {
    }

    /**
     * Loads the configuration with {@code file} as the host file (null for none).
     *
     * @throws IllegalArgumentException if the file is missing or malformed; the message says where
     */
    public static Config load(Path file, Map<String, String> env) {
        Config host = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("config file " + file + " does not exist");
            }
            try {
                host = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (com.typesafe.config.ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        Config overrides = ConfigFactory.empty();
        overrides = withEnv(overrides, env, "XENON_STATE_DIR", "xenon.state-dir");
        overrides = withEnv(overrides, env, "XENON_API_PORT", "xenon.api.port");
        overrides = withEnv(overrides, env, "XENON_METRICS_PORT", "xenon.metrics.port");
        try {
            return ConfigFactory.defaultOverrides()
                    .withFallback(overrides)
                    .withFallback(host)
                    .withFallback(ConfigFactory.defaultReferenceUnresolved())
                    .resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Config withEnv(Config c, Map<String, String> env, String var, String path) {
        String v = env.get(var);
        return v == null || v.isEmpty() ? c : c.withValue(path, ConfigValueFactory.fromAnyRef(v, "environment " + var));
    }
}
