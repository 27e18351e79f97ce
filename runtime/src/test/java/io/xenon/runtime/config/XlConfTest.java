package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XlConfTest {

    private static XlConf read(String text) throws ConfigException {
        return XlConf.read(text, "xl.conf");
    }

    private static List<String> warnings(XlConf c) {
        return c.warnings().stream().map(ConfigWarning::toString).toList();
    }

    @Test
    void emptyFileGivesXlDefaults() throws ConfigException {
        XlConf c = read("# nothing\n");
        assertEquals(XlConf.Autoballoon.AUTO, c.autoballoon());
        assertTrue(c.runHotplugScripts());
        assertEquals("/var/lock/xl", c.lockfile());
        assertNull(c.vifDefaultScript());
        assertEquals("xenbr0", c.vifDefaultBridge());
        assertEquals("0", c.vifDefaultBackend());
        assertNull(c.vifDefaultGatewaydev());
        assertEquals("xvda", c.blkdevStart());
        assertTrue(c.claimMode());
        assertEquals(XlConf.OutputFormat.JSON, c.outputFormat());
        assertEquals(XlConf.DomidPolicy.XEN, c.domidPolicy());
        assertNull(c.maxGrantFrames());
        assertNull(c.vmCpumask());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void readsEverySetting() throws ConfigException {
        XlConf c = read("autoballoon = 'off'\nrun_hotplug_scripts = 0\nlockfile = '/run/xl.lock'\n"
                + "vif.default.script = 'vif-nat'\nvif.default.bridge = 'br1'\nvif.default.backend = 'netdom'\n"
                + "vif.default.gatewaydev = 'eth0'\nblkdev_start = 'xvdz'\nclaim_mode = 0\noutput_format = 'sxp'\n"
                + "domid_policy = 'random'\nmax_grant_frames = 128\nmax_maptrack_frames = 1024\n"
                + "max_grant_version = 1\nvm.cpumask = '0-7'\nvm.pv.cpumask = '0-3'\nvm.hvm.cpumask = '3-7'\n"
                + "remus.default.netbufscript = '/x'\n");
        assertEquals(XlConf.Autoballoon.OFF, c.autoballoon());
        assertFalse(c.runHotplugScripts());
        assertEquals("/run/xl.lock", c.lockfile());
        assertEquals("vif-nat", c.vifDefaultScript());
        assertEquals("br1", c.vifDefaultBridge());
        assertEquals("netdom", c.vifDefaultBackend());
        assertEquals("eth0", c.vifDefaultGatewaydev());
        assertEquals("xvdz", c.blkdevStart());
        assertFalse(c.claimMode());
        assertEquals(XlConf.OutputFormat.SXP, c.outputFormat());
        assertEquals(XlConf.DomidPolicy.RANDOM, c.domidPolicy());
        assertEquals(128, c.maxGrantFrames());
        assertEquals(1024, c.maxMaptrackFrames());
        assertEquals(1, c.maxGrantVersion());
        assertEquals("0-7", c.vmCpumask());
        assertEquals("0-3", c.vmPvCpumask());
        assertEquals("3-7", c.vmHvmCpumask());
        assertEquals("/x", Values.text(c.file().get("remus.default.netbufscript")));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @ParameterizedTest
    @CsvSource({"'\"on\"', ON", "1, ON", "'\"1\"', ON", "'\"off\"', OFF", "0, OFF", "'\"auto\"', AUTO"})
    void readsAutoballoonAsXlDoes(String value, XlConf.Autoballoon expected) throws ConfigException {
        assertEquals(expected, read("autoballoon = " + value + "\n").autoballoon());
    }

    @Test
    void warnsAndKeepsDefaultsForValuesXlWouldNotUse() throws ConfigException {
        XlConf c = read("autoballoon = 'maybe'\noutput_format = 'xml'\nclaim_mode = 'yes'\nvm.cpumask = 'x'\n"
                + "lockfile = ['a']\nfrob = 1\n");
        assertEquals(XlConf.Autoballoon.AUTO, c.autoballoon());
        assertEquals(XlConf.OutputFormat.JSON, c.outputFormat());
        assertTrue(c.claimMode());
        assertNull(c.vmCpumask());
        assertEquals("/var/lock/xl", c.lockfile());
        assertEquals(List.of(
                "xl.conf:1:15: warning: autoballoon: expected \"on\", \"off\" or \"auto\" but found \"maybe\"; using \"auto\"",
                "xl.conf:2:17: warning: output_format: expected \"json\" or \"sxp\" but found \"xml\"; using json",
                "xl.conf:6:1: warning: frob: not an xl.conf setting; ignored",
                "xl.conf:5:12: warning: lockfile: expected a single value (a \"string\") but found a [list]; ignored",
                "xl.conf:3:14: warning: claim_mode: expected a number (decimal, 0-prefixed octal or 0x hex) but found"
                        + " \"yes\"; ignored",
                "xl.conf:4:14: warning: vm.cpumask: expected a CPULIST such as \"0-7\" or \"all,^1\" but found \"x\";"
                        + " ignored"),
                warnings(c));
    }

    @Test
    void acceptsDeprecatedSpellingsWithAWarning() throws ConfigException {
        XlConf c = read("vifscript = 'old'\ndefaultbridge = 'br7'\n");
        assertEquals("old", c.vifDefaultScript());
        assertEquals("br7", c.vifDefaultBridge());
        assertEquals(List.of("xl.conf:1:13: warning: vifscript: deprecated, please switch to vif.default.script",
                "xl.conf:2:17: warning: defaultbridge: deprecated, please switch to vif.default.bridge"), warnings(c));
        assertEquals("new", read("vifscript = 'old'\nvif.default.script = 'new'\n").vifDefaultScript());
    }

    @Test
    void refusesAFileThatDoesNotParse() {
        assertEquals("xl.conf:1:13: expected a value (a \"string\", a number or a [list]) but found the word on"
                + " (a string needs quotes: \"on\")", assertThrows(ConfigException.class,
                        () -> read("autoballoon=on\n")).getMessage());
    }
}
