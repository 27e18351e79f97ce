package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiskSpecTest {

    private static final Position AT = new Position("x.cfg", 4, 10);

    private static DiskSpec parse(String spec) throws ConfigException {
        return DiskSpec.parse(spec, AT);
    }

    private static String error(String spec) {
        return assertThrows(ConfigException.class, () -> parse(spec)).getMessage();
    }

    static Stream<Arguments> xenCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = DiskSpecTest.class.getResourceAsStream("/xlcfg/check-xl-disk-parse.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    String[] f = line.split("\t", -1);
                    cases.add(Arguments.of(String.join(" | ", Arrays.asList(f).subList(10, f.length)), f));
                }
            }
        }
        return cases.stream();
    }

    private static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xenCases")
    void parsesXensOwnDiskCases(String name, String[] f) {
        List<String> parts = Arrays.asList(f).subList(10, f.length);
        if (f[0].equals("error")) {
            assertThrows(ConfigException.class, () -> DiskSpec.parse(parts, AT, new ArrayList<>()));
            return;
        }
        DiskSpec d = assertDoesNotThrow(parts);
        assertEquals(f[1], orDash(d.target()), "target");
        assertEquals(f[2], d.vdev(), "vdev");
        assertEquals(f[3], d.format(), "format");
        assertEquals(f[4], d.readwrite() ? "rw" : "ro", "access");
        assertEquals(f[5], d.cdrom() ? "cdrom" : "-", "cdrom");
        assertEquals(f[6], orDash(d.backendType()), "backendtype");
        assertEquals(f[7], orDash(d.script()), "script");
        assertEquals(f[8], d.discard() == null ? "-" : d.discard() ? "discard" : "no-discard", "discard");
        boolean untrusted = f[9].equals("untrusted");
        assertEquals(!untrusted, d.trusted(), "trusted");
    }

    private static DiskSpec assertDoesNotThrow(List<String> parts) {
        try {
            return DiskSpec.parse(parts, AT, new ArrayList<>());
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void fillsDefaults() throws ConfigException {
        DiskSpec d = parse("/dev/vg/guest-volume,raw,xvda,rw");
        assertEquals("0", d.backend());
        assertEquals("xen", d.specification());
        assertTrue(d.trusted());
        assertNull(d.discard());
        assertNull(d.sizeBytes());
        assertFalse(d.directIoSafe());
        assertEquals("/dev/vg/guest-volume,raw,xvda,rw", d.spec());
    }

    @Test
    void readsNamedParametersAndFlags() throws ConfigException {
        DiskSpec d = parse("vdev=xvdb, backend=driverdom, backendtype=qdisk, specification=virtio,"
                + " direct-io-safe, script=block-dummy, format=qcow2, target=/images/a.qcow2");
        assertEquals("driverdom", d.backend());
        assertEquals("qdisk", d.backendType());
        assertEquals("virtio", d.specification());
        assertTrue(d.directIoSafe());
        assertEquals("block-dummy", d.script());
        assertEquals("qcow2", d.format());
        assertEquals("/images/a.qcow2", d.target());
    }

    @Test
    void targetTakesTheRestIncludingCommas() throws ConfigException {
        DiskSpec d = parse("vdev=xvda, target=/images/a,b:c,");
        assertEquals("/images/a,b:c", d.target());
    }

    @Test
    void keepsRelativeTargetAsWrittenAndExpandsItOnlyForPhy() throws ConfigException {
        DiskSpec d = parse("phy:vg/guest,xvda,w");
        assertEquals("vg/guest", d.target());
        assertEquals("/dev/vg/guest", d.blockDevicePath());
        assertEquals("/dev/sda1", parse("/dev/sda1,,xvda").blockDevicePath());
    }

    @Test
    void ignoresDeprecatedPrefixes() throws ConfigException {
        DiskSpec d = parse("tap:aio:/images/a.img,xvda,w");
        assertEquals("/images/a.img", d.target());
        assertEquals("raw", d.format());
        assertEquals("qcow2", parse("qcow2:/images/a.img,xvda,w").format());
        assertEquals("block-nbd", parse("nbd:host:1234,xvda,w").script());
    }

    @Test
    void colonInPositionalTargetIsNotAPrefix() throws ConfigException {
        assertEquals("a:b", parse("a:b,,xvda").target());
    }

    @Test
    void aCdromIsReadOnlyEvenWhenAskedForReadWrite() throws ConfigException {
        assertFalse(parse("/root/image.iso,raw,hdc,rw,cdrom").readwrite());
    }

    @Test
    void sameEnumeratedValueMayBeRepeated() throws ConfigException {
        assertEquals("raw", parse("format=raw,format=raw,vdev=x,target=/a").format());
    }

    @Test
    void readsXenonSizeExtension() throws ConfigException {
        assertEquals(1L << 30, parse("vdev=xvda,size=1G,target=/images/new.img").sizeBytes());
        assertEquals(512L << 20, parse("size=512M,vdev=xvda,target=/a").sizeBytes());
        assertEquals(3L << 40, parse("size=3T,vdev=xvda,target=/a").sizeBytes());
        assertEquals(4096L, parse("size=4096,vdev=xvda,target=/a").sizeBytes());
        assertEquals(2048L, parse("size=2k,vdev=xvda,target=/a").sizeBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=1X", "size=", "size=-1G", "size=9999999999T"})
    void refusesBadSizes(String size) {
        assertTrue(error(size + ",vdev=xvda,target=/a").contains("expected size=N with an optional K, M, G or T"));
    }

    @Test
    void reportsRespecifiedParameter() {
        assertEquals("x.cfg:4:10: disk \"vdev=xvda,vdev=xvdb,target=/a\": vdev specified twice, as \"xvda\" and"
                + " \"xvdb\": expected each parameter at most once", error("vdev=xvda,vdev=xvdb,target=/a"));
        assertEquals("x.cfg:4:10: disk \"format=raw,format=qcow,vdev=x,target=/a\": format specified twice, as"
                + " \"raw\" and \"qcow\": expected each parameter at most once",
                error("format=raw,format=qcow,vdev=x,target=/a"));
    }

    @Test
    void explainsTargetThatIsNotLast() {
        assertEquals("x.cfg:4:10: disk \"target=/a,vdev=xvda\": expected a vdev (such as xvda, hda, sda or d0p1)"
                + " but found none (target= takes the rest of the spec, commas included, so it must come last)",
                error("target=/a,vdev=xvda"));
    }

    @Test
    void reportsOtherMistakes() {
        assertEquals("x.cfg:4:10: disk \"/a,raw,xvda,rw,foo\": expected at most four positional parameters"
                + " (target, format, vdev, access) but found \"foo\" as a fifth", error("/a,raw,xvda,rw,foo"));
        assertEquals("x.cfg:4:10: disk \"foo=bar,vdev=x,target=/a\": expected a known parameter but found"
                + " \"foo=b\"", error("foo=bar,vdev=x,target=/a"));
        assertEquals("x.cfg:4:10: disk \"/a,RAW,xvda\": expected format raw, qcow, qcow2, vhd, empty, qed but"
                + " found \"RAW\"", error("/a,RAW,xvda"));
        assertEquals("x.cfg:4:10: disk \"/a,raw,xvda,x\": expected access ro, r, rw or w but found \"x\"",
                error("/a,raw,xvda,x"));
        assertEquals("x.cfg:4:10: disk \"xyz:/a,xvda\": expected a known prefix (raw: qcow: qcow2: vhd: iscsi:"
                + " nbd: enbd: drbd: tapdisk: tap: tap2: aio: ioemu: file: phy:) but found \"xyz:\"",
                error("xyz:/a,xvda"));
        assertEquals("x.cfg:4:10: disk \"/a,,hdc:floppy\": expected cdrom or disk after the ':' of"
                + " \"hdc:floppy\" but found \"floppy\"", error("/a,,hdc:floppy"));
        assertEquals("x.cfg:4:10: disk \"vdev=xvda\": expected a target (a path) but found none; only a cdrom"
                + " may have no target", error("vdev=xvda"));
        assertEquals("x.cfg:4:10: disk \"/a,,,\": expected a vdev (such as xvda, hda, sda or d0p1) but found none",
                error("/a,,,"));
        assertEquals("x.cfg:4:10: disk \"/a,raw,=x\": expected key=value, a flag or a positional parameter but"
                + " found \"=x\"", error("/a,raw,=x"));
    }

    @Test
    void warnsAboutXlParametersXenonIgnores() throws ConfigException {
        List<ConfigWarning> warnings = new ArrayList<>();
        DiskSpec.parse(List.of("colo,colo-host=h,colo-port=9000,vdev=xvda,target=/a"), AT, warnings);
        assertEquals(3, warnings.size());
        assertEquals("disk \"colo,colo-host=h,colo-port=9000,vdev=xvda,target=/a\": colo is an xl disk parameter"
                + " that Xenon does not use; ignored", warnings.get(0).message());
    }
}
