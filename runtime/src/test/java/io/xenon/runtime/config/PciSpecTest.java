package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PciSpecTest {

    private static final Position AT = new Position("x.cfg", 9, 8);

    private static PciSpec parse(String spec) throws ConfigException {
        return PciSpec.parse(spec, AT, PciSpec.Defaults.NONE);
    }

    private static String error(String spec) {
        return assertThrows(ConfigException.class, () -> parse(spec)).getMessage();
    }

    @Test
    void readsPositionalBdfWithVslotAndOptions() throws ConfigException {
        PciSpec p = parse("36:00.0@1f,seize=1,permissive=1,msitranslate=0,power_mgmt=1,rdm_policy=relaxed");
        assertEquals(0, p.domain());
        assertEquals(0x36, p.bus());
        assertEquals(0, p.dev());
        assertEquals(0, p.func());
        assertEquals(0x1f, p.vslot());
        assertTrue(p.seize());
        assertTrue(p.permissive());
        assertFalse(p.msitranslate());
        assertTrue(p.powerMgmt());
        assertEquals("relaxed", p.rdmPolicy());
        assertEquals("0000:36:00.0", p.bdf());
    }

    @Test
    void readsNamedBdfAndVslotAsThePositionalForm() throws ConfigException {
        PciSpec named = parse("bdf=36:00.0,vslot=1f,seize=1");
        PciSpec positional = parse("36:00.0@1f,seize=1");
        assertEquals(positional.bdf(), named.bdf());
        assertEquals(positional.vslot(), named.vslot());
        assertEquals(positional.seize(), named.seize());
    }

    @Test
    void readsDomainAndAllFunctions() throws ConfigException {
        PciSpec p = parse("0001:0a:1f.*");
        assertEquals(1, p.domain());
        assertEquals(0x0a, p.bus());
        assertEquals(0x1f, p.dev());
        assertTrue(p.allFunctions());
        assertEquals("0001:0a:1f.*", p.bdf());
        assertNull(p.vslot());
    }

    @Test
    void readsDeviceGivenByName() throws ConfigException {
        PciSpec p = parse("name=gpu0,seize=1");
        assertEquals("gpu0", p.name());
        assertNull(p.bdf());
        assertFalse(p.allFunctions());
    }

    @Test
    void takesFlagsFromConfigWideDefaults() throws ConfigException {
        PciSpec p = PciSpec.parse("36:00.0,seize=0", AT, new PciSpec.Defaults(true, true, true, true));
        assertTrue(p.permissive());
        assertTrue(p.msitranslate());
        assertFalse(p.seize());
        assertTrue(p.powerMgmt());
    }

    @Test
    void acceptsTrailingComma() throws ConfigException {
        assertEquals("0000:36:00.0", parse("36:00.0,").bdf());
    }

    @ParameterizedTest
    @ValueSource(strings = {"36:20.0", "36:00.8", "1:2:3:4.0", "36:00.0junk", " 36:00.0", "0x36:00.0", "10000:00:00.0",
        "100:00.0", "36:00"})
    void refusesBadBdfs(String spec) {
        assertThrows(ConfigException.class, () -> parse(spec));
    }

    @Test
    void refusesVslotAbove1f() {
        // xl-pci-configuration(5)'s own example 36:00.0@20 is refused by xl too: a slot is at most 1f.
        assertEquals("x.cfg:9:8: pci \"36:00.0@20,seize=1\": expected a virtual slot in hex from 0 to 1f but"
                + " found \"20\"", error("36:00.0@20,seize=1"));
    }

    @Test
    void reportsMistakes() {
        assertEquals("x.cfg:9:8: pci \"36:00.0,foo=1\": expected a key bdf, vslot, permissive, msitranslate, seize,"
                + " power_mgmt, rdm_policy or name but found \"foo\"", error("36:00.0,foo=1"));
        assertEquals("x.cfg:9:8: pci \"36:00.0,seize\": expected a BDF ([DDDD:]BB:SS.F) or key=value but found"
                + " \"seize\"", error("36:00.0,seize"));
        assertEquals("x.cfg:9:8: pci \"36:00.0,permissive=yes\": expected permissive=0 or permissive=1 but found"
                + " \"yes\"", error("36:00.0,permissive=yes"));
        assertEquals("x.cfg:9:8: pci \"name=a,bdf=1:0.0\": expected exactly one of a BDF ([DDDD:]BB:SS.F) and"
                + " name= but found both", error("name=a,bdf=1:0.0"));
        assertEquals("x.cfg:9:8: pci \"seize=1\": expected exactly one of a BDF ([DDDD:]BB:SS.F) and name= but"
                + " found neither", error("seize=1"));
        assertEquals("x.cfg:9:8: pci \"36:00.0,rdm_policy=loose\": expected rdm_policy=strict or"
                + " rdm_policy=relaxed but found \"loose\"", error("36:00.0,rdm_policy=loose"));
    }
}
