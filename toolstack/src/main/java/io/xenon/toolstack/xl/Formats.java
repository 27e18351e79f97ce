package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.CpupoolView;
import io.xenon.toolstack.api.DomainView;
import io.xenon.toolstack.api.HostView;
import io.xenon.toolstack.api.Requests;
import io.xenon.toolstack.api.VcpuView;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The exact text {@code xl} prints: {@code list} and {@code vcpu-list} rows from
 * {@code xl_info.c} and {@code xl_vcpu.c}, {@code print_bitmap} from {@code xl_utils.c},
 * {@code uptime_to_string}, {@code cpupool-list} rows from {@code xl_cpupool.c}, and the {@code xl info} lines with their key padding.
 */
final class Formats {

    /** {@code list_domains()}'s header; the TABs are Xen's. */
    static final String LIST_HEADER = "Name                                        ID   Mem VCPUs\tState\tTime(s)";
    static final String LIST_VERBOSE_HEADER = "   UUID                            Reason-Code\tSecurity Label";
    static final String VCPU_HEADER = String.format(Locale.ROOT, "%-32s %5s %5s %5s %5s %9s %s",
            "Name", "ID", "VCPU", "CPU", "State", "Time(s)", "Affinity (Hard / Soft)");
    /** {@code sched_credit_domain_output(-1)}'s header. */
    static final String SCHED_CREDIT_HEADER = String.format(Locale.ROOT, "%-33s %4s %6s %4s",
            "Name", "ID", "Weight", "Cap");
    static final String UPTIME_HEADER = String.format(Locale.ROOT, "%-33s %4s %s", "Name", "ID", "Uptime");

    /** The shutdown-reason letters, indexed by {@code SHUTDOWN_*} code. */
    private static final String REASON_LETTERS = "-rscwS";

    private Formats() {
    }

