package io.xenon.runtime.config;

import java.util.BitSet;
import java.util.List;

/**
 * The xl.cfg {@code cpus} / {@code cpus_soft} value: one CPULIST for every vCPU, or a list with
 * one CPULIST per vCPU ({@code ["2", "3-8,^5"]}). A CPULIST is comma-separated items, each
 * {@code all}, {@code N}, {@code N-M}, {@code nodes:...}/{@code node:...}, optionally negated
 * with {@code ^}.
 *
 * @param specs    the CPULIST strings as written
 * @param perVcpu  whether the value was a list (one entry per vCPU) rather than one string
 */
public record CpuAffinity(List<String> specs, boolean perVcpu) {

    public CpuAffinity {
        specs = List.copyOf(specs);
    }

    /**
     * The CPUs vCPU {@code vcpu} may use, on a host of {@code nrCpus} pCPUs and one NUMA node.
     * With a per-vCPU list, vCPUs past its end may use every CPU, as libxl leaves them unpinned.
     */
    public BitSet mask(int vcpu, int nrCpus) {
        if (perVcpu && vcpu >= specs.size()) {
            BitSet all = new BitSet(nrCpus);
            all.set(0, nrCpus);
            return all;
        }
        String spec = perVcpu ? specs.get(vcpu) : specs.get(0);
        return CpuList.parse(spec, nrCpus);
    }
}
