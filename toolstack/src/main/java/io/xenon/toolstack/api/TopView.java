package io.xenon.toolstack.api;

import java.util.List;

/**
 * One sample of what {@code xentop} shows ({@code xenstat_node} with its domains, their vifs and
 * vbds): the host line's facts above the table and, per domain, the table's columns before any
 * rate is worked out. CPU(%) is the CPU time two samples apart over the {@code sampledNanos}
 * between them, as {@code xentop} computes it from two {@code xenstat_get_node} calls.
 *
 * @param timeMillis   wall clock of the sample, ms since the epoch (the summary's time)
 * @param sampledNanos the daemon's monotonic clock at the sample, for the elapsed time
 * @param xenVersion   as {@code xl info}'s {@code xen_version}
 * @param totalKiB     host memory, KiB
 * @param freeKiB      host memory not given to a domain, KiB
 * @param nrCpus       physical CPUs
 * @param cpuMhz       their speed, MHz
 */
public record TopView(
        long timeMillis,
        long sampledNanos,
        String xenVersion,
        long totalKiB,
        long freeKiB,
        int nrCpus,
        long cpuMhz,
        List<Domain> domains) {

    /** {@code maxMemKiB} of a domain without a limit ({@code max_pages == UINT_MAX}). */
    public static final long NO_LIMIT = -1;

    /**
     * One domain's row.
     *
     * @param state      xentop's six letters in its order: {@code d}ying, {@code s}hutdown,
     *                   {@code b}locked, {@code c}rashed, {@code p}aused, {@code r}unning
     * @param cpuNanos   CPU time of all vCPUs
     * @param memKiB     memory held now
     * @param maxMemKiB  the limit, or {@link #NO_LIMIT}
     * @param vcpus      vCPUs ({@code max_vcpu_id + 1}, as xenstat counts them)
     * @param vcpuNanos  each vCPU's CPU time, or -1 where it is offline (xentop {@code -v})
     * @param ssid       the security label (0: Xenon has no FLASK policy)
     */
    public record Domain(
            int domid,
            String name,
            String state,
            long cpuNanos,
            long memKiB,
            long maxMemKiB,
            int vcpus,
            List<Long> vcpuNanos,
            List<Net> nets,
            List<Vbd> vbds,
            int ssid) {
    }

    /**
     * One vif, counted as Domain-0's interface counts it (xenstat reads {@code /proc/net/dev}):
     * {@code rx} is what the guest sent, {@code tx} what the vif delivered to the guest.
     *
     * @param id     the device id, from {@code vifD.N}
     * @param errs   requests refused and buffers that could not be filled, either way
     * @param drops  frames dropped, either way
     */
    public record Net(int id, String name, long rxBytes, long rxPackets, long txBytes, long txPackets,
            long errs, long drops) {
    }

    /**
     * One vbd, counted as blkback's {@code statistics/} files count.
     *
     * @param dev     the vbd number ({@code 51712} for {@code xvda})
     * @param ooReqs  requests that waited for back-end resources; always 0 (see the view)
     * @param rdReqs  {@code BLKIF_OP_READ} requests
     * @param wrReqs  {@code BLKIF_OP_WRITE} requests
     * @param rdSects 512-byte sectors read
     * @param wrSects 512-byte sectors written
     */
    public record Vbd(int dev, long ooReqs, long rdReqs, long wrReqs, long rdSects, long wrSects) {
    }
}
