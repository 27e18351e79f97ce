package io.xenon.runtime.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.ShutdownReason;
import java.util.List;
import java.util.UUID;

/**
 * What {@code xl list} and {@code xl vcpu-list} know about a domain at one moment
 * ({@code libxl_dominfo} with its vCPUs).
 *
 * @param currentKiB     memory held now, in KiB
 * @param targetKiB      the balloon target, in KiB
 * @param maxKiB         the maximum ({@code maxmem}), in KiB
 * @param onlineVcpus    vCPUs not down
 * @param running        some vCPU is on a pCPU now ({@code r})
 * @param blocked        every online vCPU is blocked ({@code b})
 * @param paused         paused by the toolstack ({@code p})
 * @param shutdown       shut down, not yet dying ({@code s})
 * @param shutdownReason why, or null
 * @param dying          being destroyed ({@code d})
 * @param cpuTimeNanos   CPU time of all vCPUs
 * @param touchedPages   pages actually backed by host memory
 */
public record DomainInfo(
        DomId id,
        String name,
        UUID uuid,
        long currentKiB,
        long targetKiB,
        long maxKiB,
        int onlineVcpus,
        int maxVcpus,
        boolean running,
        boolean blocked,
        boolean paused,
        boolean shutdown,
        ShutdownReason shutdownReason,
        boolean dying,
        long cpuTimeNanos,
        long createdAtMillis,
        long createdAtNanos,
        long touchedPages,
        List<VcpuInfo> vcpus) {

    /** The six state letters of {@code xl list}, e.g. {@code -b----} or {@code ---sc-}. */
    public String stateLetters() {
        char reason = shutdown && shutdownReason != null ? shutdownReason.letter() : '-';
        return new String(new char[] {
            running ? 'r' : '-',
            blocked ? 'b' : '-',
            paused ? 'p' : '-',
            shutdown ? 's' : '-',
            reason,
            dying ? 'd' : '-'
        });
    }
}
