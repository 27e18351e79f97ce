package io.xenon.drivers.blk.back;

import io.xenon.abi.blkif.Blkif;
import io.xenon.runtime.config.DiskSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw disk image file behind one vbd: what Linux blkback reaches through a loop device and
 * qdisk through its raw driver. Its size, in 512-byte sectors, is what the back end publishes as
 * {@code sectors}; I/O is positional on one {@link FileChannel}; {@link #flush} is
 * {@code fsync} ({@code FileChannel.force(true)}).
 *
 * <p>Confined to the back end that owns it.
 */
public final class BlkImage implements Closeable {

    /** Bytes of zeros written at a time by {@link #discard}. */
    private static final int DISCARD_CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final Path path;
    private final long sectors;
    private final boolean readwrite;

    /**
     * An image over an open channel of {@code sizeBytes} bytes, of the file {@code path} (null if
     * unknown: discards then write zeros); a tail shorter than a sector is not part of the disk.
     */
    BlkImage(FileChannel channel, Path path, long sizeBytes, boolean readwrite) {
        this.channel = channel;
        this.path = path;
        this.sectors = sizeBytes / Blkif.SECTOR_SIZE;
        this.readwrite = readwrite;
    }

    /**
     * Opens the image a {@code disk = [...]} entry names: its {@code target}, read-write or
     * read-only as {@code readwrite} says. An absent target is created sparse (no blocks
     * written) of the spec's {@code size=}.
     *
     * <p>XEN-DIFF: xl leaves creating images to the administrator; Xenon creates a missing one
     * when the spec says how large, so that a config alone describes a working disk.
     *
     * @throws IOException if the format is not raw, the target is missing with no size (or
     *                     read-only), or the file cannot be opened
     */
    public static BlkImage open(DiskSpec spec) throws IOException {
        if (spec.target() == null) {
            throw new IOException("disk " + spec.vdev() + " has no target (an empty CD-ROM drive)");
        }
        if (spec.format() != null && !spec.format().equals("raw")) {
            throw new IOException("disk " + spec.vdev() + ": format " + spec.format() + " is not supported, only raw");
        }
        Path path = Path.of(spec.target());
        if (!Files.exists(path)) {
            if (spec.sizeBytes() == null || !spec.readwrite()) {
                throw new NoSuchFileException(spec.target(), null, spec.readwrite()
                        ? "absent, and the disk spec gives no size= to create it" : "absent, and read-only");
            }
            createSparse(path, spec.sizeBytes());
        }
        return open(path, spec.readwrite());
    }

    /** Opens an existing image read-write or read-only. */
    public static BlkImage open(Path path, boolean readwrite) throws IOException {
        FileChannel channel = readwrite
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new BlkImage(channel, path, channel.size(), readwrite);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Creates a new sparse file of {@code sizeBytes}: its length is set ({@code ftruncate}), no
     * data is written, so it takes no blocks until the guest writes.
     *
     * @throws java.nio.file.FileAlreadyExistsException if it exists
     */
    public static void createSparse(Path path, long sizeBytes) throws IOException {
        if (sizeBytes < Blkif.SECTOR_SIZE) {
            throw new IOException("image " + path + " must be at least one sector, not " + sizeBytes + " bytes");
        }
        Files.createFile(path);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(sizeBytes);
        }
    }

    /** The disk's size in 512-byte sectors (the {@code sectors} node). */
    public long sectors() {
        return sectors;
    }

    /** Whether the image was opened for writing; a read-only disk publishes {@code VDISK_READONLY}. */
    public boolean readwrite() {
        return readwrite;
    }

    /** Fills {@code dst} from byte {@code position}; bytes past the end of the file read as zeros. */
    public void read(ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
                return;
            }
            at += n;
        }
    }

    /** Writes all of {@code src} at byte {@code position}. */
    public void write(ByteBuffer src, long position) throws IOException {
        long at = position;
        while (src.hasRemaining()) {
            at += channel.write(src, at);
        }
    }

    /**
     * Discards {@code length} bytes at {@code position}: they read back as zeros afterwards. The
     * blocks are freed by punching a hole, as qdisk does; where the platform or file system
     * cannot, zeros are written over them instead (the blocks stay allocated).
     */
    public void discard(long position, long length) throws IOException {
        if (path != null && HolePunch.punch(path, position, length)) {
            return;
        }
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, DISCARD_CHUNK));
        long at = position;
        long end = position + length;
        while (at < end) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
            write(zeros, at);
            at += zeros.limit();
        }
    }

    /** {@code fsync}: everything written so far is on stable storage when this returns. */
    public void flush() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
