package io.xenon.toolstack.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.xenon.toolstack.api.CpupoolView;
import io.xenon.toolstack.api.Requests;
import io.xenon.toolstack.api.StateDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sched-credit, vcpu-pin and vcpu-set without a daemon: formats, argument parsing, option errors. */
class SchedCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int xl(String... args) {
        Xl xl = new Xl(new StateDir(dir.resolve("state")), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return xl.run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void schedCreditLinesAreXensFormats() {
        assertEquals("Name                                ID Weight  Cap", Formats.SCHED_CREDIT_HEADER);
        assertEquals("Domain-0                             0    256    0",
                Formats.schedCreditRow(new Requests.SchedParamsView("Domain-0", 0, 256, 0)));
        assertEquals("guest                                7  65535  150",
                Formats.schedCreditRow(new Requests.SchedParamsView("guest", 7, 65535, 150)));
        assertEquals("Cpupool Pool-0: tslice=30ms ratelimit=1000us migration-delay=0us",
                Formats.schedCreditPool(new Requests.PoolParamsView("Pool-0", "credit", 30, 1000, 0)));
        assertEquals("Cpupool Pool-node0: tslice=5ms ratelimit=0us migration-delay=100000us",
                Formats.schedCreditPool(new Requests.PoolParamsView("Pool-node0", "credit", 5, 0, 100_000)));
    }

    private static final Requests.CpupoolList POOLS = new Requests.CpupoolList(List.of(
            new CpupoolView(0, "Pool-0", "credit", List.of(0), 2),
            new CpupoolView(1, "rt", "fair", List.of(1), 1),
            new CpupoolView(2, "p2", "credit", List.of(2), 1)),
            Map.of(0, "Pool-0", 3, "rt", 4, "p2"));

    private static final List<Requests.SchedParamsView> DOMAINS = List.of(
            new Requests.SchedParamsView("Domain-0", 0, 256, 0),
            new Requests.SchedParamsView("in-rt", 3, 256, 0),
            new Requests.SchedParamsView("in-p2", 4, 512, 20),
            new Requests.SchedParamsView("new", 5, 128, 0));

    private static String poolLine(CpupoolView p) {
        return "Cpupool " + p.name() + ": line";
    }

    @Test
    void eachCreditPoolListsOnlyItsOwnDomains() throws Exception {
        assertEquals(List.of(
                "Cpupool Pool-0: line",
                Formats.SCHED_CREDIT_HEADER,
                "Domain-0                             0    256    0",
                "new                                  5    128    0",
                "Cpupool p2: line",
                Formats.SCHED_CREDIT_HEADER,
                "in-p2                                4    512   20"),
                SchedCommands.poolsOutput(POOLS, null, DOMAINS, SchedCommandsTest::poolLine),
                "the fair pool is left out; a domain in no pool yet is Pool-0's");
    }

    @Test
    void aCpupoolRestrictsTheListingToIt() throws Exception {
        assertEquals(List.of("Cpupool p2: line", Formats.SCHED_CREDIT_HEADER,
                "in-p2                                4    512   20"),
                SchedCommands.poolsOutput(POOLS, POOLS.pools().get(2), DOMAINS, SchedCommandsTest::poolLine));
        assertEquals(List.of(), SchedCommands.poolsOutput(POOLS, POOLS.pools().get(1), DOMAINS,
                SchedCommandsTest::poolLine), "a pool of another scheduler prints nothing, as in xl");
    }

    @Test
    void migrationDelayWithoutSchedparamFailsAsXlDoes() {
        assertEquals(1, xl("sched-credit", "-m", "100"));
        assertEquals("Must specify schedparam to set schedule parameter values.\n", err());
    }

    @Test
    void cpupoolWithDomainOptionsFailsAsXlDoes() {
        assertEquals(1, xl("sched-credit", "-p", "Pool-0", "-d", "guest"));
        assertEquals("Specifying a cpupool or schedparam is not allowed with domain options.\n", err());
    }

    @Test
    void weightOrCapWithoutADomainFailsAsXlDoes() {
        assertEquals(1, xl("sched-credit", "-w", "512"));
        assertEquals("Must specify a domain.\n", err());
    }

    @Test
    void poolOptionsWithoutSchedparamFailAsXlDoes() {
        assertEquals(1, xl("sched-credit", "-t", "10"));
        assertEquals("Must specify schedparam to set schedule parameter values.\n", err());
    }

    @Test
    void schedparamWithDomainOptionsFailsAsXlDoes() {
        assertEquals(1, xl("sched-credit", "-s", "-d", "guest"));
        assertEquals("Specifying a cpupool or schedparam is not allowed with domain options.\n", err());
    }

    @Test
    void aWeightThatIsNoNumberIsAUsageError() {
        assertEquals(2, xl("sched-credit", "-d", "guest", "-w", "heavy"));
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void vcpuArgumentIsANumberOrAll() {
        assertEquals("3", VcpuCommands.vcpuArg("3"));
        assertEquals("all", VcpuCommands.vcpuArg("all"));
        assertEquals("2", VcpuCommands.vcpuArg("2x"));
        assertNull(VcpuCommands.vcpuArg("-1"));
        assertNull(VcpuCommands.vcpuArg("some"));
    }

    @Test
    void aBadVcpuIsRefusedWithXlsMessage() {
        assertEquals(1, xl("vcpu-pin", "guest", "first", "0"));
        assertEquals("Error: Invalid argument first as VCPU.\n", err());
    }

    @Test
    void dashKeepsAnAffinity() {
        assertNull(VcpuCommands.keepOrList("-"));
        assertNull(VcpuCommands.keepOrList(null));
        assertEquals("0-1,3", VcpuCommands.keepOrList("0-1,3"));
    }

    @Test
    void vcpuCountIsStrtoulUpToIntMax() {
        assertEquals(2, VcpuCommands.vcpuCount("2"));
        assertEquals(0, VcpuCommands.vcpuCount("0"));
        assertEquals(-1, VcpuCommands.vcpuCount("two"));
        assertEquals(-1, VcpuCommands.vcpuCount("4294967296"));
        assertEquals(1, xl("vcpu-set", "guest", "two"));
        assertEquals("Error: Invalid argument.\n", err());
    }
}
