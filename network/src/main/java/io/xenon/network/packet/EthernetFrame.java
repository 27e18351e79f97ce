package io.xenon.network.packet;

import java.util.Objects;

/**
 * An Ethernet II frame as a vif carries it (IEEE 802.3, no preamble and no FCS, as netfront
 * hands frames to netback): destination, source, an optional 802.1Q tag, the EtherType and the
 * payload.
 *
 * <p>XEN-DIFF: none on the wire; but frames shorter than the 60-byte Ethernet minimum are
 * accepted, because netfront does not pad and the Linux bridge forwards them as they are. The
 * encoder does not pad either; {@link #encodePadded()} does.
 */
public record EthernetFrame(MacAddress dst, MacAddress src, VlanTag vlan, int etherType, ByteSlice payload) {

    /** Destination, source and type: the untagged header. */
    public static final int HEADER = 14;
    /** The header with an 802.1Q tag. */
    public static final int TAGGED_HEADER = 18;
    /** The minimum frame without FCS. */
    public static final int MIN_FRAME = 60;

    /** {@code vlan} is {@code null} for an untagged frame. */
    public EthernetFrame {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(payload, "payload");
        Wire.checkU16("etherType", etherType);
        if (etherType == EtherType.VLAN) {
            throw new IllegalArgumentException("the inner EtherType cannot be another 802.1Q tag");
        }
    }

    /** An untagged frame. */
    public static EthernetFrame of(MacAddress dst, MacAddress src, int etherType, byte[] payload) {
        return new EthernetFrame(dst, src, null, etherType, ByteSlice.of(payload));
    }

    /** Decodes a whole array. */
    public static Decoded<EthernetFrame> decode(byte[] frame) {
        return decode(frame, 0, frame == null ? 0 : frame.length);
    }

    /**
     * UNTRUSTED: decodes the frame in {@code [off, off + len)}. The payload is everything after
     * the header (a view, padding included: the IPv4 decoder trims to its total length). A
     * stacked tag (QinQ, {@code 0x88a8}) is not looked into: it is the EtherType.
     */
    public static Decoded<EthernetFrame> decode(byte[] b, int off, int len) {
        if (!ByteSlice.fits(b, off, len) || len < HEADER) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        int type = Wire.u16(b, off + 12);
        VlanTag vlan = null;
        int header = HEADER;
        if (type == EtherType.VLAN) {
            if (len < TAGGED_HEADER) {
                return Decoded.bad(Malformed.TRUNCATED);
            }
            vlan = VlanTag.ofTci(Wire.u16(b, off + 14));
            type = Wire.u16(b, off + 16);
            header = TAGGED_HEADER;
            if (type == EtherType.VLAN) {
                return Decoded.bad(Malformed.UNSUPPORTED);
            }
        }
        return Decoded.ok(new EthernetFrame(MacAddress.read(b, off), MacAddress.read(b, off + 6), vlan, type,
                new ByteSlice(b, off + header, len - header)));
    }

    /** The header's length: 14, or 18 with a tag. */
    public int headerLength() {
        return vlan == null ? HEADER : TAGGED_HEADER;
    }

    /** The encoded length. */
    public int length() {
        return headerLength() + payload.length();
    }

    /** The frame's exact bytes. */
    public byte[] encode() {
        byte[] out = new byte[length()];
        encodeTo(out, 0);
        return out;
    }

    /** The frame's bytes, zero-padded to the 60-byte minimum. */
    public byte[] encodePadded() {
        byte[] out = new byte[Math.max(MIN_FRAME, length())];
        encodeTo(out, 0);
        return out;
    }

    /** Writes the frame at {@code off}; answers the index after it. */
    public int encodeTo(byte[] out, int off) {
        dst.write(out, off);
        src.write(out, off + 6);
        int at = off + 12;
        if (vlan != null) {
            Wire.put16(out, at, EtherType.VLAN);
            Wire.put16(out, at + 2, vlan.tci());
            at += 4;
        }
        Wire.put16(out, at, etherType);
        return payload.copyTo(out, at + 2);
    }
}
