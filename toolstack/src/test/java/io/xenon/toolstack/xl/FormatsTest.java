package io.xenon.toolstack.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.toolstack.api.DomainView;
import io.xenon.toolstack.api.HostView;
import io.xenon.toolstack.api.VcpuView;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void listRowsAreXensColumns() {
        assertEquals("guest                                        3  1024     2     -b----       5.0",
                Formats.listRow(domain("guest", 3, 1024, 2, false, true, false, null, 5_000_000_000L), false));
        assertEquals("crashed                                      4   512     1     ---sc-       0.7",
                Formats.listRow(domain("crashed", 4, 512, 1, false, false, true, 3, 700_000_000L), false));
        assertEquals("Domain-0                                     0  4096     4     r-----     123.4",
                Formats.listRow(domain("Domain-0", 0, 4096, 4, true, false, false, null, 123_400_000_000L), false));
    }

    @Test
    void theHeaderPutsIdAtColumn44WithTabsBeforeStateAndTime() {
        assertEquals(44, Formats.LIST_HEADER.indexOf("ID"));
        assertEquals("Mem VCPUs\tState\tTime(s)", Formats.LIST_HEADER.substring(49));
    }

    @Test
    void verboseRowsAddUuidReasonAndLabel() {
        DomainView rebooted = domain("r", 7, 64, 1, false, false, true, 1, 0);
        String row = Formats.listRow(rebooted, true);
        assertTrue(row.endsWith(" 00000000-0000-0000-0000-000000000007        1                -"), row);
        assertTrue(row.contains("---sr-"), row);
        String running = Formats.listRow(domain("x", 8, 64, 1, true, false, false, null, 0), true);
        assertTrue(running.endsWith("-000000000008        -                -"), running);
    }

    @Test
    void vcpuRowsSitOneColumnLeftOfTheHeader() {
        DomainView d = domain("guest", 3, 64, 2, false, true, false, null, 0);
        VcpuView online = new VcpuView(1, true, 5, false, true, 1_200_000_000L, List.of(0, 1, 2, 3), all(8));
        VcpuView offline = new VcpuView(2, false, -1, false, false, 0, all(8), List.of());
        assertEquals("guest                                3     1    5   -b-       1.2  0-3 / all", Formats.vcpuRow(d, online, 8));
        assertEquals("guest                                3     2    -   --p       0.0  all / none", Formats.vcpuRow(d, offline, 8));
        assertEquals("Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)", Formats.VCPU_HEADER);
    }

    @Test
    void bitmapsPrintRunsAllAndNone() {
        assertEquals("0-3,6", Formats.bitmap(bits(0, 1, 2, 3, 6), 8));
        assertEquals("all", Formats.bitmap(bits(0, 1, 2, 3, 4, 5, 6, 7), 8));
        assertEquals("none", Formats.bitmap(bits(), 8));
        assertEquals("1-7", Formats.bitmap(bits(1, 2, 3, 4, 5, 6, 7), 8));
        assertEquals("0-3", Formats.bitmap(bits(0, 1, 2, 3), 8));
        assertEquals("0,2,4-5", Formats.bitmap(bits(0, 2, 4, 5), 8));
        assertEquals("7", Formats.bitmap(bits(7), 8));
        assertEquals("all", Formats.bitmap(bits(0, 1, 9), 2));
    }

    @Test
    void uptimesAreXlsStrings() {
        assertEquals(" 0:00:59", Formats.uptime(59, false));
        assertEquals("1 day,  1:01:01", Formats.uptime(86_400 + 3_661, false));
        assertEquals("3 days, 10:00:00", Formats.uptime(3 * 86_400 + 36_000, false));
        assertEquals("3 days, 10:00", Formats.uptime(3 * 86_400 + 36_000, true));
        assertEquals("Name                                ID Uptime", Formats.UPTIME_HEADER);
    }

    @Test
    void infoKeysArePaddedToTheColonAtColumn23() {
        HostView h = new HostView("h", "r", "v", "x86_64", 2, 1, 1, 2, 1, "2600.000", "caps", "pv", 4096, 1024,
                0, 0, 0, 0, 4, 19, ".0-xenon", "4.19.0-xenon", "xen-3.0-x86_64", "credit", 4096,
                "virt_start=0xffff800000000000", "", "", "", "", "", "", "", 1.0);
        List<String> lines = Formats.info(h);
        assertEquals("host                   : h", lines.get(0));
        assertEquals("virt_caps              : pv", lines.get(11));
        assertEquals("xend_config_format     : 4", lines.get(lines.size() - 1));
        lines.forEach(l -> assertEquals(23, l.indexOf(':'), l));
        assertEquals(List.of("2"), Formats.infoSelect(lines, "nr_cpus"));
        assertEquals(List.of("4", "19", ".0-xenon", "4.19.0-xenon"), Formats.infoSelect(lines, "xen_"
                ).subList(0, 4));
    }

    private static DomainView domain(String name, int id, long memMiB, int vcpus, boolean running, boolean blocked,
            boolean shutdown, Integer code, long cpuNs) {
        String uuid = String.format("00000000-0000-0000-0000-%012d", id);
        return new DomainView(id, name, uuid, memMiB * 1024, memMiB * 1024, memMiB * 1024, vcpus, vcpus, running,
                blocked, false, shutdown, null, code, false, cpuNs, 0, 0, List.of());
    }

    private static List<Integer> all(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
