package io.xenon.drivers.blk.back;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.runtime.config.DiskSpec;
import io.xenon.runtime.config.Position;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkImageTest {

    static final Position AT = new Position("g.cfg", 3, 1);

    @TempDir
    Path dir;

    static DiskSpec spec(String text) throws Exception {
        return DiskSpec.parse(text, AT);
    }

    /** Blocks of 512 bytes the file occupies on disk, as stat(1) counts them. */
    static long allocatedBlocks(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor());
        return Long.parseLong(out);
    }

    @Test
    void anAbsentTargetIsCreatedSparseOfTheSpecsSize() throws Exception {
        Path img = dir.resolve("new.img");
        try (BlkImage image = BlkImage.open(spec("size=64M,vdev=xvda,format=raw,target=" + img))) {
            assertEquals(64L << 20, Files.size(img));
            assertEquals((64L << 20) / 512, image.sectors());
            assertTrue(image.readwrite());
        }
        assertTrue(allocatedBlocks(img) < 64, "a new image takes (almost) no blocks");
    }

    @Test
    void anExistingImageKeepsItsSizeAndData() throws Exception {
        Path img = dir.resolve("old.img");
        Files.write(img, new byte[4096 + 100]);
        Files.write(img, new byte[] {42}, StandardOpenOption.WRITE);
        try (BlkImage image = BlkImage.open(spec("size=1G,vdev=xvda,access=ro,target=" + img))) {
            assertEquals(8, image.sectors(), "a partial tail sector is not part of the disk");
            assertFalse(image.readwrite());
            ByteBuffer first = ByteBuffer.allocate(1);
            image.read(first, 0);
            assertEquals(42, first.get(0));
        }
        assertEquals(4196, Files.size(img));
    }

    @Test
    void whatCannotBeOpenedIsAClearError() throws Exception {
        Path missing = dir.resolve("missing.img");
        assertThrows(NoSuchFileException.class, () -> BlkImage.open(spec("vdev=xvda,target=" + missing)));
        assertThrows(NoSuchFileException.class, () -> BlkImage.open(spec("size=1M,vdev=xvda,access=ro,target=" + missing)));
        IOException qcow = assertThrows(IOException.class,
                () -> BlkImage.open(spec("format=qcow2,size=1M,vdev=xvda,target=" + missing)));
        assertTrue(qcow.getMessage().contains("qcow2"), qcow.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void aDiscardPunchesAHoleThatReadsAsZeros() throws Exception {
        Path img = dir.resolve("punch.img");
        BlkImage.createSparse(img, 1 << 20);
        byte[] data = new byte[256 << 10];
        Arrays.fill(data, (byte) 0x55);
        try (BlkImage image = BlkImage.open(img, true)) {
            image.write(ByteBuffer.wrap(data), 0);
            image.flush();
            long written = allocatedBlocks(img);
            assertTrue(written >= 512, "the data took blocks: " + written);
            image.discard(64 << 10, 128 << 10);
            image.flush();
            assertTrue(allocatedBlocks(img) <= written - 256, "the hole freed 128 KiB");
            assertEquals(1 << 20, Files.size(img));
            ByteBuffer back = ByteBuffer.allocate(data.length);
            image.read(back, 0);
            Arrays.fill(data, 64 << 10, 192 << 10, (byte) 0);
            assertArrayEquals(data, back.array());
        }
    }

    @Test
    void withoutAPathADiscardWritesZeros() throws Exception {
        Path img = dir.resolve("zero.img");
        Files.write(img, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.write(img, new byte[1 << 16], StandardOpenOption.APPEND);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            new BlkImage(ch, null, Files.size(img), true).discard(2, 5);
        }
        assertArrayEquals(new byte[] {1, 2, 0, 0, 0, 0, 0, 8}, Arrays.copyOf(Files.readAllBytes(img), 8));
    }

    @Test
    void aReadOnlyImageCannotBeWritten() throws Exception {
        Path img = dir.resolve("ro.img");
        BlkImage.createSparse(img, 4096);
        try (BlkImage image = BlkImage.open(img, false)) {
            assertThrows(java.nio.channels.NonWritableChannelException.class, () -> image.write(ByteBuffer.allocate(512), 0));
        }
    }
}
