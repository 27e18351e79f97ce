package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VifSpecTest {

    private static final Position AT = new Position("x.cfg", 7, 8);

    private final List<ConfigWarning> warnings = new ArrayList<>();

    private VifSpec parse(String spec) throws ConfigException {
        return VifSpec.parse(spec, AT, XlConf.defaults(), warnings);
    }

    private String error(String spec) {
        return assertThrows(ConfigException.class, () -> parse(spec)).getMessage();
    }

    static Stream<Arguments> xenCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = VifSpecTest.class.getResourceAsStream("/xlcfg/check-xl-vif-parse.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    String[] f = line.split("\t", -1);
                    cases.add(Arguments.of(f[4], f[0], f[1], f[2], f[3]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xenCases")
    void parsesXensOwnVifCases(String spec, String result, String bytes, String micros, String trust)
            throws ConfigException {
        if (result.equals("error")) {
            assertThrows(ConfigException.class, () -> parse(spec));
            return;
        }
        VifSpec v = parse(spec);
        assertEquals(result.equals("warning"), !warnings.isEmpty(), warnings.toString());
        if (!bytes.equals("-")) {
            assertEquals(new VifSpec.RateLimit(Long.parseLong(bytes), Long.parseLong(micros)), v.rate());
        }
        assertEquals(trust.equals("-") ? null : trust.equals("trusted"), v.trusted());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "010MB/s, 400000, 50000",
        "10MB/s@20, 200000000, 20000000",
        "1B/s, 0, 50000",
        "4294967295B/s@4294967295us, 18446744065119, 4294967295",
        "10MB/s@20m, 200000, 20000",
        "10MB/s@20u, 200, 20",
        "019MB/s, 0, 50000",
        "1MB/s@20ms, 20000, 20000",
        "10MB/s@020ms, 160000, 16000",
        "5b/s@1, 0, 1000000"})
    void computesRatesExactlyAsLibxlu(String rate, long bytes, long micros) throws ConfigException {
        assertEquals(new VifSpec.RateLimit(bytes, micros), VifSpec.RateLimit.parse(rate, AT));
    }

    @Test
    void emptySpecIsAVifWithDefaults() throws ConfigException {
        VifSpec v = parse("");
        assertNull(v.mac());
        assertEquals("xenbr0", v.bridge());
        assertEquals("0", v.backend());
        assertEquals(1500, v.mtu());
        assertNull(v.script());
        assertNull(v.rate());
        assertNull(v.devid());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void readsEveryKey() throws ConfigException {
        VifSpec v = parse("mac=00:16:3E:74:3d:76, model=e1000,bridge=xenbr1,ip=10.0.0.2,type=ioemu,"
                + "vifname=web0,script=vif-route,backend=netdom,gatewaydev=eth1,devid=3,mtu=9000,vlan=10p/20,"
                + "rate=10MB/s@20ms,untrusted");
        assertEquals("00:16:3e:74:3d:76", v.mac());
        assertEquals("e1000", v.model());
        assertEquals("xenbr1", v.bridge());
        assertEquals("10.0.0.2", v.ip());
        assertEquals("ioemu", v.type());
        assertEquals("web0", v.vifname());
        assertEquals("vif-route", v.script());
        assertEquals("netdom", v.backend());
        assertEquals("eth1", v.gatewaydev());
        assertEquals(3, v.devid());
        assertEquals(9000, v.mtu());
        assertEquals("10p/20", v.vlan());
        assertEquals(new VifSpec.RateLimit(200000, 20000), v.rate());
        assertEquals(Boolean.FALSE, v.trusted());
    }

    @Test
    void takesDefaultsFromXlConf() throws ConfigException {
        XlConf host = XlConf.read("vif.default.bridge = 'br9'\nvif.default.script = 'vif-nat'\n"
                + "vif.default.backend = '2'\nvif.default.gatewaydev = 'eth2'\n", "xl.conf");
        VifSpec v = VifSpec.parse("mac=0:16:3e:1:2:3", AT, host, warnings);
        assertEquals("br9", v.bridge());
        assertEquals("vif-nat", v.script());
        assertEquals("2", v.backend());
        assertEquals("eth2", v.gatewaydev());
        assertEquals("00:16:3e:01:02:03", v.mac());
    }

    @Test
    void warnsAboutUnknownDeprecatedAndUnusedKeys() throws ConfigException {
        VifSpec v = parse("netdev=eth0,accel=x,foo=1,forwarddev=eth3,bridge=br0");
        assertEquals("eth0", v.gatewaydev());
        assertEquals("br0", v.bridge());
        assertEquals(List.of(
                "vif \"netdev=eth0,accel=x,foo=1,forwarddev=eth3,bridge=br0\": netdev is deprecated, please use"
                        + " gatewaydev instead",
                "vif \"netdev=eth0,accel=x,foo=1,forwarddev=eth3,bridge=br0\": the accel parameter for vifs is not"
                        + " supported; ignored, as xl does",
                "vif \"netdev=eth0,accel=x,foo=1,forwarddev=eth3,bridge=br0\": \"foo=1\" is not a vif parameter;"
                        + " ignored, as xl does",
                "vif \"netdev=eth0,accel=x,foo=1,forwarddev=eth3,bridge=br0\": forwarddev is an xl vif parameter"
                        + " that Xenon does not use; ignored"),
                warnings.stream().map(ConfigWarning::message).toList());
    }

    @Test
    void lastValueOfARepeatedKeyWins() throws ConfigException {
        assertEquals("b", parse("bridge=a,,bridge=b").bridge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:16:3e:74:3d", "00:16:3e:74:3d:76:01", "00:16:3e:74:3d:7g", "001:16:3e:74:3d:76",
        "00163e743d76", ""})
    void refusesBadMac(String mac) {
        assertTrue(error("mac=" + mac).contains("expected mac=XX:XX:XX:XX:XX:XX (six hex bytes separated by colons)"));
    }

    @Test
    void reportsBadValues() {
        assertEquals("x.cfg:7:8: vif \"type=pv\": expected type=vif or type=ioemu but found \"pv\"", error("type=pv"));
        assertEquals("x.cfg:7:8: vif \"mtu=1500x\": expected mtu= and a decimal number from 68 to 65535 but found"
                + " \"1500x\"", error("mtu=1500x"));
        assertEquals("x.cfg:7:8: vif \"rate=10mb/s\": rate \"10mb/s\": invalid rate: expected RATE/s or"
                + " RATE/s@INTERVAL, RATE being digits, an optional K, M or G, then B (bytes) or b (bits), such as"
                + " 10MB/s@20ms", error("rate=10mb/s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10p", "10p/20", "10p/100+10x4", "1p/10-15/20-25u", "4094", "5u", "10-12u/7p"})
    void acceptsVlansTheHotplugScriptAccepts(String vlan) throws ConfigException {
        assertEquals(vlan, parse("vlan=" + vlan).vlan());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|expected VLAN ids from 1 to 4094 but found 0",
        "4095|expected VLAN ids from 1 to 4094 but found 4095 or more",
        "10/20|expected one VLAN marked as the PVID with p (such as 10p/20) when there are several",
        "10p/20p|expected one PVID but found two: 10p and 20p",
        "10p/10|expected each VLAN id once but found 10 twice",
        "20-10|expected a range N-M with M at least N but found \"20-10\"",
        "10p/4000+100x2|expected VLAN ids from 1 to 4094 but found 4095 or more",
        "10x|expected terms like 10, 10p, 10u, 10-20, 10-20u or 100+10x4, separated by /, but found \"10x\"",
        "10p/|expected terms like 10, 10p, 10u, 10-20, 10-20u or 100+10x4, separated by /, but found \"\""})
    void refusesVlansTheHotplugScriptRefuses(String vlan, String problem) {
        assertEquals("x.cfg:7:8: vif \"vlan=" + vlan + "\": vlan \"" + vlan + "\": " + problem,
                error("vlan=" + vlan));
    }

    @Test
    void stopsHugeVlanStridesAtTheFirstBadId() {
        assertTrue(error("vlan=1p/2+1x99999999999999").endsWith("expected VLAN ids from 1 to 4094 but found 4095 or more"));
        assertTrue(error("vlan=1p/2+0x99999999999999").endsWith("expected each VLAN id once but found 2 twice"));
    }
}
