package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.xenon.network.pcap.PcapWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames of every kind the codecs encode, captured with {@link PcapWriter} and read back by
 * Debian's tshark with IPv4, UDP and TCP checksum validation on: tshark must find each frame's
 * protocols and report nothing malformed and no bad checksum.
 */
@Tag("interop")
class CodecTsharkInteropIT {

    /** Each sample's protocol stack as tshark's {@code frame.protocols} spells it. */
    static final Map<String, String> PROTOCOLS = Map.ofEntries(
            Map.entry("arp request", "eth:ethertype:arp"),
            Map.entry("arp reply", "eth:ethertype:arp"),
            Map.entry("icmp echo request", "eth:ethertype:ip:icmp:data"),
            Map.entry("icmp echo reply on vlan 10", "eth:ethertype:vlan:ethertype:ip:icmp:data"),
            Map.entry("udp", "eth:ethertype:ip:udp:echo"),
            Map.entry("tcp syn", "eth:ethertype:ip:tcp"),
            Map.entry("tcp data", "eth:ethertype:ip:tcp"),
            Map.entry("dhcp discover", "eth:ethertype:ip:udp:dhcp"),
            Map.entry("dhcp offer", "eth:ethertype:ip:udp:dhcp"),
            Map.entry("dhcp request", "eth:ethertype:ip:udp:dhcp"),
            Map.entry("dhcp ack", "eth:ethertype:ip:udp:dhcp"),
            Map.entry("dhcp nak", "eth:ethertype:ip:udp:dhcp"),
            Map.entry("ipv4 with options", "eth:ethertype:ip:udp:mdns"));

    static final String[] FIELDS = {"frame.protocols", "ip.checksum.status", "udp.checksum.status",
        "tcp.checksum.status", "icmp.checksum.status", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message", "dhcp.option.dhcp"};

    /** The DHCP message type (option 53) tshark must read from each DHCP sample. */
    static final Map<String, String> DHCP_TYPES = Map.of("dhcp discover", "1", "dhcp offer", "2", "dhcp request", "3",
            "dhcp ack", "5", "dhcp nak", "6");

    /** Wireshark's {@code PI_WARN}: expert items at or above it are problems. */
    static final long PI_WARN = 0x00600000L;

    @BeforeAll
    static void needsTshark() {
        if (!onPath("tshark")) {
            fail("tshark is not installed: install it: apt-get install tshark");
        }
    }

    @Test
    void tsharkDecodesEveryFrameKindWithGoodChecksumsAndNothingMalformed(@TempDir Path dir) throws Exception {
        Map<String, byte[]> frames = Samples.frames();
        Path file = dir.resolve("codecs.pcap");
        try (PcapWriter w = PcapWriter.create(file)) {
            for (byte[] f : frames.values()) {
                w.append(f);
            }
        }
        List<String[]> rows = tshark(file);
        assertEquals(frames.size(), rows.size(), "one line per frame");
        int i = 0;
        for (String name : frames.keySet()) {
            String[] row = rows.get(i++);
            String expected = PROTOCOLS.get(name);
            assertTrue(row[0].equals(expected) || row[0].startsWith(expected + ":"),
                    name + ": tshark saw " + row[0] + ", expected " + expected);
            for (int c = 1; c <= 4; c++) {
                for (String status : row[c].split(",")) {
                    assertTrue(status.isEmpty() || status.equals("1"),
                            name + ": " + FIELDS[c] + " is " + row[c] + " (1 is good) " + String.join(" | ", row));
                }
            }
            assertEquals("", row[5], name + ": malformed " + String.join(" | ", row));
            for (String severity : row[6].split(",")) {
                assertTrue(severity.isEmpty() || Long.decode(severity) < PI_WARN,
                        name + ": expert warning or error " + String.join(" | ", row));
            }
            assertEquals(DHCP_TYPES.getOrDefault(name, ""), row[8], name + ": DHCP message type");
        }
        String ipStatus = rows.get(2)[1];
        assertEquals("1", ipStatus, "tshark verified the IPv4 header checksum");
    }

    @Test
    void tsharkAgreesABadUdpChecksumIsBad(@TempDir Path dir) throws Exception {
        byte[] frame = Samples.frames().get("udp");
        frame[41] ^= 0x01;
        assertEquals(Malformed.BAD_CHECKSUM, Samples.decodeAll(frame, 0, frame.length).reasonOrNull());
        Path file = dir.resolve("bad.pcap");
        try (PcapWriter w = PcapWriter.create(file)) {
            w.append(frame);
        }
        String[] row = tshark(file).get(0);
        assertEquals("0", row[2], "udp.checksum.status (0 is bad): " + String.join(" | ", row));
        assertTrue(row[7].toLowerCase().contains("bad checksum"), String.join(" | ", row));
    }

    private static List<String[]> tshark(Path file) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Path out = file.resolveSibling(file.getFileName() + ".txt");
        Path err = file.resolveSibling(file.getFileName() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish in 60 s");
        }
        assertEquals(0, p.exitValue(), "tshark failed: " + Files.readString(err));
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t", -1);
            String[] row = new String[FIELDS.length];
            for (int c = 0; c < row.length; c++) {
                row[c] = c < cells.length ? cells[c] : "";
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
