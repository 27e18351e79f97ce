package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code xl top -b} against a real daemon running idle, cpuburn and disk-writing domains. */
class XlTopIT extends SharedDaemon {

    static final String HEADER = "      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS "
            + "NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID";

    @BeforeAll
    void createDomains() throws Exception {
        create("idler", "kernel = \"builtin:idle\"\nmemory = 32\nvif = [ 'bridge=xenbr0' ]\n");
        create("burner", "kernel = \"builtin:cpuburn\"\nmemory = 32\nvcpus = 1\n");
        create("disky", "kernel = \"builtin:blkstress\"\nmemory = 32\nextra = \"writes=16 rounds=1\"\n"
                + "disk = [ 'format=raw, vdev=xvda, size=4M, target=disky.img' ]\n");
        Path console = daemon.stateDir().resolve("console/disky.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(console) && Files.readString(console).contains("round 1:"))) {
            assertTrue(System.nanoTime() < deadline, "blkstress did not finish its round");
            Thread.sleep(100);
        }
    }

    @Test
    void batchModePrintsOneTablePerIterationWithCpuPercentFromTheSecond() throws Exception {
        DaemonProcess.Result top = daemon.xl("top", "-b", "-i", "2", "-d", "1");
        assertEquals(0, top.exit(), top.toString());
        assertTrue(top.err().isEmpty(), top.toString());
        assertTrue(!top.out().contains("\033"), "batch output has terminal control: " + top);
        List<List<String>> tables = new ArrayList<>();
        for (String line : top.out().lines().toList()) {
            if (line.equals(HEADER)) {
                tables.add(new ArrayList<>());
            } else {
                tables.get(tables.size() - 1).add(line);
            }
        }
        assertEquals(2, tables.size(), top.out());
        for (List<String> rows : tables) {
            assertEquals(List.of("burner", "disky", "Domain-0", "idler"), rows.stream().map(XlTopIT::name).toList(),
                    top.out());
            assertEquals("--b---", state(rows, "idler"), top.out());
            assertEquals("-", String.valueOf(state(rows, "burner").charAt(4)), top.out());
            assertEquals(" 1 ", column(rows, "idler", 83, 86), "NETS: " + top.out());
            assertEquals(" 1 ", column(rows, "disky", 106, 109), "VBDS: " + top.out());
            assertTrue(Long.parseLong(column(rows, "disky", 127, 135).strip()) >= 16, "VBD_WR: " + top.out());
            assertTrue(Long.parseLong(column(rows, "disky", 147, 157).strip()) >= 16 * 8, "VBD_WSECT: " + top.out());
        }
        for (String row : tables.get(0)) {
            assertEquals("0.0", row.substring(28, 35).strip(), "first iteration has no earlier sample: " + row);
        }
        double burn = Double.parseDouble(column(tables.get(1), "burner", 28, 35).strip());
        // Above 0 and above the idle guest, not a share: other builds on the machine take their part.
        assertTrue(burn > 5.0, "cpuburn's CPU(%) in the second iteration: " + top.out());
        double idle = Double.parseDouble(column(tables.get(1), "idler", 28, 35).strip());
        assertTrue(idle < burn, top.out());
    }

    @Test
    void networksAndVbdsAddTheirLines() throws Exception {
        DaemonProcess.Result top = daemon.xl("top", "-b", "-i", "1", "-n", "-x");
        assertEquals(0, top.exit(), top.toString());
        List<String> lines = top.out().lines().toList();
        int idler = indexOf(lines, "     idler");
        assertTrue(lines.get(idler + 1).startsWith("Net0 RX: "), top.out());
        int disky = indexOf(lines, "     disky");
        assertTrue(lines.get(disky + 1).startsWith("VBD BlkBack 51712 [ca: 0]  OO:        0   RD: "), top.out());
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with [" + prefix + "] in " + lines);
    }

    private static String name(String row) {
        return row.substring(0, 10).strip();
    }

    private static String state(List<String> rows, String name) {
        return column(rows, name, 11, 17);
    }

    private static String column(List<String> rows, String name, int from, int to) {
        String row = rows.stream().filter(r -> name(r).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in " + rows));
        return row.substring(from, to);
    }

    private void create(String name, String body) throws Exception {
        Path cfg = dir.resolve(name + ".cfg");
        Files.writeString(cfg, "name = \"" + name + "\"\n" + body);
        DaemonProcess.Result r = daemon.xl("create", "-q", cfg.toString());
        assertEquals(0, r.exit(), r.toString());
    }
}
