package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.TopView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The text {@code xentop} prints ({@code tools/xentop/xentop.c}): the summary above the table,
 * the header of right-aligned fields joined by one space, one row per domain sorted by name (its
 * default sort field), and the {@code -v}, {@code -n} and {@code -x} lines under a row. The
 * counter columns widen, as {@code adjust_field_widths} widens them, to fit the largest value.
 */
final class TopFormat {

    /** What to print besides the table ({@code xentop}'s command-line switches). */
    record Options(boolean networks, boolean vbds, boolean repeatHeader, boolean vcpus, boolean fullName,
            boolean dom0First) {
        static final Options NONE = new Options(false, false, false, false, false, false);
    }

    /** The columns in xentop's order with their headers and default widths. */
    enum Field {
        NAME("NAME", 10), STATE("STATE", 6), CPU("CPU(sec)", 10), CPU_PCT("CPU(%)", 6), MEM("MEM(k)", 10),
        MEM_PCT("MEM(%)", 6), MAXMEM("MAXMEM(k)", 10), MAX_PCT("MAXMEM(%)", 9), VCPUS("VCPUS", 5), NETS("NETS", 4),
        NET_TX("NETTX(k)", 8), NET_RX("NETRX(k)", 8), VBDS("VBDS", 4), VBD_OO("VBD_OO", 8), VBD_RD("VBD_RD", 8),
        VBD_WR("VBD_WR", 8), VBD_RSECT("VBD_RSECT", 10), VBD_WSECT("VBD_WSECT", 10), SSID("SSID", 4);

        final String header;
        final int width;

        Field(String header, int width) {
            this.header = header;
            this.width = width;
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private TopFormat() {
    }

    /**
     * A domain's CPU(%) between two samples, as {@code get_cpu_pct}: nanoseconds of CPU time over
     * microseconds elapsed, times 100; 0 without an earlier sample of the same domain.
     */
    static double cpuPercent(TopView previous, TopView current, TopView.Domain d) {
        if (previous == null) {
            return 0.0;
        }
        TopView.Domain old = previous.domains().stream().filter(o -> o.domid() == d.domid()).findFirst().orElse(null);
        double usElapsed = (current.sampledNanos() - previous.sampledNanos()) / 1000.0;
        if (old == null || usElapsed <= 0) {
            return 0.0;
        }
        return ((d.cpuNanos() - old.cpuNanos()) / 10.0) / usElapsed;
    }

    /** The three summary lines above the table ({@code do_summary}); xentop prints them only on a terminal. */
    static List<String> summary(TopView t, ZoneId zone) {
        int run = 0;
        int block = 0;
        int pause = 0;
        int crash = 0;
        int dying = 0;
        int shutdown = 0;
        for (TopView.Domain d : t.domains()) {
            String s = d.state();
            if (s.charAt(5) == 'r') {
                run++;
            } else if (s.charAt(2) == 'b') {
                block++;
            } else if (s.charAt(4) == 'p') {
                pause++;
            } else if (s.charAt(1) == 's') {
                shutdown++;
            } else if (s.charAt(3) == 'c') {
                crash++;
            } else if (s.charAt(0) == 'd') {
                dying++;
            }
        }
        String time = CLOCK.format(Instant.ofEpochMilli(t.timeMillis()).atZone(zone));
        return List.of(
                "xentop - " + time + "   Xen " + t.xenVersion(),
                String.format(Locale.ROOT, "%d domains: %d running, %d blocked, %d paused, %d crashed, %d dying, %d shutdown ",
                        t.domains().size(), run, block, pause, crash, dying, shutdown),
                String.format(Locale.ROOT, "Mem: %dk total, %dk used, %dk free    CPUs: %d @ %dMHz",
                        t.totalKiB(), t.totalKiB() - t.freeKiB(), t.freeKiB(), t.nrCpus(), t.cpuMhz()));
    }

    /** The table for {@code current}: header, rows and any detail lines, without newlines. */
    static List<String> table(TopView previous, TopView current, Options o) {
        List<TopView.Domain> domains = sorted(current.domains(), o.dom0First());
        int[] widths = widths(domains, o.fullName());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < domains.size(); i++) {
            TopView.Domain d = domains.get(i);
            if (i == 0 || o.repeatHeader()) {
                lines.add(header(widths));
            }
            lines.add(row(previous, current, d, widths, o.fullName()));
            if (o.vcpus()) {
                lines.addAll(vcpuLines(d));
            }
            if (o.networks()) {
                d.nets().forEach(n -> lines.add(netLine(n)));
            }
            if (o.vbds()) {
                d.vbds().forEach(v -> lines.add(vbdLine(v)));
            }
        }
        return lines;
    }

    /** By name, ignoring case (xentop's default sort); Domain-0 first with {@code -z}. */
    static List<TopView.Domain> sorted(List<TopView.Domain> domains, boolean dom0First) {
        Comparator<TopView.Domain> byName = Comparator.comparing(TopView.Domain::name, String.CASE_INSENSITIVE_ORDER);
        Comparator<TopView.Domain> order = dom0First
                ? Comparator.comparing((TopView.Domain d) -> !d.name().equals("Domain-0")).thenComparing(byName) : byName;
        return domains.stream().sorted(order).toList();
    }

