package io.xenon.network.packet;

import java.util.Objects;

/**
 * An IPv4 packet (RFC 791): the header's fields, its options kept opaque, and the payload.
 *
 * <p>Decoding verifies the version, the IHL, the total length against the buffer and the header
 * checksum. It does not reassemble: a fragment decodes with its flags and offset exposed
 * ({@link #isFragment()}), and its payload is that fragment's bytes, which hold a transport header
 * only when the offset is 0. Callers that cannot handle fragments drop them and count them as
 * {@link Malformed#UNSUPPORTED}.
 *
 * <p>Encoding computes the total length and the header checksum.
 */
public record Ipv4Packet(int tos, int identification, boolean dontFragment, boolean moreFragments,
        int fragmentOffset, int ttl, int protocol, Ipv4Address src, Ipv4Address dst,
        ByteSlice options, ByteSlice payload) {

    /** The header without options. */
    public static final int MIN_HEADER = 20;
    /** The longest header: IHL 15. */
    public static final int MAX_HEADER = 60;
    public static final int DEFAULT_TTL = 64;

    /**
     * {@code fragmentOffset} is in 8-byte units, as on the wire; {@code options} are a multiple of
     * four bytes, at most 40.
     */
    public Ipv4Packet {
        Wire.checkU8("tos", tos);
        Wire.checkU16("identification", identification);
        if (fragmentOffset < 0 || fragmentOffset > 0x1fff) {
            throw new IllegalArgumentException("fragment offset outside 13 bits: " + fragmentOffset);
        }
        Wire.checkU8("ttl", ttl);
        Wire.checkU8("protocol", protocol);
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(payload, "payload");
        if (options.length() % 4 != 0 || options.length() > MAX_HEADER - MIN_HEADER) {
            throw new IllegalArgumentException("options must be 0..40 bytes in 4-byte words: " + options.length());
        }
        if (MIN_HEADER + options.length() + payload.length() > 0xffff) {
            throw new IllegalArgumentException("packet exceeds 65535 bytes");
        }
    }

    /** An unfragmented packet with DF set, TTL 64 and no options, as Linux sends. */
    public static Ipv4Packet of(int protocol, Ipv4Address src, Ipv4Address dst, int identification, byte[] payload) {
        return new Ipv4Packet(0, identification, true, false, 0, DEFAULT_TTL, protocol, src, dst,
                ByteSlice.EMPTY, ByteSlice.of(payload));
    }

    /** Decodes an Ethernet frame's payload. */
    public static Decoded<Ipv4Packet> decode(ByteSlice payload) {
        return decode(payload.array(), payload.offset(), payload.length());
    }

    /*
     *  0 u8  version:4 ihl:4     1 u8  tos          2 u16 tot_len
     *  4 u16 id                  6 u16 flags:3 frag_off:13
     *  8 u8  ttl                 9 u8  protocol    10 u16 check
     * 12 u32 saddr              16 u32 daddr       20 options (ihl * 4 - 20 bytes)
     */
    /**
     * UNTRUSTED: decodes the packet in {@code [off, off + len)}. Bytes after the total length
     * (Ethernet padding) are ignored. A total length beyond the buffer is
     * {@link Malformed#TRUNCATED}; one shorter than the header is {@link Malformed#BAD_LENGTH}.
     * The reserved flag bit is ignored.
     */
    public static Decoded<Ipv4Packet> decode(byte[] b, int off, int len) {
        if (!ByteSlice.fits(b, off, len) || len < MIN_HEADER) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        int vihl = Wire.u8(b, off);
        if (vihl >>> 4 != 4) {
            return Decoded.bad(Malformed.BAD_VERSION);
        }
        int header = (vihl & 0xf) * 4;
        if (header < MIN_HEADER) {
            return Decoded.bad(Malformed.BAD_IHL);
        }
        if (header > len) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        int total = Wire.u16(b, off + 2);
        if (total < header) {
            return Decoded.bad(Malformed.BAD_LENGTH);
        }
        if (total > len) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        if (!InternetChecksum.verifies(0, b, off, header)) {
            return Decoded.bad(Malformed.BAD_CHECKSUM);
        }
        int frag = Wire.u16(b, off + 6);
        return Decoded.ok(new Ipv4Packet(Wire.u8(b, off + 1), Wire.u16(b, off + 4), (frag & 0x4000) != 0,
                (frag & 0x2000) != 0, frag & 0x1fff, Wire.u8(b, off + 8), Wire.u8(b, off + 9),
                Ipv4Address.read(b, off + 12), Ipv4Address.read(b, off + 16),
                new ByteSlice(b, off + MIN_HEADER, header - MIN_HEADER), new ByteSlice(b, off + header, total - header)));
    }

    /** Whether this is part of a fragmented datagram: MF set or a non-zero offset. */
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    /** The header's length in bytes. */
    public int headerLength() {
        return MIN_HEADER + options.length();
    }

    /** The total length. */
    public int length() {
        return headerLength() + payload.length();
    }

    /** The packet's exact bytes. */
    public byte[] encode() {
        byte[] out = new byte[length()];
        encodeTo(out, 0);
        return out;
    }

    /** Writes the packet at {@code off}, header checksum computed; answers the index after it. */
    public int encodeTo(byte[] out, int off) {
        int header = headerLength();
        out[off] = (byte) (0x40 | header / 4);
        out[off + 1] = (byte) tos;
        Wire.put16(out, off + 2, length());
        Wire.put16(out, off + 4, identification);
        Wire.put16(out, off + 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | fragmentOffset);
        out[off + 8] = (byte) ttl;
        out[off + 9] = (byte) protocol;
        Wire.put16(out, off + 10, 0);
        src.write(out, off + 12);
        dst.write(out, off + 16);
        options.copyTo(out, off + MIN_HEADER);
        Wire.put16(out, off + 10, InternetChecksum.of(out, off, header));
        return payload.copyTo(out, off + header);
    }
}
