package io.xenon.toolstack.api;

import java.util.List;

/**
 * One vCPU ({@code libxl_vcpuinfo}).
 *
 * @param cpu          the pCPU it runs or last ran on, -1 if never
 * @param cpuTime      CPU time, ns
 * @param hardAffinity pCPUs it may run on
 * @param softAffinity pCPUs it prefers
 */
public record VcpuView(int vcpu, boolean online, int cpu, boolean running, boolean blocked, long cpuTime,
        List<Integer> hardAffinity, List<Integer> softAffinity) {
}
