package io.xenon.runtime.config;

import java.util.BitSet;

/**
 * The CPULIST syntax of xl.cfg {@code cpus} ({@code xl_parse.c: parse_cpurange}): comma-separated
 * items, each {@code all}, {@code N}, {@code N-M}, {@code node:N} / {@code nodes:N-M}, any of them
 * negated with a leading {@code ^}. Items apply left to right, so {@code "all,^7"} is every CPU but 7.
 *
 * <p>XEN-DIFF: Xenon's host is one NUMA node, so {@code nodes:0} means every CPU and any other
 * node is empty.
 */
public final class CpuList {

    private CpuList() {
    }

    /**
     * The CPUs a CPULIST names on a host of {@code nrCpus} CPUs.
     *
     * @throws IllegalArgumentException if the list is malformed or names a CPU the host lacks
     */
    public static BitSet parse(String spec, int nrCpus) {
        BitSet mask = new BitSet(nrCpus);
        String s = spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty CPU list");
        }
        for (String raw : s.split(",", -1)) {
            String item = raw.trim();
            boolean negate = item.startsWith("^");
            if (negate) {
                item = item.substring(1);
            }
            BitSet range = new BitSet(nrCpus);
            if (item.equals("all")) {
                range.set(0, nrCpus);
            } else if (item.startsWith("nodes:") || item.startsWith("node:")) {
                int[] nodes = rangeOf(item.substring(item.indexOf(':') + 1), spec);
                if (nodes[0] == 0) {
                    range.set(0, nrCpus);
                }
            } else {
                int[] cpus = rangeOf(item, spec);
                if (cpus[1] >= nrCpus) {
                    throw new IllegalArgumentException("CPU " + cpus[1] + " in \"" + spec
                            + "\" does not exist (the host has " + nrCpus + ")");
                }
                range.set(cpus[0], cpus[1] + 1);
            }
            if (negate) {
                mask.andNot(range);
            } else {
                mask.or(range);
            }
        }
        return mask;
    }

    /** Whether a CPULIST is well formed, regardless of the host's size. */
    public static boolean isWellFormed(String spec) {
        try {
            parse(spec, Integer.MAX_VALUE / 2);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int[] rangeOf(String item, String spec) {
        String[] ends = item.split("-", -1);
        if (ends.length > 2 || ends[0].isEmpty() || (ends.length == 2 && ends[1].isEmpty())) {
            throw new IllegalArgumentException("invalid CPU range \"" + item + "\" in \"" + spec + "\"");
        }
        try {
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("invalid CPU range \"" + item + "\" in \"" + spec + "\"");
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid CPU range \"" + item + "\" in \"" + spec + "\"");
        }
    }
}
