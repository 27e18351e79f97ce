package io.xenon.toolstack.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code xl info} reports about the machine itself ({@code uname} and {@code /proc}), read
 * where Domain-0 runs: the daemon's host.
 */
final class HostFacts {

    private HostFacts() {
    }

    static String hostname() {
        String name = read("/proc/sys/kernel/hostname");
        if (name.isEmpty()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "localhost";
            }
        }
        return name;
    }

    static String release() {
        return System.getProperty("os.version", "");
    }

    static String version() {
        return read("/proc/sys/kernel/version");
    }

    /** {@code uname -m}. */
    static String machine() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /** The first {@code cpu MHz} of {@code /proc/cpuinfo} as xl prints it ({@code %d.%03d}), or {@code 0.000}. */
    static String cpuMhz() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("cpu MHz")) {
                try {
                    double mhz = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                    long khz = Math.round(mhz * 1000);
                    return String.format(Locale.ROOT, "%d.%03d", khz / 1000, khz % 1000);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        return "0.000";
    }

    /** Seconds since the machine booted ({@code /proc/uptime}), or since the daemon started. */
    static double uptimeSeconds(long daemonStartNanos) {
        String up = read("/proc/uptime");
        if (!up.isEmpty()) {
            try {
                return Double.parseDouble(up.split("\\s+")[0]);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return (System.nanoTime() - daemonStartNanos) / 1e9;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
