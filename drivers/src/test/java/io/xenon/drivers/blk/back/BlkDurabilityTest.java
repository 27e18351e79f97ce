package io.xenon.drivers.blk.back;

import static io.xenon.abi.blkif.Blkif.BLKIF_OP_FLUSH_DISKCACHE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE_BARRIER;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_OKAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.DomId;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkDurabilityTest {

    static final long SIZE = 1 << 20;

    @TempDir
    Path dir;
    BackFixture f;
    ForceCountingChannel channel;
    BlkBackData back;

    @BeforeEach
    void setUp() throws Exception {
        f = new BackFixture();
        Path image = dir.resolve("disk.img");
        BlkImage.createSparse(image, SIZE);
        channel = new ForceCountingChannel(FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE));
        back = new BlkBackData(f.grants, DomId.DOM0, f.front(), BackFixture.XVDA, new BlkImage(channel, null, SIZE, true),
                new BlkBackFeatures(true, 256));
    }

    @AfterEach
    void tearDown() throws Exception {
        back.close();
    }

    @Test
    void aPlainWriteIsNotForced() {
        f.fill(10, 1);
        assertEquals(BLKIF_RSP_OKAY, back.process(f.rw(BLKIF_OP_WRITE, 1, 0, f.whole(10, true))).status());
        assertEquals(List.of("write"), channel.events);
    }

    @Test
    void aFlushWithoutDataForcesTheImageBeforeItsResponse() {
        f.fill(10, 1);
        back.process(f.rw(BLKIF_OP_WRITE, 1, 0, f.whole(10, true)));
        assertEquals(BLKIF_RSP_OKAY, back.process(f.rw(BLKIF_OP_FLUSH_DISKCACHE, 2, 0)).status());
        assertEquals(List.of("write", "force"), channel.events);
    }

    @Test
    void aBarrierForcesEarlierWritesThenItsOwnData() {
        f.fill(10, 1);
        back.process(f.rw(BLKIF_OP_WRITE, 1, 0, f.whole(10, true)));
        assertEquals(BLKIF_RSP_OKAY, back.process(f.rw(BLKIF_OP_WRITE_BARRIER, 2, 8, f.whole(11, true))).status());
        assertEquals(List.of("write", "force", "write", "force"), channel.events);
    }

    @Test
    void aFlushCarryingDataIsWrittenAndForcedLikeAFuaWrite() throws Exception {
        byte[] data = f.fill(12, 5);
        assertEquals(BLKIF_RSP_OKAY, back.process(f.rw(BLKIF_OP_FLUSH_DISKCACHE, 3, 16, f.whole(12, true))).status());
        assertEquals(List.of("force", "write", "force"), channel.events);
        back.close();
        try (BlkImage reopened = BlkImage.open(dir.resolve("disk.img"), false)) {
            assertEquals(SIZE / 512, reopened.sectors());
        }
        assertArrayEquals(data, Arrays.copyOfRange(Files.readAllBytes(dir.resolve("disk.img")), 16 * 512, 24 * 512));
    }
}
