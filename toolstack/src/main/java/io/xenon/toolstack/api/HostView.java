package io.xenon.toolstack.api;

/**
 * The host as {@code xl info} prints it; field names are xl's keys.
 *
 * @param totalMemory MiB
 * @param freeMemory  MiB
 */
public record HostView(
        String host,
        String release,
        String version,
        String machine,
        int nrCpus,
        int maxCpuId,
        int nrNodes,
        int coresPerSocket,
        int threadsPerCore,
        String cpuMhz,
        String hwCaps,
        String virtCaps,
        long totalMemory,
        long freeMemory,
        long sharingFreedMemory,
        long sharingUsedMemory,
        long outstandingClaims,
        int freeCpus,
        int xenMajor,
        int xenMinor,
        String xenExtra,
        String xenVersion,
        String xenCaps,
        String xenScheduler,
        int xenPagesize,
        String platformParams,
        String xenChangeset,
        String xenCommandline,
        String ccCompiler,
        String ccCompileBy,
        String ccCompileDomain,
        String ccCompileDate,
        String buildId,
        double uptime) {
}
