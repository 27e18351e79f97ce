package io.xenon.toolstack.api;

import java.util.List;

/**
 * One domain as {@code xl list}, {@code xl vcpu-list} and {@code xl uptime} need it
 * ({@code libxl_dominfo} and {@code libxl_vcpuinfo}).
 *
 * @param currentMemkb   memory held now, KiB
 * @param vcpuOnline     vCPUs up
 * @param shutdownReason {@code poweroff}, {@code reboot}, {@code suspend}, {@code crash},
 *                       {@code watchdog}, {@code soft_reset}, or null
 * @param shutdownCode   the {@code SHUTDOWN_*} code, or null
 * @param cpuTime        CPU time, ns
 * @param startTime      creation, seconds since the epoch ({@code /vm/<uuid>/start_time})
 * @param uptime         seconds since creation (Domain-0: the host's uptime)
 */
public record DomainView(
        int domid,
        String name,
        String uuid,
        long currentMemkb,
        long targetMemkb,
        long maxMemkb,
        int vcpuOnline,
        int vcpuMax,
        boolean running,
        boolean blocked,
        boolean paused,
        boolean shutdown,
        String shutdownReason,
        Integer shutdownCode,
        boolean dying,
        long cpuTime,
        double startTime,
        double uptime,
        List<VcpuView> vcpus) {
}