    /** The default widths, widened to fit this sample's counters ({@code adjust_field_widths}). */
    static int[] widths(List<TopView.Domain> domains, boolean fullName) {
        int[] w = new int[Field.values().length];
        for (Field f : Field.values()) {
            w[f.ordinal()] = f.width;
        }
        for (TopView.Domain d : domains) {
            if (fullName) {
                widen(w, Field.NAME, d.name().length());
            }
            widen(w, Field.NET_TX, digits(netTx(d) / 1024 + 1));
            widen(w, Field.NET_RX, digits(netRx(d) / 1024 + 1));
            widen(w, Field.VBD_RD, digits(sum(d, TopView.Vbd::rdReqs) + 1));
            widen(w, Field.VBD_WR, digits(sum(d, TopView.Vbd::wrReqs) + 1));
            widen(w, Field.VBD_RSECT, digits(sum(d, TopView.Vbd::rdSects) + 1));
            widen(w, Field.VBD_WSECT, digits(sum(d, TopView.Vbd::wrSects) + 1));
        }
        return w;
    }

    static String header(int[] widths) {
        StringBuilder b = new StringBuilder();
        for (Field f : Field.values()) {
            if (f.ordinal() != 0) {
                b.append(' ');
            }
            b.append(pad(f.header, widths[f.ordinal()]));
        }
        return b.toString();
    }

    static String row(TopView previous, TopView current, TopView.Domain d, int[] w, boolean fullName) {
        String name = fullName ? pad(d.name(), w[Field.NAME.ordinal()])
                : pad(d.name().length() > 10 ? d.name().substring(0, 10) : d.name(), 10);
        double total = current.totalKiB();
        StringBuilder b = new StringBuilder(name).append(' ').append(d.state());
        b.append(String.format(Locale.ROOT, " %10d %6.1f %10d %6.1f", d.cpuNanos() / 1_000_000_000L,
                cpuPercent(previous, current, d), d.memKiB(), d.memKiB() / total * 100));
        if (d.maxMemKiB() == TopView.NO_LIMIT) {
            b.append(String.format(Locale.ROOT, " %10s %9s", "no limit", "n/a"));
        } else {
            b.append(String.format(Locale.ROOT, " %10d %9.1f", d.maxMemKiB(), d.maxMemKiB() / total * 100));
        }
        b.append(String.format(Locale.ROOT, " %5d %4d", d.vcpus(), d.nets().size()));
        b.append(' ').append(pad(Long.toString(netTx(d) / 1024), w[Field.NET_TX.ordinal()]));
        b.append(' ').append(pad(Long.toString(netRx(d) / 1024), w[Field.NET_RX.ordinal()]));
        b.append(String.format(Locale.ROOT, " %4d %8d", d.vbds().size(), sum(d, TopView.Vbd::ooReqs)));
        b.append(' ').append(pad(Long.toString(sum(d, TopView.Vbd::rdReqs)), w[Field.VBD_RD.ordinal()]));
        b.append(' ').append(pad(Long.toString(sum(d, TopView.Vbd::wrReqs)), w[Field.VBD_WR.ordinal()]));
        b.append(' ').append(pad(Long.toString(sum(d, TopView.Vbd::rdSects)), w[Field.VBD_RSECT.ordinal()]));
        b.append(' ').append(pad(Long.toString(sum(d, TopView.Vbd::wrSects)), w[Field.VBD_WSECT.ordinal()]));
        b.append(String.format(Locale.ROOT, " %4d", d.ssid()));
        return b.toString();
    }

    /** {@code do_vcpu}: online vCPUs' seconds, five to a line. */
    static List<String> vcpuLines(TopView.Domain d) {
        StringBuilder b = new StringBuilder("VCPUs(sec): ");
        for (int i = 0; i < d.vcpuNanos().size(); i++) {
            long ns = d.vcpuNanos().get(i);
            if (ns >= 0) {
                if (i != 0 && i % 5 == 0) {
                    b.append("\n        ");
                }
                b.append(String.format(Locale.ROOT, " %2d: %10ds", i, ns / 1_000_000_000L));
            }
        }
        return b.toString().lines().toList();
    }

    /**
     * {@code do_network}: Domain-0's view of the vif. XEN-DIFF: netback counts errors and drops
     * by reason, not by direction; both are shown on the RX (from the guest) side.
     */
    static String netLine(TopView.Net n) {
        return String.format(Locale.ROOT, "Net%d RX: %8dbytes %8dpkts %8derr %8ddrop  TX: %8dbytes %8dpkts %8derr %8ddrop",
                n.id(), n.rxBytes(), n.rxPackets(), n.errs(), n.drops(), n.txBytes(), n.txPackets(), 0, 0);
    }

    /** {@code do_vbd}, with Linux's {@code [major:minor]} of the vbd number. */
    static String vbdLine(TopView.Vbd v) {
        String details = String.format(Locale.ROOT, "[%2x:%2x] ", v.dev() >> 8, v.dev() & 0xff);
        return String.format(Locale.ROOT, "VBD %s %4d %s OO: %8d   RD: %8d   WR: %8d   RSECT: %10d   WSECT: %10d",
                "BlkBack", v.dev(), details, v.ooReqs(), v.rdReqs(), v.wrReqs(), v.rdSects(), v.wrSects());
    }

    /** NETTX(k)'s bytes: what Domain-0's vifs transmitted, which is what the guest received. */
    static long netTx(TopView.Domain d) {
        return d.nets().stream().mapToLong(TopView.Net::txBytes).sum();
    }

    /** NETRX(k)'s bytes: what Domain-0's vifs received, which is what the guest sent. */
    static long netRx(TopView.Domain d) {
        return d.nets().stream().mapToLong(TopView.Net::rxBytes).sum();
    }

    private static long sum(TopView.Domain d, java.util.function.ToLongFunction<TopView.Vbd> f) {
        return d.vbds().stream().mapToLong(f).sum();
    }

    private static void widen(int[] w, Field f, int length) {
        w[f.ordinal()] = Math.max(w[f.ordinal()], length);
    }

    /** {@code INT_FIELD_WIDTH}: the decimal digits of {@code n >= 1}. */
    private static int digits(long n) {
        return Long.toString(Math.max(n, 1)).length();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