    /** One {@code xl list} row, without the newline; {@code verbose} adds the {@code -v} columns. */
    static String listRow(DomainView d, boolean verbose) {
        int reason = d.shutdown() && d.shutdownCode() != null ? d.shutdownCode() : 0;
        char reasonLetter = reason >= 0 && reason < REASON_LETTERS.length() ? REASON_LETTERS.charAt(reason) : '?';
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-40s %5d %5d %5d     %c%c%c%c%c%c  %8.1f",
                d.name(), d.domid(), d.currentMemkb() / 1024, d.vcpuOnline(),
                d.running() ? 'r' : '-', d.blocked() ? 'b' : '-', d.paused() ? 'p' : '-',
                d.shutdown() ? 's' : '-', reasonLetter, d.dying() ? 'd' : '-',
                (float) (d.cpuTime() / 1e9)));
        if (verbose) {
            row.append(' ').append(d.uuid());
            row.append(d.shutdown() ? String.format(Locale.ROOT, " %8x", reason) : String.format(Locale.ROOT, " %8s", "-"));
            row.append(String.format(Locale.ROOT, " %16s", "-"));
        }
        return row.toString();
    }

    /** One {@code xl vcpu-list} row, without the newline ({@code print_vcpuinfo}). */
    static String vcpuRow(DomainView d, VcpuView v, int nrCpus) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-32s %5d %5d", d.name(), d.domid(), v.vcpu()));
        if (!v.online()) {
            row.append(String.format(Locale.ROOT, "%5c %3c%cp ", '-', '-', '-'));
        } else {
            row.append(String.format(Locale.ROOT, "%5d %3c%c- ", Math.max(v.cpu(), 0),
                    v.running() ? 'r' : '-', v.blocked() ? 'b' : '-'));
        }
        row.append(String.format(Locale.ROOT, "%9.1f  ", (float) (v.cpuTime() / 1e9)));
        row.append(bitmap(cpus(v.hardAffinity()), nrCpus)).append(" / ").append(bitmap(cpus(v.softAffinity()), nrCpus));
        return row.toString();
    }

    /**
     * {@code print_bitmap}: comma-separated runs ({@code 0-3,6}), {@code all} when the set is
     * one run from 0 to the last of {@code len} bits, {@code none} when it is empty.
     */
    static String bitmap(BitSet bits, int len) {
        StringBuilder out = new StringBuilder();
        int state = 0;
        int firstSet = 0;
        int i;
        for (i = 0; i < len; i++) {
            boolean set = bits.get(i);
            if (state == 0 || state == 2) {
                if (set) {
                    firstSet = i;
                    state++;
                }
            } else if (!set) {
                appendRun(out, state, firstSet, i - 1);
                state = 2;
            }
        }
        switch (state) {
            case 0 -> out.append("none");
            case 1 -> {
                if (firstSet == 0) {
                    out.append("all");
                } else {
                    appendRun(out, state, firstSet, i - 1);
                }
            }
            case 3 -> appendRun(out, state, firstSet, i - 1);
            default -> {
            }
        }
        return out.toString();
    }

    private static void appendRun(StringBuilder out, int state, int first, int last) {
        out.append(state > 1 ? "," : "").append(first);
        if (last > first) {
            out.append('-').append(last);
        }
    }

    private static BitSet cpus(List<Integer> list) {
        BitSet bits = new BitSet();
        if (list != null) {
            list.forEach(bits::set);
        }
        return bits;
    }

    /** One {@code xl sched-credit} row ({@code sched_credit_domain_output}). */
    static String schedCreditRow(Requests.SchedParamsView d) {
        return String.format(Locale.ROOT, "%-33s %4d %6d %4d", d.name(), d.domid(), d.weight(), d.cap());
    }

    /** {@code sched_credit_pool_output}: {@code Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us}. */
    static String schedCreditPool(Requests.PoolParamsView p) {
        return String.format(Locale.ROOT, "Cpupool %s: tslice=%dms ratelimit=%dus migration-delay=%dus",
                p.pool(), p.tsliceMs(), p.ratelimitUs(), p.migrationDelayUs());
    }

    /** {@code uptime_to_string}: {@code H:MM:SS}, {@code 1 day, H:MM:SS} or {@code N days, H:MM:SS}; short drops seconds. */
    static String uptime(long seconds, boolean shortMode) {
        long day = seconds / 86400;
        seconds -= day * 86400;
        long hour = seconds / 3600;
        seconds -= hour * 3600;
        long min = seconds / 60;
        long sec = seconds - min * 60;
        String days = day > 1 ? day + " days, " : day == 1 ? "1 day, " : "";
        return shortMode ? days + String.format(Locale.ROOT, "%2d:%02d", hour, min)
                : days + String.format(Locale.ROOT, "%2d:%02d:%02d", hour, min, sec);
    }

    /** One {@code xl uptime} row (long form). */
    static String uptimeRow(DomainView d) {
        return String.format(Locale.ROOT, "%-33s %4d %s", d.name(), d.domid(), uptime((long) d.uptime(), false));
    }

    /** One {@code xl uptime -s} row: {@code " HH:MM:SS up <uptime>, <name> (<id>)"}. */
    static String uptimeShortRow(DomainView d, String now) {
        return " " + now + " up " + uptime((long) d.uptime(), true) + ", " + d.name() + " (" + d.domid() + ")";
    }

    /** The {@code xl info} lines in {@code print_info}'s order, each {@code key<padding>: value}. */
    static List<String> info(HostView h) {
        List<String> lines = new ArrayList<>();
        line(lines, "host", h.host());
        line(lines, "release", h.release());
        line(lines, "version", h.version());
        line(lines, "machine", h.machine());
        line(lines, "nr_cpus", h.nrCpus());
        line(lines, "max_cpu_id", h.maxCpuId());
        line(lines, "nr_nodes", h.nrNodes());
        line(lines, "cores_per_socket", h.coresPerSocket());
        line(lines, "threads_per_core", h.threadsPerCore());
        line(lines, "cpu_mhz", h.cpuMhz());
        line(lines, "hw_caps", h.hwCaps());
        lines.add("virt_caps              :" + (h.virtCaps() == null || h.virtCaps().isEmpty() ? "" : " " + h.virtCaps()));
        line(lines, "total_memory", h.totalMemory());
        line(lines, "free_memory", h.freeMemory());
        line(lines, "sharing_freed_memory", h.sharingFreedMemory());
        line(lines, "sharing_used_memory", h.sharingUsedMemory());
        line(lines, "outstanding_claims", h.outstandingClaims());
        line(lines, "free_cpus", h.freeCpus());
        line(lines, "xen_major", h.xenMajor());
        line(lines, "xen_minor", h.xenMinor());
        line(lines, "xen_extra", h.xenExtra());
        line(lines, "xen_version", h.xenVersion());
        line(lines, "xen_caps", h.xenCaps());
        line(lines, "xen_scheduler", h.xenScheduler());
        line(lines, "xen_pagesize", h.xenPagesize());
        line(lines, "platform_params", h.platformParams());
        line(lines, "xen_changeset", h.xenChangeset());
        line(lines, "xen_commandline", h.xenCommandline());
        line(lines, "cc_compiler", h.ccCompiler());
        line(lines, "cc_compile_by", h.ccCompileBy());
        line(lines, "cc_compile_domain", h.ccCompileDomain());
        line(lines, "cc_compile_date", h.ccCompileDate());
        line(lines, "build_id", h.buildId());
        line(lines, "xend_config_format", 4);
        return lines;
    }

    /**
     * {@code xl info NAME}: as {@code maybe_printf}, the value of each line whose text starts
     * with {@code name} and has {@code ": "} after its key.
     */
    static List<String> infoSelect(List<String> lines, String name) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (l.startsWith(name) && colon >= 0 && colon + 1 < l.length() && l.charAt(colon + 1) == ' ') {
                out.add(l.substring(colon + 2));
            }
        }
        return out;
    }

    private static void line(List<String> lines, String key, Object value) {
        lines.add(String.format(Locale.ROOT, "%-23s: %s", key, value == null ? "" : value));
    }

    /** {@code xl cpupool-list}'s header; {@code -c} lists CPUs instead of counting them. */
    static String cpupoolHeader(boolean cpus) {
        return String.format(Locale.ROOT, "%-19s", "Name") + (cpus ? "CPU list" : "CPUs   Sched     Active   Domain count");
    }

    /** One {@code xl cpupool-list} row ({@code main_cpupoollist}), without the newline. */
    static String cpupoolRow(CpupoolView p, boolean cpus) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-19s", p.name()));
        if (cpus) {
            for (int i = 0; i < p.cpus().size(); i++) {
                row.append(i > 0 ? "," : "").append(p.cpus().get(i));
            }
        } else {
            row.append(String.format(Locale.ROOT, "%3d %9s       y       %4d", p.cpus().size(), p.sched(), p.nDom()));
        }
        return row.toString();
    }
}
