package io.xenon.toolstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write acknowledged after a flush survives a {@code kill -9} of the daemon: builtin:blkstress
 * writes rounds of patterns through blkfront and blkback, flushing each round before reading it
 * back; the daemon is killed in the middle of the stream, and the image must hold, for every
 * page, the last round the guest reported flushed and verified, or a later one.
 */
class BlockDurabilityIT {

    static final int PAGES = 64;

    @TempDir
    Path dir;

    @Test
    void flushedWritesSurviveAKillDashNine() throws Exception {
        DaemonProcess daemon = DaemonProcess.start(dir, DaemonProcess.hostConf(""));
        Path log;
        try {
            Path cfg = dir.resolve("stress.cfg");
            Files.writeString(cfg, "name = \"stress\"\nkernel = \"builtin:blkstress\"\nmemory = 64\n"
                    + "extra = \"writes=" + PAGES + " rounds=1000\"\n"
                    + "disk = [ 'format=raw, vdev=xvda, size=4M, target=durable.img' ]\n");
            assertEquals(0, daemon.xl("create", "-q", cfg.toString()).exit());
            log = daemon.stateDir().resolve("console/stress.log");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lastVerifiedRound(log) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(lastVerifiedRound(log) >= 3, "blkstress did not get going:\n" + read(log));
            daemon.process().destroyForcibly();
            assertTrue(daemon.process().waitFor(30, TimeUnit.SECONDS));
        } finally {
            daemon.close();
        }
        int verified = lastVerifiedRound(log);
        Path image = daemon.stateDir().resolve("images/durable.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
            for (int page = 0; page < PAGES; page++) {
                f.seek((long) page * 4096);
                long first = Long.reverseBytes(f.readLong());
                int round = (int) ((first ^ pattern(0, page, 0)) >>> 48);
                assertTrue(round >= verified, "page " + page + " holds round " + round + " but round " + verified
                        + " was flushed and verified");
                f.seek((long) page * 4096);
                for (int off = 0; off < 4096; off += 8) {
                    assertEquals(pattern(round, page, off), Long.reverseBytes(f.readLong()),
                            "page " + page + " offset " + off + " is torn");
                }
            }
        }
    }

    /** blkstress's pattern: round, page and offset (see BlkStressKernel). */
    private static long pattern(int round, int page, int off) {
        return ((long) round << 48) ^ ((long) page << 20) ^ off ^ 0x5a5a_0000_0000L;
    }

    private static int lastVerifiedRound(Path log) {
        Matcher m = Pattern.compile("round (\\d+): \\d+ writes, 1 flush, \\d+ reads verified, 0 errors").matcher(read(log));
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
