package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainConfigsTest {

    private static final String MINIMAL = "name = 'g'\nkernel = '/boot/vmlinuz'\n";

    private static DomainConfig read(String text, String... overrides) throws ConfigException {
        return DomainConfigs.read(text, "g.cfg", List.of(overrides));
    }

    private static String error(String text, String... overrides) {
        return assertThrows(ConfigException.class, () -> read(text, overrides)).getMessage();
    }

    private static List<String> warnings(DomainConfig c) {
        return c.warnings().stream().map(ConfigWarning::toString).toList();
    }

    @Test
    void fillsXlDefaults() throws ConfigException {
        DomainConfig c = read(MINIMAL);
        assertEquals("g", c.name());
        assertEquals(DomainType.PV, c.type());
        assertEquals(32, c.memoryMiB());
        assertEquals(32, c.maxmemMiB());
        assertEquals(1, c.vcpus());
        assertEquals(1, c.maxvcpus());
        assertNull(c.cpus());
        assertNull(c.cpusSoft());
        assertEquals(256, c.cpuWeight());
        assertEquals(0, c.cap());
        assertEquals(Action.DESTROY, c.onPoweroff());
        assertEquals(Action.RESTART, c.onReboot());
        assertEquals(Action.DESTROY, c.onWatchdog());
        assertEquals(Action.DESTROY, c.onCrash());
        assertEquals(Action.SOFT_RESET, c.onSoftReset());
        assertEquals(64, c.maxGrantFrames());
        assertEquals(1023, c.maxEventChannels());
        assertNull(c.uuid());
        assertTrue(c.disks().isEmpty() && c.vifs().isEmpty() && c.pcis().isEmpty());
        assertTrue(c.unknown().isEmpty());
        assertTrue(c.warnings().isEmpty());
        assertEquals("g.cfg", c.source());
    }

    @Test
    void readsCoreKeys() throws ConfigException {
        DomainConfig c = read("name = 'web'\ntype = 'pvh'\nkernel = '/k'\nramdisk = '/r'\nmemory = 0x100\n"
                + "maxmem = 01000\nvcpus = 2\nmaxvcpus = 4\ncpus = '0-3,^1'\ncpus_soft = ['2', '3-8,^5']\n"
                + "cpu_weight = 512\ncap = 50\non_crash = 'coredump-restart'\non_reboot = 'rename-restart'\n"
                + "uuid = '12345678-9ABC-def0-1234-56789abcdef0'\nmax_grant_frames = 32\nmax_event_channels = 4095\n");
        assertEquals(DomainType.PVH, c.type());
        assertEquals(256, c.memoryMiB());
        assertEquals(512, c.maxmemMiB());
        assertEquals(2, c.vcpus());
        assertEquals(4, c.maxvcpus());
        assertEquals(new CpuAffinity(List.of("0-3,^1"), false), c.cpus());
        assertEquals(new CpuAffinity(List.of("2", "3-8,^5"), true), c.cpusSoft());
        assertEquals(512, c.cpuWeight());
        assertEquals(50, c.cap());
        assertEquals(Action.COREDUMP_RESTART, c.onCrash());
        assertEquals(Action.RENAME_RESTART, c.onReboot());
        assertEquals(UUID.fromString("12345678-9abc-def0-1234-56789abcdef0"), c.uuid());
        assertEquals(32, c.maxGrantFrames());
        assertEquals(4095, c.maxEventChannels());
        assertEquals("/r", c.ramdisk());
    }

    @Test
    void memoryDefaultsToMaxmemWhenOnlyMaxmemIsSet() throws ConfigException {
        DomainConfig c = read(MINIMAL + "maxmem = 512\n");
        assertEquals(512, c.memoryMiB());
        assertEquals(512, c.maxmemMiB());
    }

    @Test
    void zeroMaxvcpusMeansVcpus() throws ConfigException {
        assertEquals(3, read(MINIMAL + "vcpus = 3\nmaxvcpus = 0\n").maxvcpus());
    }

    @Test
    void readsQuotedNumbersAndBareNumbersAsStrings() throws ConfigException {
        DomainConfig c = read("name = 42\nkernel = '/k'\nmemory = \"256\"\n");
        assertEquals("42", c.name());
        assertEquals(256, c.memoryMiB());
    }

    @Test
    void refusesInconsistentSizes() {
        assertEquals("g.cfg:4:10: maxmem: expected at least memory (128 MiB) but found 64",
                error(MINIMAL + "memory = 128\nmaxmem = 64\n"));
        assertEquals("g.cfg:4:12: maxvcpus: expected at least vcpus (4) but found 2",
                error(MINIMAL + "vcpus = 4\nmaxvcpus = 2\n"));
    }

    @Test
    void refusesValuesOfTheWrongKind() {
        assertEquals("g.cfg:3:10: memory: expected a number (decimal, 0-prefixed octal or 0x hex) but found"
                + " \"lots\"", error(MINIMAL + "memory = 'lots'\n"));
        assertEquals("g.cfg:3:9: vcpus: expected a number (decimal, 0-prefixed octal or 0x hex) but found a"
                + " [list]", error(MINIMAL + "vcpus = [2]\n"));
        assertEquals("g.cfg:3:10: memory: expected a number (decimal, 0-prefixed octal or 0x hex) but found \"09\""
                + " (a leading 0 means octal)", error(MINIMAL + "memory = 09\n"));
        assertEquals("g.cfg:4:1: memory: expected '=' but found '+=', which cannot be used with numbers",
                error(MINIMAL + "memory = 1\nmemory += 2\n"));
        assertEquals("g.cfg:3:8: disk: expected a [list] but found the string \"/a,,xvda\"",
                error(MINIMAL + "disk = '/a,,xvda'\n"));
        assertEquals("g.cfg:3:15: disk: expected a \"string\" in the list but found a [list]",
                error(MINIMAL + "disk = [ 'x', ['y'] ]\n"));
        assertEquals("g.cfg:1:8: name: expected a single value (a \"string\") but found a [list]",
                error("name = ['a']\n"));
    }

    @Test
    void refusesNumbersOutOfRange() {
        assertEquals("g.cfg:3:14: cpu_weight: expected a number from 1 to 65535 but found 70000",
                error(MINIMAL + "cpu_weight = 70000\n"));
        assertEquals("g.cfg:3:7: cap: expected a number from 0 to 65535 but found -1", error(MINIMAL + "cap = '-1'\n"));
        assertEquals("g.cfg:3:9: vcpus: expected a number from 1 to 2147483647 but found 0",
                error(MINIMAL + "vcpus = 0\n"));
        assertEquals("g.cfg:3:10: memory: expected a number that fits in 64 bits but found"
                + " \"99999999999999999999\"", error(MINIMAL + "memory = 99999999999999999999\n"));
    }

    @Test
    void requiresAName() {
        assertEquals("g.cfg:1:1: expected name = \"NAME\": every domain must have a name", error("kernel = '/k'\n"));
        assertEquals("g.cfg:1:8: expected name = \"NAME\": every domain must have a name", error("name = ''\n"));
    }

    @Test
    void requiresAKernelOrBootloaderForPvGuests() throws ConfigException {
        assertEquals("g.cfg:1:1: expected kernel = \"PATH\" (or a bootloader) for a pv guest but found neither",
                error("name = 'g'\n"));
        DomainConfig c = read("name = 'g'\nbootloader = 'pygrub'\n");
        assertEquals(List.of("g.cfg:2:1: warning: bootloader is an xl.cfg key that is not used by Xenon; kept as"
                + " written"), warnings(c));
        assertEquals(DomainType.HVM, read("name = 'g'\ntype = 'hvm'\n").type());
    }

    @ParameterizedTest
    @CsvSource({"hvm, HVM", "pv, PV", "pvh, PVH", "h, HVM", "p, PV", "'', HVM"})
    void readsTypeAsXlDoesByPrefix(String type, DomainType expected) throws ConfigException {
        DomainConfig c = read(MINIMAL + "type = '" + type + "'\n");
        assertEquals(expected, c.type());
        assertEquals(type.equals(expected.cfgName()), c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void refusesUnknownType() {
        assertEquals("g.cfg:3:8: type: expected \"pv\", \"pvh\" or \"hvm\" but found \"xen\"",
                error(MINIMAL + "type = 'xen'\n"));
    }

    @Test
    void mapsDeprecatedBuilderWithAWarning() throws ConfigException {
        DomainConfig c = read("name = 'g'\nbuilder = 'hvm'\n");
        assertEquals(DomainType.HVM, c.type());
        assertEquals(List.of("g.cfg:2:1: warning: builder is deprecated since Xen 4.10; use type = \"hvm\""),
                warnings(c));
        assertEquals(DomainType.PV, read(MINIMAL + "builder = 'generic'\n").type());
        assertEquals("g.cfg:4:11: builder: expected the type that type = \"pv\" gives but found \"hvm\""
                + " (contradicting builder and type)", error(MINIMAL + "type = 'pv'\nbuilder = 'hvm'\n"));
    }

    @Test
    void refusesUnknownActionsCaseSensitively() {
        assertEquals("g.cfg:3:12: on_crash: expected one of destroy, restart, rename-restart, preserve,"
                + " coredump-destroy, coredump-restart, soft-reset but found \"Destroy\"",
                error(MINIMAL + "on_crash = 'Destroy'\n"));
    }

    @Test
    void refusesMalformedCpuLists() {
        assertEquals("g.cfg:3:14: cpus: expected a CPULIST such as \"all\", \"0-3,5,^1\" or \"nodes:0\" but found"
                + " \"0-x\"", error(MINIMAL + "cpus = ['1', '0-x']\n"));
    }

    @Test
    void refusesMalformedUuid() {
        assertEquals("g.cfg:3:8: uuid: expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (32 hex digits) but found"
                + " \"1-2-3-4-5\"", error(MINIMAL + "uuid = '1-2-3-4-5'\n"));
    }

    @Test
    void cmdlineWinsOverRootAndExtraWithAWarning() throws ConfigException {
        DomainConfig c = read(MINIMAL + "root = '/dev/xvda1'\nextra = 'quiet'\ncmdline = 'console=hvc0'\n");
        assertEquals("console=hvc0", c.commandLine());
        assertEquals(List.of("g.cfg:5:1: warning: ignoring root= and extra= in favour of cmdline="), warnings(c));
        assertEquals("root=/dev/xvda1 quiet", read(MINIMAL + "root = '/dev/xvda1'\nextra = 'quiet'\n").commandLine());
    }

    @Test
    void readsDeviceLists() throws ConfigException {
        DomainConfig c = read(MINIMAL + "disk = [ '/dev/vg/a,raw,xvda,rw', 'vdev=xvdb,size=1G,target=/img/b' ]\n"
                + "vif = [ '', 'mac=00:16:3e:00:00:01,bridge=br1' ]\npci_seize = 1\npci = [ '01:00.0', '02:00.1,seize=0' ]\n");
        assertEquals(2, c.disks().size());
        assertEquals(1L << 30, c.disks().get(1).sizeBytes());
        assertEquals(2, c.vifs().size());
        assertEquals("br1", c.vifs().get(1).bridge());
        assertTrue(c.pcis().get(0).seize());
        assertFalse(c.pcis().get(1).seize());
    }

    @Test
    void reportsDeviceErrorsAtTheEntry() {
        assertEquals("g.cfg:3:22: disk \"/b\": expected a vdev (such as xvda, hda, sda or d0p1) but found none",
                error(MINIMAL + "disk = [ '/a,,xvda', '/b' ]\n"));
    }

    @Test
    void keepsUninterpretedKeysInFileOrderWithWarnings() throws ConfigException {
        DomainConfig c = read(MINIMAL + "sdl = 1\nfrobnicate = 'yes'\nvnc = 1\nsdl = 0\n");
        assertEquals(List.of("sdl", "frobnicate", "vnc"), List.copyOf(c.unknown().keySet()));
        assertEquals("0", Values.text(c.unknown().get("sdl")));
        assertEquals(List.of(
                "g.cfg:6:1: warning: sdl is an xl.cfg key that is not used by Xenon; kept as written",
                "g.cfg:4:1: warning: unknown key frobnicate: xl.cfg has no such key; kept as written",
                "g.cfg:5:1: warning: vnc is an xl.cfg key that is not used by Xenon; kept as written"), warnings(c));
    }

    @Test
    void commandLineOverridesWin() throws ConfigException {
        DomainConfig c = read(MINIMAL + "memory = 128\n", "memory=512", "vcpus=2; name=\"h\"");
        assertEquals(512, c.memoryMiB());
        assertEquals(2, c.vcpus());
        assertEquals("h", c.name());
        assertEquals("<command line>:1:8: memory: expected a number (decimal, 0-prefixed octal or 0x hex) but"
                + " found \"x\"", error(MINIMAL, "memory='x'"));
    }

    @Test
    void takesGrantFramesDefaultFromXlConf() throws ConfigException {
        XlConf host = XlConf.read("max_grant_frames = 128\n", "xl.conf");
        assertEquals(128, DomainConfigs.read(MINIMAL, "g.cfg", List.of(), host).maxGrantFrames());
        assertEquals(16, DomainConfigs.read(MINIMAL + "max_grant_frames = 16\n", "g.cfg", List.of(), host)
                .maxGrantFrames());
    }

    @Test
    void readsFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.cfg");
        Files.writeString(f, MINIMAL);
        DomainConfig c = DomainConfigs.read(f, List.of("vcpus=2"));
        assertEquals(2, c.vcpus());
        assertEquals(f.toString(), c.source());
    }
}
