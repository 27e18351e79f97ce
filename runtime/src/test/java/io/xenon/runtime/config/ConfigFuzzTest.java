package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNTRUSTED input, checked the blunt way: random and mutated sources, bounded in number, must
 * either read or fail with a {@link ConfigException}, never anything else. The seed is fixed so
 * a failure can be replayed; the failing input is printed.
 */
class ConfigFuzzTest {

    private static final long SEED = 0x58656e6f6eL;
    private static final String[] TOKENS = {"[", "]", "\"", "'", ",", "=", "+=", "#", "\n", "\\", ";", "0x", "@",
        ":", "*", "^", "-", "\r", "\0", "\u00e9", "\ud83d\ude00", "\ud800", " ", "\t", "name = 'x'\n",
        "disk = [", "vif = [", "pci = [", "target=", "vdev=", "rate=", "vlan=", "mac=", "size=", "cdrom,", "tap:",
        "memory = ", "cpus = ", "uuid = ", "type = ", "builder = ", "'a,b,c'", "999999999999999999999", "08",
        "[[[[", "]]]]", "\\x4", "\\777", "1p/2+1x99999", "36:00.0@1f", "1GB/s@1us", "0-2000000000"};

    private final Random random = new Random(SEED);

    private static List<String> corpus() throws IOException {
        List<String> corpus = new ArrayList<>();
        for (String name : List.of("xlexample.pvlinux", "xlexample.hvm", "xlexample.pvhlinux", "xl.conf", "cpupool")) {
            try (InputStream in = ConfigFuzzTest.class.getResourceAsStream("/conformance/xen-examples/" + name)) {
                corpus.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        corpus.add("name = 'web'\ntype = 'hvm'\nmemory = 0x200\nmaxmem = 1024\nvcpus = 2\nmaxvcpus = 4\n"
                + "cpus = ['0-3,^1', 'nodes:0']\ncpu_weight = 512\ncap = 50\non_crash = 'preserve'\n"
                + "uuid = '12345678-9abc-def0-1234-56789abcdef0'\nextra = 'a'\nextra += 'b'\n"
                + "disk = [ 'format=raw, vdev=hda, access=rw, target=/dev/vg/a', 'raw:/root/x.iso,hdc:cdrom,ro',"
                + " 'vdev=xvdb,size=1G,target=/img/b', ',hdc:cdrom,r' ]\n"
                + "vif = [ 'mac=00:16:3e:00:00:01,rate=10MB/s@20ms,vlan=10p/20,mtu=9000', 'bridge=br1,trusted' ]\n"
                + "pci_seize = 1\npci = [ '0000:36:00.*@1f,permissive=1', 'name=gpu,rdm_policy=strict' ]\n");
        return corpus;
    }

    /**
     * Reads a source with every reader; anything but success or ConfigException fails the test.
     * Returns whether it read as a domain config.
     */
    private static boolean readAll(String text) {
        try {
            boolean read = check(() -> DomainConfigs.read(text, "f.cfg", List.of("vcpus=2")));
            check(() -> XlConf.read(text, "xl.conf"));
            check(() -> CpupoolConfig.read(text, "pool.cfg", List.of()));
            return read;
        } catch (RuntimeException | Error e) {
            return fail("input " + Describe.quoted(text.length() > 2000 ? text.substring(0, 2000) : text)
                    + " threw " + e, e);
        }
    }

    /** Reads one spec with every device parser. */
    private static void readSpec(String spec) {
        Position at = new Position("f.cfg", 1, 1);
        try {
            check(() -> DiskSpec.parse(spec, at));
            check(() -> VifSpec.parse(spec, at, XlConf.defaults(), new ArrayList<>()));
            check(() -> PciSpec.parse(spec, at, PciSpec.Defaults.NONE));
            check(() -> VifSpec.RateLimit.parse(spec, at));
        } catch (RuntimeException | Error e) {
            fail("spec " + Describe.quoted(spec) + " threw " + e, e);
        }
    }

    private interface Read {
        Object run() throws ConfigException;
    }

    private static boolean check(Read read) {
        try {
            read.run();
            return true;
        } catch (ConfigException refused) {
            return false;
        }
    }

    private String randomBytes(int max) {
        byte[] b = new byte[random.nextInt(max)];
        random.nextBytes(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private String mutate(String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits; i++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(20)));
                    }
                }
                case 2 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, (char) random.nextInt(256));
                    }
                }
                default -> {
                    int end = Math.min(sb.length(), at + random.nextInt(40));
                    sb.insert(at, sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    @Test
    void randomBytesOnlyReadOrFailCleanly() {
        for (int i = 0; i < 1500; i++) {
            readAll(randomBytes(300));
        }
    }

    @Test
    void mutatedConfigsOnlyReadOrFailCleanly() throws IOException {
        List<String> corpus = corpus();
        int read = 0;
        for (int i = 0; i < 4000; i++) {
            read += readAll(mutate(corpus.get(random.nextInt(corpus.size())))) ? 1 : 0;
        }
        // The mutations must leave enough configs readable to reach past the syntax.
        assertTrue(read > 200, read + " of 4000 mutated configs read");
    }

    @Test
    void mutatedDeviceSpecsOnlyParseOrFailCleanly() {
        String[] seeds = {"/dev/vg/a,raw,xvda,rw", "format=raw, vdev=hda, access=rw, target=/dev/vg/a",
            "raw:/root/x.iso,hdc:cdrom,ro", "tap:aio:/img,xvda,w", "mac=00:16:3e:00:00:01,rate=10MB/s@20ms,vlan=10p/20",
            "36:00.0@1f,seize=1", "bdf=0000:36:00.*,name=x", "4294967295GB/s@5us", "010MB/s@020ms"};
        for (int i = 0; i < 4000; i++) {
            readSpec(mutate(seeds[random.nextInt(seeds.length)]));
        }
    }

    @Test
    void randomFileBytesOnlyReadOrFailCleanly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.cfg");
        for (int i = 0; i < 200; i++) {
            byte[] b = (i % 2 == 0 ? randomBytes(200) : mutate("name = 'caf\u00e9'\nkernel = '/k'\n"))
                    .getBytes(i % 2 == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            Files.write(f, b);
            try {
                check(() -> DomainConfigs.read(f, List.of()));
            } catch (RuntimeException | Error e) {
                fail("file bytes threw " + e, e);
            }
        }
    }
}
