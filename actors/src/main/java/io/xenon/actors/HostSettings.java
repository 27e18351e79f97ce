package io.xenon.actors;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The host a daemon runs, read from the {@code xenon} section of the configuration (defaults in
 * this module's {@code reference.conf}; the root {@code application.conf} is the shipped host).
 *
 * @param stateDir        where the daemon keeps everything ({@code xenon.state-dir})
 * @param memoryMiB       host memory ({@code xenon.host.memory})
 * @param pcpus           physical CPUs, the machine's processors when configured as 0
 * @param scheduler       {@code credit} (Xen's credit1) or {@code fair} (round robin)
 * @param slice           the fair scheduler's time slice
 * @param tsliceMs        the credit scheduler's time slice ({@code sched_credit_tslice_ms})
 * @param ratelimitUs     the credit scheduler's context-switch rate limit ({@code sched_ratelimit_us})
 * @param dom0MemoryMiB   Domain-0's memory
 * @param dom0Vcpus       Domain-0's vCPUs, the pCPU count when configured as 0
 * @param crashLoopMax    crashes tolerated within {@code crashLoopWindow}
 * @param crashLoopWindow window for counting crashes
 * @param xenVersion      the version {@code xl info} reports, e.g. {@code 4.19.0-xenon}
 * @param dmesgBytes      size of the hypervisor's console ring
 * @param xenon           the whole {@code xenon} section, for the host's extensions
 */
public record HostSettings(
        Path stateDir,
        long memoryMiB,
        int pcpus,
        String scheduler,
        Duration slice,
        int tsliceMs,
        int ratelimitUs,
        long dom0MemoryMiB,
        int dom0Vcpus,
        int crashLoopMax,
        Duration crashLoopWindow,
        String xenVersion,
        int dmesgBytes,
        Config xenon) {

    public static HostSettings from(Config root) {
        Config c = root.getConfig("xenon");
        int pcpus = c.getInt("host.pcpus");
        if (pcpus <= 0) {
            pcpus = Runtime.getRuntime().availableProcessors();
        }
        int dom0Vcpus = c.getInt("dom0.vcpus");
        if (dom0Vcpus <= 0) {
            dom0Vcpus = pcpus;
        }
        return new HostSettings(
                Path.of(c.getString("state-dir")).toAbsolutePath(),
                c.getBytes("host.memory") >> 20,
                pcpus,
                c.getString("host.scheduler"),
                c.getDuration("host.slice"),
                c.getInt("host.tslice-ms"),
                c.getInt("host.ratelimit-us"),
                c.getBytes("dom0.memory") >> 20,
                dom0Vcpus,
                c.getInt("domains.crash-loop.max-crashes"),
                c.getDuration("domains.crash-loop.window"),
                c.getString("host.xen-version"),
                (int) c.getBytes("host.dmesg-size").longValue(),
                c);
    }

    /** Where core dumps go: {@code <state-dir>/dump}. */
    public Path dumpDir() {
        return stateDir.resolve("dump");
    }

    /** {@code xen_major} from {@link #xenVersion()}. */
    public int xenMajor() {
        return versionPart(0);
    }

    /** {@code xen_minor} from {@link #xenVersion()}. */
    public int xenMinor() {
        return versionPart(1);
    }

    /** {@code xen_extra}: what follows {@code major.minor}, e.g. {@code .0-xenon}. */
    public String xenExtra() {
        String v = xenVersion;
        int first = v.indexOf('.');
        int second = first < 0 ? -1 : indexOfNonDigit(v, first + 1);
        return second < 0 ? "" : v.substring(second);
    }

    private int versionPart(int i) {
        String[] parts = xenVersion.split("[^0-9]+");
        return parts.length > i && !parts[i].isEmpty() ? Integer.parseInt(parts[i]) : 0;
    }

    private static int indexOfNonDigit(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The Pekko settings that follow from these: the pCPU dispatcher gets one thread per pCPU.
     * Layer the result over the loaded configuration before creating the actor system.
     */
    public Config pekkoOverrides() {
        return com.typesafe.config.ConfigFactory.parseString(
                "xenon.pcpu-dispatcher.thread-pool-executor.fixed-pool-size = " + pcpus);
    }
}
