package io.xenon.runtime.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The CPULIST syntax of xl.cfg {@code cpus} ({@code xl_parse.c: parse_cpurange}): comma-separated
 * items, each {@code all}, {@code N}, {@code N-M}, {@code node:N} / {@code nodes:N-M}, any of them
 * negated with a leading {@code ^}. Items apply left to right, so {@code "all,^7"} is every CPU but 7.
 * As in xl, empty items are skipped ({@code strtok}), {@code nodes:all} means every CPU, and
 * {@code ^all} is refused.
 *
 * <p>XEN-DIFF: Xenon's host is one NUMA node, so {@code nodes:0} means every CPU and any other
 * node is empty.
 *
 * <p>UNTRUSTED: the text is the user's; checking it allocates nothing in proportion to the
 * numbers it names.
 */
public final class CpuList {

    /** One item: CPUs (or nodes) {@code from..to}, or all of them, added or taken away. */
    private record Item(boolean negate, boolean nodes, boolean all, int from, int to) {
    }

    private CpuList() {
    }

    /**
     * The CPUs a CPULIST names on a host of {@code nrCpus} CPUs.
     *
     * @throws IllegalArgumentException if the list is malformed or names a CPU the host lacks
     */
    public static BitSet parse(String spec, int nrCpus) {
        BitSet mask = new BitSet(nrCpus);
        for (Item item : items(spec)) {
            BitSet range = new BitSet(nrCpus);
            if (item.all() || (item.nodes() && item.from() == 0)) {
                range.set(0, nrCpus);
            } else if (!item.nodes()) {
                if (item.to() >= nrCpus) {
                    throw new IllegalArgumentException("CPU " + item.to() + " in \"" + spec
                            + "\" does not exist (the host has " + nrCpus + ")");
                }
                range.set(item.from(), item.to() + 1);
            }
            if (item.negate()) {
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
            items(spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<Item> items(String spec) {
        if (spec.trim().isEmpty()) {
            throw new IllegalArgumentException("empty CPU list");
        }
        List<Item> items = new ArrayList<>();
        for (String raw : spec.trim().split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            boolean negate = item.startsWith("^");
            if (negate) {
                item = item.substring(1);
            }
            boolean nodes = item.startsWith("nodes:") || item.startsWith("node:");
            if (nodes) {
                item = item.substring(item.indexOf(':') + 1);
            }
            if (item.equals("all")) {
                if (negate) {
                    throw new IllegalArgumentException("\"^all\" in \"" + spec + "\": ^ and all cannot be combined");
                }
                items.add(new Item(false, nodes, true, 0, 0));
            } else {
                int[] r = rangeOf(item, spec);
                items.add(new Item(negate, nodes, false, r[0], r[1]));
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("empty CPU list \"" + spec + "\"");
        }
        return items;
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
