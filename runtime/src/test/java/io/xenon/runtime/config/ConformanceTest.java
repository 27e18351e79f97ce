package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Xen's own example configs (tools/examples, copied byte for byte) must read unchanged, each
 * with the reader for its kind. With {@code -Dxenon.conformance.dir=DIR}, every file in DIR is
 * read as well, so an outside collection of configs can be checked.
 */
class ConformanceTest {

    private static final String EXTERNAL_DIR = "xenon.conformance.dir";

    /** What the bundled examples must read as; files not listed here need only read without error. */
    private static final Map<String, Checker> EXPECTED = Map.of(
            "xlexample.pvlinux", ConformanceTest::checkPvLinux,
            "xlexample.hvm", ConformanceTest::checkHvm,
            "xlexample.pvhlinux", ConformanceTest::checkPvhLinux,
            "xl.conf", ConformanceTest::checkXlConf,
            "cpupool", ConformanceTest::checkCpupool);

    private interface Checker {
        void check(Object parsed);
    }

    @TestFactory
    Stream<DynamicTest> readsXenExamples() throws IOException, URISyntaxException {
        Path dir = Path.of(ConformanceTest.class.getResource("/conformance/xen-examples").toURI());
        List<Path> files = files(dir);
        assertEquals(EXPECTED.keySet(), Set.copyOf(files.stream().map(f -> f.getFileName().toString()).toList()));
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Object parsed = read(f);
            EXPECTED.get(f.getFileName().toString()).check(parsed);
        }));
    }

    @TestFactory
    Stream<DynamicTest> readsExternalConformanceDirectory() throws IOException {
        String dir = System.getProperty(EXTERNAL_DIR);
        if (dir == null || dir.isBlank()) {
            return Stream.empty();
        }
        return files(Path.of(dir)).stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> read(f)));
    }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    /** The reader for a file's kind: xl.conf(5), xlcpupool.cfg(5), or else a domain's xl.cfg(5). */
    static Object read(Path f) {
        String name = f.getFileName().toString();
        try {
            if (name.equals("xl.conf") || name.endsWith(".conf")) {
                return XlConf.read(f);
            }
            if (name.contains("cpupool")) {
                return CpupoolConfig.read(f, List.of());
            }
            return DomainConfigs.read(f, List.of());
        } catch (ConfigException e) {
            return fail(e.getMessage());
        }
    }

    private static void checkCommonGuest(DomainConfig c, String diskTarget) {
        assertEquals(1, c.vifs().size());
        VifSpec vif = c.vifs().get(0);
        assertEquals("", vif.spec());
        assertEquals("xenbr0", vif.bridge());
        assertEquals(1, c.disks().size());
        DiskSpec disk = c.disks().get(0);
        assertEquals(diskTarget, disk.target());
        assertEquals("raw", disk.format());
        assertEquals("xvda", disk.vdev());
        assertTrue(disk.readwrite());
        assertFalse(disk.cdrom());
    }

    private static void checkPvLinux(Object parsed) {
        DomainConfig c = (DomainConfig) parsed;
        assertEquals("example.pvlinux", c.name());
        assertEquals(DomainType.PV, c.type());
        assertEquals("/boot/vmlinuz", c.kernel());
        assertEquals("root=/dev/xvda1", c.extra());
        assertEquals("root=/dev/xvda1", c.commandLine());
        assertEquals(128, c.memoryMiB());
        assertEquals(128, c.maxmemMiB());
        assertEquals(2, c.vcpus());
        assertEquals(2, c.maxvcpus());
        checkCommonGuest(c, "/dev/vg/guest-volume");
        assertTrue(c.unknown().isEmpty());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    private static void checkHvm(Object parsed) {
        DomainConfig c = (DomainConfig) parsed;
        assertEquals("example.hvm", c.name());
        assertEquals(DomainType.HVM, c.type());
        assertEquals(128, c.memoryMiB());
        assertEquals(2, c.vcpus());
        checkCommonGuest(c, "/dev/vg/guest-volume");
        assertEquals(List.of("sdl"), List.copyOf(c.unknown().keySet()));
        assertEquals("1", Values.text(c.unknown().get("sdl")));
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).message().contains("sdl is an xl.cfg key that is not used by Xenon"));
    }

    private static void checkPvhLinux(Object parsed) {
        DomainConfig c = (DomainConfig) parsed;
        assertEquals("example.pvhlinux", c.name());
        assertEquals(DomainType.PVH, c.type());
        assertEquals("/boot/vmlinuz", c.kernel());
        assertEquals("root=/dev/xvda1", c.extra());
        assertEquals(512, c.memoryMiB());
        assertEquals(4, c.vcpus());
        checkCommonGuest(c, "/dev/zvol/tank/guest-volume");
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    private static void checkXlConf(Object parsed) {
        XlConf c = (XlConf) parsed;
        assertTrue(c.file().entries().isEmpty(), "every setting in the example is commented out");
        assertEquals(XlConf.defaults().autoballoon(), c.autoballoon());
        assertEquals("xenbr0", c.vifDefaultBridge());
        assertTrue(c.warnings().isEmpty());
    }

    private static void checkCpupool(Object parsed) {
        CpupoolConfig c = (CpupoolConfig) parsed;
        assertEquals("Example-Cpupool", c.name());
        assertEquals("credit", c.sched());
        assertEquals("2,3", c.cpus());
        assertTrue(c.warnings().isEmpty());
    }
}
