package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code xl sched-credit}, {@code vcpu-pin}, {@code vcpu-list} and {@code vcpu-set} against a real daemon (2 pCPUs). */
class XlSchedIT extends SharedDaemon {

    @Test
    void schedCreditShowsAndSetsDomainAndPoolParameters() throws Exception {
        create("sc", "name = \"sc\"\nkernel = \"builtin:idle\"\nmemory = 32\nvcpus = 2\ncpu_weight = 512\ncap = 50\n");

        DaemonProcess.Result all = daemon.xl("sched-credit");
        assertEquals(0, all.exit(), all.toString());
        List<String> lines = all.out().lines().toList();
        assertEquals("Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us", lines.get(0));
        assertEquals("Name                                ID Weight  Cap", lines.get(1));
        assertEquals("Domain-0                             0    256    0", lines.get(2));
        assertTrue(lines.stream().anyMatch(l -> l.matches("sc {31} +\\d+    512   50")), all.out());

        DaemonProcess.Result set = daemon.xl("sched-credit", "-d", "sc", "-w", "1024", "-c", "100");
        assertEquals(0, set.exit(), set.toString());
        DaemonProcess.Result one = daemon.xl("sched-credit", "-d", "sc");
        assertEquals(0, one.exit(), one.toString());
        assertEquals(2, one.out().lines().count(), one.out());
        assertTrue(one.out().lines().toList().get(1).matches("sc {31} +\\d+   1024  100"), one.out());

        assertError(daemon.xl("sched-credit", "-d", "sc", "-w", "0"),
                "Cpu weight out of range, valid values are within range from 1 to 65535");
        assertError(daemon.xl("sched-credit", "-d", "sc", "-c", "201"),
                "Cpu cap out of range, valid range is from 0 to 200 for specified number of vcpus");
        assertError(daemon.xl("sched-credit", "-d", "nosuch"), "domain nosuch does not exist");
        assertEquals(1, daemon.xl("sched-credit", "-w", "5").exit(), "xl's EXIT_FAILURE");

        assertEquals(0, daemon.xl("sched-credit", "-s", "-t", "10", "-r", "500").exit());
        assertEquals("Cpupool Pool-0: tslice=10ms ratelimit=500us migration-delay=0us",
                daemon.xl("sched-credit", "-s").out().strip());
        assertError(daemon.xl("sched-credit", "-s", "-r", "20000"), "Ratelimit cannot be greater than timeslice");
        assertError(daemon.xl("sched-credit", "-s", "-t", "0"),
                "Time slice out of range, valid range is from 1 to 1000");
        assertEquals(0, daemon.xl("sched-credit", "-s", "-t", "30", "-r", "1000").exit());
        daemon.xl("destroy", "sc");
    }

    @Test
    void schedCreditListsEachCreditPoolWithItsOwnDomainsAndParameters() throws Exception {
        assertEquals(0, daemon.xl("cpupool-cpu-remove", "Pool-0", "1").exit());
        try {
            DaemonProcess.Result pool = daemon.xl("cpupool-create", "name=\"p1\"", "sched=\"credit\"", "cpus=\"1\"");
            assertEquals(0, pool.exit(), pool.toString());
            create("in0", "name = \"in0\"\nkernel = \"builtin:idle\"\nmemory = 32\ncpu_weight = 128\n");
            create("inp1", "name = \"inp1\"\nkernel = \"builtin:idle\"\nmemory = 32\npool = \"p1\"\ncap = 20\n");

            DaemonProcess.Result all = daemon.xl("sched-credit");
            assertEquals(0, all.exit(), all.toString());
            List<String> lines = all.out().lines().toList();
            int p1 = lines.indexOf("Cpupool p1: tslice=30ms ratelimit=1000us migration-delay=0us");
            assertEquals("Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us", lines.get(0), all.out());
            assertTrue(p1 > 0, all.out());
            assertEquals("Name                                ID Weight  Cap", lines.get(p1 + 1));
            assertTrue(lines.subList(0, p1).stream().anyMatch(l -> l.matches("in0 {30} +\\d+    128    0")), all.out());
            assertTrue(lines.subList(0, p1).stream().noneMatch(l -> l.startsWith("inp1 ")), all.out());
            assertEquals(p1 + 3, lines.size(), "p1 lists inp1 alone: " + all.out());
            assertTrue(lines.get(p1 + 2).matches("inp1 {29} +\\d+    256   20"), all.out());

            DaemonProcess.Result only = daemon.xl("sched-credit", "-p", "p1");
            assertEquals(0, only.exit(), only.toString());
            assertEquals(lines.subList(p1, p1 + 3), only.out().lines().toList());
            assertError(daemon.xl("sched-credit", "-p", "nope"), "unknown cpupool 'nope'");

            assertEquals(0, daemon.xl("sched-credit", "-s", "-p", "p1", "-t", "5", "-r", "500", "-m", "300").exit());
            assertEquals("Cpupool p1: tslice=5ms ratelimit=500us migration-delay=300us\n",
                    daemon.xl("sched-credit", "-s", "-p", "p1").out());
            assertEquals("Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us\n",
                    daemon.xl("sched-credit", "-s").out(), "Pool-0 keeps its own parameters");
            assertEquals(0, daemon.xl("sched-credit", "-s", "-m", "100000").exit());
            assertEquals("Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=100000us\n",
                    daemon.xl("sched-credit", "-s", "-p", "0").out());
            assertError(daemon.xl("sched-credit", "-s", "-m", "100001"),
                    "vcpu migration delay should be >= 0 and <= 100000us");
            assertError(daemon.xl("sched-credit", "-s", "-p", "p1", "-t", "1001"),
                    "Time slice out of range, valid range is from 1 to 1000");
            assertError(daemon.xl("sched-credit", "-s", "-p", "nope"), "unknown cpupool 'nope'");
            assertError(daemon.xl("sched-credit", "-s", "-p", "nope", "-t", "10"), "unknown cpupool 'nope'");
            assertEquals(0, daemon.xl("sched-credit", "-s", "-m", "0").exit());
        } finally {
            daemon.xl("destroy", "in0");
            daemon.xl("destroy", "inp1");
            daemon.xl("cpupool-destroy", "p1");
            daemon.xl("cpupool-cpu-add", "Pool-0", "1");
        }
    }

