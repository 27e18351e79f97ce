package io.xenon.drivers.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One domain's console log file, {@code <dir>/<name>.log}, as xenconsoled keeps with
 * {@code --log=guest}: the guest's output, appended, buffered and flushed in batches.
 *
 * <p>XEN-DIFF: xenconsoled writes {@code guest-<name>.log} and lets it grow until logrotate
 * moves it and sends SIGHUP. Here the file bounds itself: a write that would take it past
 * {@code maxBytes} first moves it to {@code <name>.log.1} (replacing the previous one) and starts
 * afresh, so a domain costs at most twice {@code maxBytes} of disk.
 *
 * <p>A failing disk does not fail the console: the first {@link IOException} is logged, the file
 * is closed and later output only reaches the in-memory log.
 *
 * <p>Confined to the owning {@link ConsoleBack}.
 */
final class ConsoleLogFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogFile.class);

    private final Path path;
    private final Path backup;
    private final long maxBytes;
    private final int flushBytes;
    private final long flushIntervalNanos;
    /** Output not yet on disk; made when needed and dropped at each flush, so no file stays open. */
    private ByteArrayOutputStream buffer;
    private boolean failed;
    private long size;
    private int unflushed;
    private long lastFlushNanos = System.nanoTime();

    ConsoleLogFile(Path dir, String domainName, long maxBytes, int flushBytes, Duration flushInterval)
            throws IOException {
        String file = fileName(domainName);
        this.path = dir.resolve(file + ".log");
        this.backup = dir.resolve(file + ".log.1");
        this.maxBytes = maxBytes;
        this.flushBytes = flushBytes;
        this.flushIntervalNanos = flushInterval.toNanos();
        Files.createDirectories(dir);
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
        this.size = Files.size(path);
    }

    /**
     * The domain name as a file name: anything but letters, digits, '.', '-' and '_' becomes '_',
     * so a name can never leave the log directory.
     */
    static String fileName(String domainName) {
        return domainName.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    Path path() {
        return path;
    }

    /**
     * Appends output, rotating first if it would not fit, and flushes once {@code flushBytes}
     * have been buffered or {@code flushInterval} has passed since the last flush.
     */
    void append(byte[] data, int off, int len) {
        if (failed || len <= 0) {
            return;
        }
        try {
            if (size + len > maxBytes && size > 0) {
                rotate();
            }
            int skip = (int) Math.max(0, len - maxBytes);
            if (buffer == null) {
                buffer = new ByteArrayOutputStream(Math.min(len - skip, flushBytes));
            }
            buffer.write(data, off + skip, len - skip);
            size += len - skip;
            unflushed += len - skip;
            if (unflushed >= flushBytes || System.nanoTime() - lastFlushNanos >= flushIntervalNanos) {
                flush();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Writes buffered output to the file; the owner calls this on a timer so a quiet console is on disk too. */
    void flush() {
        if (failed || buffer == null) {
            return;
        }
        try {
            Files.write(path, buffer.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            buffer = null;
            unflushed = 0;
            lastFlushNanos = System.nanoTime();
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void rotate() throws IOException {
        flush();
        if (failed) {
            return;
        }
        if (Files.exists(path)) {
            Files.move(path, backup, StandardCopyOption.REPLACE_EXISTING);
        }
        size = 0;
        unflushed = 0;
    }

    private void fail(IOException e) {
        LOG.warn("console log {} disabled: {}", path, e.toString());
        failed = true;
        buffer = null;
    }
}
