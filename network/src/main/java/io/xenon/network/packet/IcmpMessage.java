package io.xenon.network.packet;

import java.util.Objects;

/**
 * An ICMP message (RFC 792): type, code, the four type-specific bytes after the checksum
 * ({@code rest}: identifier and sequence number for echo) and the data. Echo request and reply
 * have accessors; every other type is kept as type, code, rest and data.
 *
 * <p>The checksum covers the whole message and is verified on decode, computed on encode.
 */
public record IcmpMessage(int type, int code, int rest, ByteSlice data) {

    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    /** Type, code, checksum and the four type-specific bytes. */
    public static final int HEADER = 8;

    public IcmpMessage {
        Wire.checkU8("type", type);
        Wire.checkU8("code", code);
        Objects.requireNonNull(data, "data");
    }

    /** An echo request (ping) with identifier {@code id} and sequence number {@code seq}. */
    public static IcmpMessage echoRequest(int id, int seq, byte[] data) {
        return new IcmpMessage(ECHO_REQUEST, 0, Wire.checkU16("id", id) << 16 | Wire.checkU16("seq", seq),
                ByteSlice.of(data));
    }

    /** The echo reply to {@code request}: same identifier, sequence number and data. */
    public static IcmpMessage echoReplyTo(IcmpMessage request) {
        return new IcmpMessage(ECHO_REPLY, 0, request.rest, request.data);
    }

    /** Decodes an IPv4 packet's payload. */
    public static Decoded<IcmpMessage> decode(ByteSlice payload) {
        return decode(payload.array(), payload.offset(), payload.length());
    }

    /** UNTRUSTED: decodes the message in exactly {@code [off, off + len)}, checksum verified. */
    public static Decoded<IcmpMessage> decode(byte[] b, int off, int len) {
        if (!ByteSlice.fits(b, off, len) || len < HEADER) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        if (!InternetChecksum.verifies(0, b, off, len)) {
            return Decoded.bad(Malformed.BAD_CHECKSUM);
        }
        return Decoded.ok(new IcmpMessage(Wire.u8(b, off), Wire.u8(b, off + 1), Wire.i32(b, off + 4),
                new ByteSlice(b, off + HEADER, len - HEADER)));
    }

    /** Whether this is an echo request or reply. */
    public boolean isEcho() {
        return (type == ECHO_REQUEST || type == ECHO_REPLY) && code == 0;
    }

    /** The echo identifier: the high half of {@code rest}. */
    public int identifier() {
        return rest >>> 16;
    }

    /** The echo sequence number: the low half of {@code rest}. */
    public int sequence() {
        return rest & 0xffff;
    }

    /** The message's length. */
    public int length() {
        return HEADER + data.length();
    }

    /** The message's exact bytes. */
    public byte[] encode() {
        byte[] out = new byte[length()];
        encodeTo(out, 0);
        return out;
    }

    /** Writes the message at {@code off}, checksum computed; answers the index after it. */
    public int encodeTo(byte[] out, int off) {
        out[off] = (byte) type;
        out[off + 1] = (byte) code;
        Wire.put16(out, off + 2, 0);
        Wire.put32(out, off + 4, rest);
        int end = data.copyTo(out, off + HEADER);
        Wire.put16(out, off + 2, InternetChecksum.of(out, off, end - off));
        return end;
    }
}
