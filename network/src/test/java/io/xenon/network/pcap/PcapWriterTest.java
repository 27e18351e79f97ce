package io.xenon.network.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

    static final Instant T = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

    @Test
    void writesTheClassicLittleEndianHeaderAndRecords(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.pcap");
        try (PcapWriter w = PcapWriter.create(file, CLOCK)) {
            w.append(new byte[] {1, 2, 3});
        }
        byte[] b = Files.readAllBytes(file);
        assertEquals("d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000"
                + "00f15365" + "40e20100" + "03000000" + "03000000" + "010203", HexFormat.of().formatHex(b));
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("b.pcap");
        try (PcapWriter w = PcapWriter.create(file, CLOCK)) {
            w.append(new byte[] {9, 8, 7, 6});
            w.append(T.plusMillis(1500), new byte[] {0, 1, 2, 3, 4, 5}, 2, 3);
        }
        List<PcapRecord> records = PcapReader.readAll(file);
        assertEquals(List.of(new PcapRecord(1_700_000_000_123_456L, 4, new byte[] {9, 8, 7, 6}),
                new PcapRecord(1_700_000_001_623_456L, 3, new byte[] {2, 3, 4})), records);
    }

    @Test
    void cutsFramesLongerThanTheSnapLengthAndKeepsTheirLength(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.pcap");
        byte[] jumbo = new byte[70_000];
        Arrays.fill(jumbo, (byte) 0x5a);
        try (PcapWriter w = PcapWriter.create(file, CLOCK)) {
            w.append(jumbo);
        }
        PcapRecord r = PcapReader.readAll(file).get(0);
        assertEquals(PcapWriter.SNAPLEN, r.data().length);
        assertEquals(70_000, r.originalLength());
    }

    @Test
    void keepsRecordsWholeUnderConcurrentAppends(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.pcap");
        int threads = 8;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (PcapWriter w = PcapWriter.create(file, CLOCK)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        byte[] frame = new byte[8 + (i % 100)];
                        ByteBuffer.wrap(frame).putInt(id).putInt(i);
                        w.append(frame);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<PcapRecord> records = PcapReader.readAll(file);
        assertEquals(threads * each, records.size());
        Set<Long> seen = new HashSet<>();
        for (PcapRecord r : records) {
            ByteBuffer b = ByteBuffer.wrap(r.data());
            int id = b.getInt();
            int i = b.getInt();
            assertEquals(8 + (i % 100), r.data().length);
            assertTrue(seen.add((long) id << 32 | i));
        }
    }

    @Test
    void refusesAppendsAfterClose(@TempDir Path dir) throws IOException {
        PcapWriter w = PcapWriter.create(dir.resolve("e.pcap"), CLOCK);
        w.close();
        w.close();
        assertThrows(IOException.class, () -> w.append(new byte[1]));
    }

    @Test
    void readerRefusesAFileThatIsNotACapture(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.pcap");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThrows(IOException.class, () -> PcapReader.readAll(file));
        Path cut = dir.resolve("g.pcap");
        try (PcapWriter w = PcapWriter.create(cut, CLOCK)) {
            w.append(new byte[] {1, 2, 3});
        }
        byte[] b = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(b, b.length - 1));
        assertThrows(IOException.class, () -> PcapReader.readAll(cut));
    }
}
