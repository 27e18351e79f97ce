package io.xenon.network.pcap;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classic libpcap capture file of Ethernet frames (either byte order, microsecond time
 * stamps), as {@link PcapWriter} and tcpdump write them. For tests and tools: a file that is not
 * such a capture is an {@link IOException}.
 */
public final class PcapReader {

    private PcapReader() {
    }

    /** Every record of {@code file}, in order. */
    public static List<PcapRecord> readAll(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int magic = b.getInt();
            if (magic == Integer.reverseBytes(PcapWriter.MAGIC)) {
                b.order(ByteOrder.BIG_ENDIAN);
            } else if (magic != PcapWriter.MAGIC) {
                throw new IOException("not a microsecond libpcap file: magic " + Integer.toHexString(magic));
            }
            int major = b.getShort();
            int minor = b.getShort();
            b.position(b.position() + 8);
            b.getInt();
            int link = b.getInt();
            if (major != PcapWriter.VERSION_MAJOR || minor != PcapWriter.VERSION_MINOR
                    || link != PcapWriter.LINKTYPE_ETHERNET) {
                throw new IOException("unsupported capture: version " + major + "." + minor + ", link type " + link);
            }
            List<PcapRecord> records = new ArrayList<>();
            while (b.hasRemaining()) {
                long sec = Integer.toUnsignedLong(b.getInt());
                long usec = Integer.toUnsignedLong(b.getInt());
                int incl = b.getInt();
                int orig = b.getInt();
                if (incl < 0 || incl > b.remaining() || incl > PcapWriter.SNAPLEN) {
                    throw new IOException("record of " + incl + " bytes overruns the file");
                }
                byte[] data = new byte[incl];
                b.get(data);
                records.add(new PcapRecord(sec * 1_000_000 + usec, orig, data));
            }
            return records;
        } catch (BufferUnderflowException e) {
            throw new IOException("capture file ends inside a header", e);
        }
    }
}
