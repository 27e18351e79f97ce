package io.xenon.toolstack.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The daemon's state directory and the files in it that clients read: {@code api.port},
 * {@code api.token} (0600), {@code metrics.port}, and XenStore's socket {@code xenstored/socket}. Clients find it through {@code XENON_STATE_DIR},
 * else {@code ~/.xenon}, as the daemon's default is.
 */
public final class StateDir {

    public static final String PORT_FILE = "api.port";
    public static final String TOKEN_FILE = "api.token";
    public static final String METRICS_PORT_FILE = "metrics.port";
    public static final String PID_FILE = "xenon.pid";
    /** XenStore's Unix socket, for {@code XENSTORED_PATH}. */
    public static final String XENSTORED_SOCKET = "xenstored/socket";

    private final Path root;

    public StateDir(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The state directory a client uses: {@code $XENON_STATE_DIR}, else {@code ~/.xenon}. */
    public static StateDir fromEnvironment() {
        String env = System.getenv("XENON_STATE_DIR");
        if (env != null && !env.isEmpty()) {
            return new StateDir(Path.of(env));
        }
        return new StateDir(Path.of(System.getProperty("user.home"), ".xenon"));
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    /** Writes a small file atomically; {@code secret} makes it readable by the owner only. */
    public void writeFile(String name, String content, boolean secret) throws IOException {
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, "." + name, ".tmp");
        try {
            if (secret) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, content);
            Files.move(tmp, root.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The content of a file, trimmed. */
    public String readFile(String name) throws IOException {
        return Files.readString(root.resolve(name)).trim();
    }
}
