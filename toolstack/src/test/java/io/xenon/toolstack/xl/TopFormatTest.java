package io.xenon.toolstack.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.toolstack.api.TopView;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** xentop's text: header, rows, widths, detail lines, summary and CPU(%) from two samples. */
class TopFormatTest {

    /** The header xentop prints when no counter needs more than its default width. */
    static final String HEADER = "      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS "
            + "NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID";

    private static final long TOTAL_KIB = 4L << 20;

    private static TopView.Domain dom0(long cpuNanos) {
        return new TopView.Domain(0, "Domain-0", "-----r", cpuNanos, 524288, TopView.NO_LIMIT, 2,
                List.of(cpuNanos, -1L), List.of(), List.of(), 0);
    }

    private static TopView.Domain guest(long cpuNanos, long txBytes) {
        return new TopView.Domain(3, "guest-with-long-name", "--b---", cpuNanos, 65536, 65536, 2,
                List.of(cpuNanos, 0L), List.of(new TopView.Net(0, "vif3.0", 1024, 2, txBytes, 3, 0, 1)),
                List.of(new TopView.Vbd(51712, 0, 10, 3, 80, 24)), 0);
    }

    private static TopView sample(long nanos, TopView.Domain... domains) {
        return new TopView(1_700_000_000_000L, nanos, "4.19.0", TOTAL_KIB, TOTAL_KIB - 589824, 2, 2400, List.of(domains));
    }

    @Test
    void headerIsXentopsFieldsRightAlignedAndJoinedByOneSpace() {
        List<String> lines = TopFormat.table(null, sample(0, dom0(0)), TopFormat.Options.NONE);
        assertEquals(HEADER, lines.get(0));
    }

    @Test
    void rowsHaveXentopsWidthsTruncatedNamesAndNoLimitForDomain0() {
        List<String> lines = TopFormat.table(null, sample(0, guest(12_700_000_000L, 2048L * 1024 + 5), dom0(301_900_000_000L)),
                TopFormat.Options.NONE);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("  Domain-0 -----r        301    0.0     524288   12.5   no limit       n/a     2    0        0 "
                + "       0    0        0        0        0          0          0    0", lines.get(1));
        assertEquals("guest-with --b---         12    0.0      65536    1.6      65536       1.6     2    1     2048 "
                + "       1    1        0       10        3         80         24    0", lines.get(2));
    }

    @Test
    void countersWidenTheirColumnAndItsHeader() {
        List<String> lines = TopFormat.table(null, sample(0, guest(0, 123_456_789L * 1024)), TopFormat.Options.NONE);
        assertTrue(lines.get(0).contains(" VBDS") && lines.get(0).contains("  NETTX(k) NETRX(k)"), lines.get(0));
        assertTrue(lines.get(1).contains("    1 123456789        1    1"), lines.get(1));
        assertEquals(lines.get(0).length(), lines.get(1).length());
    }

    @Test
    void cpuPercentIsCpuTimeOverElapsedTimeBetweenTwoSamples() {
        TopView first = sample(1_000_000_000L, dom0(10_000_000_000L), guest(1_000_000_000L, 0));
        TopView second = sample(3_000_000_000L, dom0(10_200_000_000L), guest(4_000_000_000L, 0));
        assertEquals(10.0, TopFormat.cpuPercent(first, second, second.domains().get(0)), 1e-9);
        assertEquals(150.0, TopFormat.cpuPercent(first, second, second.domains().get(1)), 1e-9);
        assertEquals(0.0, TopFormat.cpuPercent(null, second, second.domains().get(1)));
        assertEquals(0.0, TopFormat.cpuPercent(sample(0, dom0(0)), second, second.domains().get(1)),
                "a domain missing from the earlier sample");
        String row = TopFormat.table(first, second, TopFormat.Options.NONE).get(2);
        assertEquals("  150.0", row.substring(28, 35), row);
    }

    @Test
    void sortsByNameIgnoringCaseOrDomain0FirstWithZ() {
        TopView.Domain a = new TopView.Domain(5, "alpha", "--b---", 0, 1, 1, 1, List.of(), List.of(), List.of(), 0);
        TopView.Domain z = new TopView.Domain(6, "Zulu", "--b---", 0, 1, 1, 1, List.of(), List.of(), List.of(), 0);
        List<String> names = TopFormat.sorted(List.of(z, dom0(0), a), false).stream().map(TopView.Domain::name).toList();
        assertEquals(List.of("alpha", "Domain-0", "Zulu"), names);
        assertEquals("Domain-0", TopFormat.sorted(List.of(z, a, dom0(0)), true).get(0).name());
    }

    @Test
    void detailLinesFollowTheirRowAndRepeatHeaderRepeats() {
        TopFormat.Options all = new TopFormat.Options(true, true, true, true, false, false);
        List<String> lines = TopFormat.table(null, sample(0, guest(61_000_000_000L, 4096), dom0(0)), all);
        assertEquals(List.of(HEADER, lines.get(1), "VCPUs(sec):   0:          0s", HEADER, lines.get(4),
                "VCPUs(sec):   0:         61s  1:          0s",
                "Net0 RX:     1024bytes        2pkts        0err        1drop  TX:     4096bytes        3pkts        0err        0drop",
                "VBD BlkBack 51712 [ca: 0]  OO:        0   RD:       10   WR:        3   RSECT:         80   WSECT:         24"),
                lines);
    }

    @Test
    void summaryCountsStatesAndShowsMemoryAndCpus() {
        TopView.Domain paused = new TopView.Domain(7, "p", "----p-", 0, 1, 1, 1, List.of(), List.of(), List.of(), 0);
        List<String> lines = TopFormat.summary(sample(0, dom0(0), guest(0, 0), paused), ZoneOffset.UTC);
        assertEquals(List.of("xentop - 22:13:20   Xen 4.19.0",
                "3 domains: 1 running, 1 blocked, 1 paused, 0 crashed, 0 dying, 0 shutdown ",
                "Mem: 4194304k total, 589824k used, 3604480k free    CPUs: 2 @ 2400MHz"), lines);
    }
}
