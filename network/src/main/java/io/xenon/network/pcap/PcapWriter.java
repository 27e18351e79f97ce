package io.xenon.network.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes Ethernet frames to a classic libpcap capture file ({@code pcap-savefile(5)}): a 24-byte
 * global header (magic {@code 0xa1b2c3d4}, version 2.4, snap length 65535, link type 1
 * {@code LINKTYPE_ETHERNET}) and per frame a 16-byte record header ({@code ts_sec},
 * {@code ts_usec}, {@code incl_len}, {@code orig_len}) and the bytes. All fields are
 * little-endian, so the file starts {@code d4 c3 b2 a1}, as tcpdump writes it on x86.
 *
 * <p>Thread-safe: {@link #append} may be called from several streams at once; each record is
 * written whole. Frames longer than the snap length are cut to it, keeping their original length.
 */
public final class PcapWriter implements Closeable {

    public static final int MAGIC = 0xa1b2c3d4;
    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    public static final int SNAPLEN = 65535;
    public static final int LINKTYPE_ETHERNET = 1;
    static final int GLOBAL_HEADER = 24;
    static final int RECORD_HEADER = 16;

    private final OutputStream out;
    private final Clock clock;
    private final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    private boolean closed;

    private PcapWriter(OutputStream out, Clock clock) throws IOException {
        this.out = out;
        this.clock = clock;
        ByteBuffer global = ByteBuffer.allocate(GLOBAL_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        global.putInt(MAGIC).putShort((short) VERSION_MAJOR).putShort((short) VERSION_MINOR)
                .putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.write(global.array());
    }

    /** Creates (or truncates) {@code file} and writes the global header. */
    public static PcapWriter create(Path file) throws IOException {
        return create(file, Clock.systemUTC());
    }

    /** As {@link #create(Path)}, time-stamping frames by {@code clock}. */
    public static PcapWriter create(Path file, Clock clock) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), clock);
    }

    /** Writes the global header to {@code out}, which this writer then owns. */
    public static PcapWriter to(OutputStream out, Clock clock) throws IOException {
        return new PcapWriter(Objects.requireNonNull(out, "out"), clock);
    }

    /** Appends a frame time-stamped now. */
    public void append(byte[] frame) throws IOException {
        append(clock.instant(), frame, 0, frame.length);
    }

    /** Appends {@code [off, off + len)} of {@code frame} time-stamped {@code time}. */
    public void append(Instant time, byte[] frame, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, frame.length);
        int incl = Math.min(len, SNAPLEN);
        synchronized (this) {
            if (closed) {
                throw new IOException("capture file is closed");
            }
            header.clear();
            header.putInt((int) time.getEpochSecond()).putInt(time.getNano() / 1000).putInt(incl).putInt(len);
            out.write(header.array());
            out.write(frame, off, incl);
        }
    }

    /** Pushes buffered records to the file, so a reader sees them before {@link #close}. */
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
