package io.xenon.network.pcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a libpcap file: its time stamp in microseconds since the epoch, the frame's
 * length on the wire ({@code orig_len}) and the captured bytes ({@code incl_len} of them).
 */
public record PcapRecord(long timestampMicros, int originalLength, byte[] data) {

    public PcapRecord {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcapRecord r && r.timestampMicros == timestampMicros
                && r.originalLength == originalLength && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestampMicros) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PcapRecord[" + timestampMicros + "us, " + data.length + "/" + originalLength + " bytes]";
    }
}
