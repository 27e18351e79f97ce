package io.xenon.drivers.blk.back;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;

/**
 * Frees a file's blocks in a byte range, as qdisk does for {@code BLKIF_OP_DISCARD}: Linux's
 * {@code fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, len)}, through JNA
 * because the JDK has no call for it. The range then reads as zeros and the file keeps its size.
 *
 * <p>Thread-safe: each call opens and closes its own descriptor.
 */
final class HolePunch {

    private static final int O_WRONLY = 1;
    private static final int FALLOC_FL_KEEP_SIZE = 0x01;
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;

    /** The C library, or null where it cannot be loaded (not Linux, no JNA native part). */
    private static final LibC LIBC = load();

    private HolePunch() {
    }

    /** The few libc calls used, with the x86_64 and arm64 Linux types. */
    interface LibC extends Library {

        int open(String path, int flags);

        int fallocate(int fd, int mode, long offset, long len);

        int close(int fd);
    }

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (LinkageError e) {
            return null;
        }
    }

    /**
     * Punches a hole of {@code length} bytes at {@code offset} in {@code file}.
     *
     * @return false, having changed nothing, if the platform or the file system cannot
     */
    static boolean punch(Path file, long offset, long length) {
        if (LIBC == null) {
            return false;
        }
        int fd = LIBC.open(file.toString(), O_WRONLY);
        if (fd < 0) {
            return false;
        }
        try {
            return LIBC.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0;
        } finally {
            LIBC.close(fd);
        }
    }
}
