package io.xenon.runtime.domain;

import java.util.BitSet;

/**
 * One row of {@code xl vcpu-list} ({@code libxl_vcpuinfo}).
 *
 * @param online       not down
 * @param pcpu         where it runs or last ran, -1 if never
 * @param cpuTimeNanos its CPU time
 * @param hardAffinity pCPUs it may run on (null = all)
 * @param softAffinity pCPUs it prefers (null = all)
 */
public record VcpuInfo(int vcpu, boolean online, int pcpu, RunState state, long cpuTimeNanos,
        BitSet hardAffinity, BitSet softAffinity) {
}
