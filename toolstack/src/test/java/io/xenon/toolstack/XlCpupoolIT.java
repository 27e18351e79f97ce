package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cpupool commands of the real {@code bin/xl} against a real two-pCPU daemon: pCPU 1 leaves
 * Pool-0 for a new pool, a cpuburn domain migrates there and runs on pCPU 1 only, then goes back.
 */
class XlCpupoolIT extends SharedDaemon {

    @Test
    void domainMigratesToAPoolOnPcpu1AndBack() throws Exception {
        assertEquals("""
                Name               CPUs   Sched     Active   Domain count
                Pool-0               2    credit       y          1
                """, ok("cpupool-list"));

        assertTrue(ok("info").contains("\nfree_cpus              : 0\n"), "every pCPU is in Pool-0");
        ok("cpupool-cpu-remove", "Pool-0", "1");
        assertTrue(ok("info").contains("\nfree_cpus              : 1\n"), "pCPU 1 is in no pool");
        DaemonProcess.Result create = daemon.xl("cpupool-create", "name=\"p1\"", "sched=\"credit\"", "cpus=\"1\"");
        assertEquals(0, create.exit(), create.toString());
        assertEquals("""
                Using config file "command line"
                cpupool name:   p1
                scheduler:      credit
                number of cpus: 1
                """, create.out());

        Path cfg = dir.resolve("burn.cfg");
        Files.writeString(cfg, "name = \"burn\"\nkernel = \"builtin:cpuburn\"\nmemory = 32\nvcpus = 1\n");
        assertEquals(0, daemon.xl("create", cfg.toString()).exit());
        awaitCpu("burn", cpu -> cpu == 0, "burn runs in Pool-0, on pCPU 0");

        ok("cpupool-migrate", "burn", "p1");
        assertEquals("""
                Name               CPUs   Sched     Active   Domain count
                Pool-0               1    credit       y          1
                p1                   1    credit       y          1
                """, ok("cpupool-list"));
        assertEquals("""
                Name               CPU list
                Pool-0             0
                p1                 1
                """, ok("cpupool-list", "-c"));
        assertTrue(ok("list", "-c", "burn").lines().skip(1).findFirst().orElseThrow().endsWith("              p1"));
        awaitCpu("burn", cpu -> cpu == 1, "after cpupool-migrate burn runs on pCPU 1");
        for (int i = 0; i < 5; i++) {
            assertEquals(1, cpu("burn"), "burn stays on p1's pCPU");
            Thread.sleep(100);
        }

        refused("Can't destroy cpupool 'p1': cpupool p1 still has 1 domain(s)", "cpupool-destroy", "p1");
        refused("Some cpus may have not or only partially been removed from 'p1': cpupool p1 has domains and"
                + " must keep a cpu", "cpupool-cpu-remove", "p1", "1");
        refused("some cpus may not have been added to Pool-0: cpu 1 is not free (it is in cpupool p1)",
                "cpupool-cpu-add", "Pool-0", "1");
        refused("Pool name \"p1\" already exists", "cpupool-create", "name=\"p1\"");
        refused("unknown cpupool 'nope'", "cpupool-migrate", "burn", "nope");
        refused("Pool 'nope' does not exist", "cpupool-list", "nope");

        ok("cpupool-migrate", "burn", "Pool-0");
        awaitCpu("burn", cpu -> cpu == 0, "back in Pool-0, burn runs on pCPU 0");
        ok("cpupool-destroy", "p1");
        ok("cpupool-cpu-add", "Pool-0", "1");
        assertEquals("""
                Name               CPU list
                Pool-0             0,1
                """, ok("cpupool-list", "-c"));
        refused("Can't destroy cpupool 'Pool-0': cpupool Pool-0 cannot be destroyed", "cpupool-destroy", "Pool-0");
        assertEquals(0, daemon.xl("destroy", "burn").exit());
    }

    @Test
    void renamedPoolShowsItsNewNameEverywhere() throws Exception {
        try {
            ok("cpupool-rename", "0", "main");
            assertEquals("""
                    Name               CPUs   Sched     Active   Domain count
                    main                 2    credit       y          1
                    """, ok("cpupool-list"));
            assertTrue(ok("sched-credit").startsWith("Cpupool main: tslice="), "sched-credit names the pool");
            assertTrue(ok("list", "-c", "0").lines().skip(1).findFirst().orElseThrow().endsWith("            main"));
            refused("unknown cpupool 'Pool-0'", "cpupool-rename", "Pool-0", "other");
            refused("unknown cpupool 'Pool-0'", "sched-credit", "-s", "-p", "Pool-0");

            ok("cpupool-create", "name=\"spare\"");
            refused("Can't rename cpupool 'spare': Pool name \"main\" already exists", "cpupool-rename", "spare", "main");
            refused("Can't rename cpupool 'spare': a cpupool must have a name", "cpupool-rename", "spare", "");
            ok("cpupool-rename", "spare", "spare2");
            refused("splitting not possible, already cpupools in use", "cpupool-numa-split");
            ok("cpupool-destroy", "spare2");
            assertEquals(2, daemon.xl("cpupool-rename", "main").exit(), "a new name is required");
        } finally {
            daemon.xl("cpupool-destroy", "spare");
            daemon.xl("cpupool-destroy", "spare2");
            daemon.xl("cpupool-rename", "main", "Pool-0");
        }
    }

    @Test
    void numaSplitMakesPool0TheOneNodesPool() throws Exception {
        try {
            ok("cpupool-cpu-remove", "Pool-0", "1");
            assertEquals("", ok("cpupool-numa-split"));
            assertEquals("""
                    Name               CPU list
                    Pool-node0         0,1
                    """, ok("cpupool-list", "-c"), "Pool-0 took node 0's free pCPU and its name");
            assertTrue(ok("sched-credit", "-s").startsWith("Cpupool Pool-node0: tslice="));
            assertEquals("", ok("cpupool-numa-split"), "splitting again changes nothing");
            assertEquals("""
                    Name               CPUs   Sched     Active   Domain count
                    Pool-node0           2    credit       y          1
                    """, ok("cpupool-list"));
        } finally {
            daemon.xl("cpupool-rename", "Pool-node0", "Pool-0");
            daemon.xl("cpupool-cpu-add", "Pool-0", "1");
        }
    }

    @Test
    void domainIsCreatedInItsConfiguredPool() throws Exception {
        Path cfg = dir.resolve("nopool.cfg");
        Files.writeString(cfg, "name = \"nopool\"\nkernel = \"builtin:idle\"\nmemory = 32\npool = \"missing\"\n");
        DaemonProcess.Result create = daemon.xl("create", cfg.toString());
        assertEquals(1, create.exit(), create.toString());
        assertTrue(create.err().contains("unknown cpupool 'missing'"), create.toString());
        assertTrue(!ok("list").contains("nopool"), "a refused pool leaves no domain");
    }

    private void refused(String message, String... args) throws Exception {
        DaemonProcess.Result r = daemon.xl(args);
        assertEquals(1, r.exit(), r.toString());
        assertEquals(message + "\n", r.err(), r.toString());
    }

    /** The pCPU column of the domain's vCPU 0 in {@code xl vcpu-list}. */
    private int cpu(String dom) throws Exception {
        List<String> rows = ok("vcpu-list", dom).lines().skip(1).toList();
        return Integer.parseInt(rows.get(0).trim().split("\\s+")[3]);
    }

    private void awaitCpu(String dom, java.util.function.IntPredicate condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = cpu(dom);
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": last on pCPU " + last);
    }
}
