package io.xenon.runtime.config;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One domain's configuration, as an xl.cfg(5) file describes it (libxl's
 * {@code libxl_domain_config}, reduced to what Xenon uses).
 *
 * <p>{@link DomainConfigs} reads one from an xl.cfg file. Values are already defaulted as xl
 * does: {@code memory} to {@code maxmem} if that is set (else 32), {@code maxmem} to {@code memory},
 * {@code maxvcpus} to {@code vcpus}, the {@code on_*} actions to destroy / restart / destroy /
 * destroy / soft-reset. Keys Xenon does not know are kept in {@link #unknown()} and reported in
 * {@link #warnings()}.
 *
 * @param name           {@code name}, mandatory and unique on the host
 * @param type           {@code type} (default pv)
 * @param memoryMiB      {@code memory}, the initial target in MiB (default {@code maxmem} if set,
 *                       else 32, as libxl)
 * @param maxmemMiB      {@code maxmem} in MiB, at least {@code memory}
 * @param vcpus          {@code vcpus} online at start (default 1)
 * @param maxvcpus       {@code maxvcpus}, at least {@code vcpus}
 * @param cpus           {@code cpus} hard affinity, or null for none
 * @param cpusSoft       {@code cpus_soft} soft affinity, or null for none
 * @param cpuWeight      {@code cpu_weight} (1..65535, default 256)
 * @param cap            {@code cap} in percent of one pCPU (0 = none)
 * @param kernel         {@code kernel}: {@code builtin:NAME}, {@code java:CLASS}, or a path
 * @param ramdisk        {@code ramdisk}, or null
 * @param cmdline        {@code cmdline}, or null
 * @param root           {@code root}, or null
 * @param extra          {@code extra}, or null
 * @param uuid           {@code uuid}, or null to generate one at create
 * @param maxGrantFrames {@code max_grant_frames} (default 64)
 * @param maxEventChannels {@code max_event_channels} (default 1023)
 * @param unknown        keys Xenon does not interpret, in file order, kept unchanged
 * @param warnings       what the parser noticed but accepted
 * @param source         where the config came from (a file name, or {@code <command line>})
 */
public record DomainConfig(
        String name,
        DomainType type,
        long memoryMiB,
        long maxmemMiB,
        int vcpus,
        int maxvcpus,
        CpuAffinity cpus,
        CpuAffinity cpusSoft,
        int cpuWeight,
        int cap,
        Action onPoweroff,
        Action onReboot,
        Action onWatchdog,
        Action onCrash,
        Action onSoftReset,
        String kernel,
        String ramdisk,
        String cmdline,
        String root,
        String extra,
        UUID uuid,
        List<DiskSpec> disks,
        List<VifSpec> vifs,
        List<PciSpec> pcis,
        int maxGrantFrames,
        int maxEventChannels,
        Map<String, CfgValue> unknown,
        List<ConfigWarning> warnings,
        String source) {

    public DomainConfig {
        disks = List.copyOf(disks);
        vifs = List.copyOf(vifs);
        pcis = List.copyOf(pcis);
        unknown = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unknown));
        warnings = List.copyOf(warnings);
    }

    /**
     * The kernel command line the guest sees: {@code cmdline} if set (then {@code root} and
     * {@code extra} are ignored, as libxl does); otherwise {@code root=<root>} followed by
     * {@code extra}.
     */
    public String commandLine() {
        if (cmdline != null) {
            return cmdline;
        }
        StringBuilder sb = new StringBuilder();
        if (root != null) {
            sb.append("root=").append(root);
        }
        if (extra != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(extra);
        }
        return sb.toString();
    }

    /**
     * {@code pool}: the cpupool the domain is created in, or null for the default (Pool-0). Kept
     * in {@link #unknown()} as written, read here.
     */
    public String pool() {
        return unknown.get("pool") instanceof CfgValue.Str s ? s.value() : null;
    }

    /** The action for a shutdown reason's xl name ({@code poweroff}, {@code reboot}, ...). */
    public Action actionFor(io.xenon.abi.ShutdownReason reason) {
        return switch (reason) {
            case POWEROFF -> onPoweroff;
            case REBOOT -> onReboot;
            case WATCHDOG -> onWatchdog;
            case CRASH -> onCrash;
            case SOFT_RESET -> onSoftReset;
            case SUSPEND -> null;
        };
    }

    /** A copy with another name (used by rename and rename-restart). */
    public DomainConfig withName(String newName) {
        return new DomainConfig(newName, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, cpus, cpusSoft,
                cpuWeight, cap, onPoweroff, onReboot, onWatchdog, onCrash, onSoftReset, kernel, ramdisk,
                cmdline, root, extra, uuid, disks, vifs, pcis, maxGrantFrames, maxEventChannels, unknown,
                warnings, source);
    }

    /** A copy with another uuid. */
    public DomainConfig withUuid(UUID newUuid) {
        return new DomainConfig(name, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, cpus, cpusSoft,
                cpuWeight, cap, onPoweroff, onReboot, onWatchdog, onCrash, onSoftReset, kernel, ramdisk,
                cmdline, root, extra, newUuid, disks, vifs, pcis, maxGrantFrames, maxEventChannels, unknown,
                warnings, source);
    }
}