    @Test
    void vcpuPinMovesTheVcpusAndVcpuListShowsTheAffinity() throws Exception {
        create("pin", "name = \"pin\"\nkernel = \"builtin:cpuburn\"\nmemory = 32\nvcpus = 2\n"
                + "cpus = \"0\"\ncpus_soft = \"1\"\n");
        List<String> rows = vcpuRows("pin");
        assertEquals(2, rows.size(), rows.toString());
        for (String row : rows) {
            assertTrue(row.endsWith("  0 / 1"), "config affinity: [" + row + "]");
        }
        awaitVcpus("pin", r -> cpuOf(r).equals("0"));

        DaemonProcess.Result pin = daemon.xl("vcpu-pin", "pin", "all", "1");
        assertEquals(0, pin.exit(), pin.toString());
        rows = vcpuRows("pin");
        for (String row : rows) {
            assertTrue(row.endsWith("  1 / 1"), "pinned: [" + row + "]");
        }
        awaitVcpus("pin", r -> cpuOf(r).equals("1"));
        for (int i = 0; i < 10; i++) {
            for (String row : vcpuRows("pin")) {
                assertEquals("1", cpuOf(row), "a vCPU ran off its pinned pCPU: [" + row + "]");
            }
            Thread.sleep(50);
        }

        assertEquals(0, daemon.xl("vcpu-pin", "pin", "0", "-", "0-1").exit());
        String vcpu0 = vcpuRows("pin").get(0);
        assertTrue(vcpu0.endsWith("  1 / all"), "soft changed, hard kept: [" + vcpu0 + "]");
        assertEquals(0, daemon.xl("vcpu-pin", "--force", "pin", "0", "-", "1").exit(), "xl's -f is accepted");
        vcpu0 = vcpuRows("pin").get(0);
        assertTrue(vcpu0.endsWith("  1 / 1"), "-f pins as without it: [" + vcpu0 + "]");

        assertError(daemon.xl("vcpu-pin", "pin", "5", "0"), "Could not set affinity for vcpu `5'.");
        assertEquals(1, daemon.xl("vcpu-pin", "pin", "0", "7").exit());
        daemon.xl("destroy", "pin");
    }

    @Test
    void vcpuSetBringsVcpusUpAndDownInTheGuest() throws Exception {
        create("hot", "name = \"hot\"\nkernel = \"builtin:idle\"\nmemory = 32\nvcpus = 1\nmaxvcpus = 2\n");
        awaitListVcpus("hot", 1);
        assertTrue(vcpuRows("hot").get(1).contains("    -   --p "), vcpuRows("hot").toString());

        DaemonProcess.Result up = daemon.xl("vcpu-set", "hot", "2");
        assertEquals(0, up.exit(), up.toString());
        awaitListVcpus("hot", 2);
        awaitVcpus("hot", r -> !r.contains("--p "));

        assertEquals(0, daemon.xl("vcpu-set", "hot", "1").exit());
        awaitListVcpus("hot", 1);
        assertTrue(vcpuRows("hot").get(1).contains("--p "), vcpuRows("hot").toString());

        assertError(daemon.xl("vcpu-set", "hot", "3"), "You are overcommmitting! You have 2 physical CPUs and want"
                + " 3 vCPUs! Aborting, use --ignore-host to continue");
        assertError(daemon.xl("vcpu-set", "-i", "hot", "3"), "Requested 3 VCPUs, however maxcpus is 2!");
        daemon.xl("destroy", "hot");
    }

    private void create(String name, String cfg) throws Exception {
        Path p = dir.resolve(name + ".cfg");
        Files.writeString(p, cfg);
        DaemonProcess.Result r = daemon.xl("create", "-q", p.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    private static void assertError(DaemonProcess.Result r, String message) {
        assertEquals(1, r.exit(), r.toString());
        assertEquals(message + "\n", r.err(), r.toString());
    }

    /** The vcpu-list rows of {@code name}, in vCPU order. */
    private List<String> vcpuRows(String name) throws Exception {
        DaemonProcess.Result r = daemon.xl("vcpu-list", name);
        assertEquals(0, r.exit(), r.toString());
        return r.out().lines().skip(1).toList();
    }

    /** The CPU column of a vcpu-list row (columns 44..48: {@code %5u} after name, ID and VCPU). */
    private static String cpuOf(String row) {
        return row.substring(44, 49).strip();
    }

    private void awaitVcpus(String name, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> last = List.of();
        while (System.nanoTime() < deadline) {
            last = vcpuRows(name);
            if (!last.isEmpty() && last.stream().allMatch(condition)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("vcpu-list of " + name + " never matched; last:\n" + String.join("\n", last));
    }

    private void awaitListVcpus(String name, int vcpus) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = daemon.xl("list", name).out();
            for (String line : last.lines().toList()) {
                if (line.startsWith(name + " ") && line.substring(40).trim().split(" +")[2].equals(vcpus + "")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("xl list never showed " + vcpus + " VCPUs for " + name + ":\n" + last);
    }
}
