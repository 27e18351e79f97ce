package io.xenon.network.packet;

import java.util.Objects;

/**
 * A TCP segment (RFC 9293) as far as NAT and a small guest stack need it: ports, sequence and
 * acknowledgement numbers (unsigned 32-bit values as {@code int} bit patterns), flags, window,
 * urgent pointer, the options kept opaque (their length is the data offset) and the payload.
 * The checksum covers the IPv4 pseudo-header and is verified on decode, computed on encode.
 */
public record TcpSegment(int srcPort, int dstPort, int seq, int ack, int flags, int window,
        int urgentPointer, ByteSlice options, ByteSlice payload) {

    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK = 0x010;
    public static final int URG = 0x020;
    public static final int ECE = 0x040;
    public static final int CWR = 0x080;
    /** The header without options. */
    public static final int MIN_HEADER = 20;
    /** The checksum's offset in the header, for in-place rewriting. */
    public static final int OFF_CHECKSUM = 16;

    /** {@code flags} are the eight bits after the data offset; options are 0..40 bytes in words. */
    public TcpSegment {
        Wire.checkU16("srcPort", srcPort);
        Wire.checkU16("dstPort", dstPort);
        Wire.checkU8("flags", flags);
        Wire.checkU16("window", window);
        Wire.checkU16("urgentPointer", urgentPointer);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(payload, "payload");
        if (options.length() % 4 != 0 || options.length() > 40) {
            throw new IllegalArgumentException("options must be 0..40 bytes in 4-byte words: " + options.length());
        }
    }

    /** Decodes {@code ip}'s payload; a fragment is {@link Malformed#UNSUPPORTED}. */
    public static Decoded<TcpSegment> decode(Ipv4Packet ip) {
        if (ip.isFragment()) {
            return Decoded.bad(Malformed.UNSUPPORTED);
        }
        ByteSlice p = ip.payload();
        return decode(p.array(), p.offset(), p.length(), ip.src(), ip.dst());
    }

    /*
     *  0 u16 source   2 u16 dest   4 u32 seq   8 u32 ack_seq
     * 12 u8 doff:4 res:4   13 u8 flags (CWR ECE URG ACK PSH RST SYN FIN)   14 u16 window
     * 16 u16 check  18 u16 urg_ptr   20 options (doff * 4 - 20 bytes)
     */
    /**
     * UNTRUSTED: decodes the segment that fills exactly {@code [off, off + len)} (an IPv4
     * payload), checksum verified over the pseudo-header of {@code src} and {@code dst}. The
     * reserved bits (the AccECN bit included) are ignored.
     */
    public static Decoded<TcpSegment> decode(byte[] b, int off, int len, Ipv4Address src, Ipv4Address dst) {
        if (!ByteSlice.fits(b, off, len) || len < MIN_HEADER) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        int header = (Wire.u8(b, off + 12) >>> 4) * 4;
        if (header < MIN_HEADER || header > len) {
            return Decoded.bad(Malformed.BAD_DATA_OFFSET);
        }
        if (!InternetChecksum.verifies(InternetChecksum.pseudoHeader(src, dst, IpProtocol.TCP, len), b, off, len)) {
            return Decoded.bad(Malformed.BAD_CHECKSUM);
        }
        return Decoded.ok(new TcpSegment(Wire.u16(b, off), Wire.u16(b, off + 2), Wire.i32(b, off + 4),
                Wire.i32(b, off + 8), Wire.u8(b, off + 13), Wire.u16(b, off + 14), Wire.u16(b, off + 18),
                new ByteSlice(b, off + MIN_HEADER, header - MIN_HEADER), new ByteSlice(b, off + header, len - header)));
    }

    /** Whether every bit of {@code mask} is set in the flags. */
    public boolean has(int mask) {
        return (flags & mask) == mask;
    }

    /** The header's length in bytes. */
    public int headerLength() {
        return MIN_HEADER + options.length();
    }

    /** The segment's length. */
    public int length() {
        return headerLength() + payload.length();
    }

    /** The segment's exact bytes, checksummed for {@code src} to {@code dst}. */
    public byte[] encode(Ipv4Address src, Ipv4Address dst) {
        byte[] out = new byte[length()];
        encodeTo(out, 0, src, dst);
        return out;
    }

    /** Writes the segment at {@code off}, checksum computed; answers the index after it. */
    public int encodeTo(byte[] out, int off, Ipv4Address src, Ipv4Address dst) {
        int header = headerLength();
        Wire.put16(out, off, srcPort);
        Wire.put16(out, off + 2, dstPort);
        Wire.put32(out, off + 4, seq);
        Wire.put32(out, off + 8, ack);
        out[off + 12] = (byte) (header / 4 << 4);
        out[off + 13] = (byte) flags;
        Wire.put16(out, off + 14, window);
        Wire.put16(out, off + OFF_CHECKSUM, 0);
        Wire.put16(out, off + 18, urgentPointer);
        options.copyTo(out, off + MIN_HEADER);
        int end = payload.copyTo(out, off + header);
        int len = end - off;
        Wire.put16(out, off + OFF_CHECKSUM, InternetChecksum.finish(
                InternetChecksum.add(InternetChecksum.pseudoHeader(src, dst, IpProtocol.TCP, len), out, off, len)));
        return end;
    }

    /** This segment in an IPv4 packet from {@code src} to {@code dst}, DF set, TTL 64. */
    public Ipv4Packet toIpv4(Ipv4Address src, Ipv4Address dst, int identification) {
        return Ipv4Packet.of(IpProtocol.TCP, src, dst, identification, encode(src, dst));
    }
}
