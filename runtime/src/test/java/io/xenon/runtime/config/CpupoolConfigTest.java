package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpupoolConfigTest {

    private static CpupoolConfig read(String text, String... overrides) throws ConfigException {
        return CpupoolConfig.read(text, "pool.cfg", List.of(overrides));
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsNameSchedulerAndCpuList() throws ConfigException {
        CpupoolConfig c = read("name = 'p1'\nsched = 'Credit2'\ncpus = ['2', '3']\n");
        assertEquals("p1", c.name());
        assertEquals("credit2", c.sched());
        assertEquals("2,3", c.cpus());
        assertTrue(c.nodes().isEmpty());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void readsCpulistStringAndNodes() throws ConfigException {
        assertEquals("0-3,5,^1", read("name = 'p'\ncpus = '0-3,5,^1'\n").cpus());
        CpupoolConfig c = read("name = 'p'\nnodes = [0, '1']\ncpus = '0'\n");
        assertEquals(List.of(0, 1), c.nodes());
        assertEquals(List.of("pool.cfg:3:1: warning: cpus is ignored when nodes is given, as xl does"),
                c.warnings().stream().map(ConfigWarning::toString).toList());
        assertEquals(List.of(2), read("name = 'p'\nnodes = 2\n").nodes());
    }

    @Test
    void leavesSchedulerAndCpusUnsetWhenAbsent() throws ConfigException {
        CpupoolConfig c = read("name = 'p'\n");
        assertNull(c.sched());
        assertNull(c.cpus());
    }

    @Test
    void overridesFollowTheFile() throws ConfigException {
        assertEquals("q", read("name = 'p'\n", "name='q'").name());
    }

    @Test
    void refusesBadValues() {
        assertEquals("pool.cfg:1:1: expected name = \"NAME\": the cpupool must have a name", error("sched = 'credit'\n"));
        assertEquals("pool.cfg:2:9: sched: expected credit, credit2, rtds, arinc653, null or fair but found \"sedf\"",
                error("name = 'p'\nsched = 'sedf'\n"));
        assertEquals("pool.cfg:2:14: cpus: expected a CPU number but found \"2-3\"", error("name = 'p'\ncpus = ['1', '2-3']\n"));
        assertEquals("pool.cfg:2:8: cpus: expected a CPULIST such as \"0-3,5,^1\" or \"nodes:0\" but found \"x\"",
                error("name = 'p'\ncpus = 'x'\n"));
    }

    @Test
    void takesTheFileNameWhenNoNameIsGiven(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pool-b.cfg");
        Files.writeString(f, "sched = 'rtds'\n");
        assertEquals("pool-b.cfg", CpupoolConfig.read(f, List.of()).name());
    }
}
