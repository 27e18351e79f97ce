package io.xenon.network.packet;

import java.util.Objects;

/**
 * A UDP datagram (RFC 768): ports and payload. The checksum covers the IPv4 pseudo-header,
 * the UDP header and the payload; a zero checksum on the wire means the sender computed none.
 */
public record UdpDatagram(int srcPort, int dstPort, ByteSlice payload) {

    public static final int HEADER = 8;

    public UdpDatagram {
        Wire.checkU16("srcPort", srcPort);
        Wire.checkU16("dstPort", dstPort);
        Objects.requireNonNull(payload, "payload");
        if (HEADER + payload.length() > 0xffff) {
            throw new IllegalArgumentException("datagram exceeds 65535 bytes");
        }
    }

    /** A datagram from {@code srcPort} to {@code dstPort}. */
    public static UdpDatagram of(int srcPort, int dstPort, byte[] payload) {
        return new UdpDatagram(srcPort, dstPort, ByteSlice.of(payload));
    }

    /** Decodes {@code ip}'s payload; a fragment is {@link Malformed#UNSUPPORTED}. */
    public static Decoded<UdpDatagram> decode(Ipv4Packet ip) {
        if (ip.isFragment()) {
            return Decoded.bad(Malformed.UNSUPPORTED);
        }
        ByteSlice p = ip.payload();
        return decode(p.array(), p.offset(), p.length(), ip.src(), ip.dst());
    }

    /*
     * 0 u16 source   2 u16 dest   4 u16 len   6 u16 check
     */
    /**
     * UNTRUSTED: decodes the datagram that fills exactly {@code [off, off + len)} (an IPv4
     * payload). A UDP length other than {@code len} is {@link Malformed#BAD_LENGTH}; a non-zero
     * checksum that does not verify is {@link Malformed#BAD_CHECKSUM}.
     */
    public static Decoded<UdpDatagram> decode(byte[] b, int off, int len, Ipv4Address src, Ipv4Address dst) {
        if (!ByteSlice.fits(b, off, len) || len < HEADER) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        if (Wire.u16(b, off + 4) != len) {
            return Decoded.bad(Malformed.BAD_LENGTH);
        }
        if (Wire.u16(b, off + 6) != 0
                && !InternetChecksum.verifies(InternetChecksum.pseudoHeader(src, dst, IpProtocol.UDP, len), b, off, len)) {
            return Decoded.bad(Malformed.BAD_CHECKSUM);
        }
        return Decoded.ok(new UdpDatagram(Wire.u16(b, off), Wire.u16(b, off + 2),
                new ByteSlice(b, off + HEADER, len - HEADER)));
    }

    /** The datagram's length, header included. */
    public int length() {
        return HEADER + payload.length();
    }

    /** The datagram's exact bytes, checksummed for {@code src} to {@code dst}. */
    public byte[] encode(Ipv4Address src, Ipv4Address dst) {
        byte[] out = new byte[length()];
        encodeTo(out, 0, src, dst);
        return out;
    }

    /**
     * Writes the datagram at {@code off} with its checksum over the pseudo-header of {@code src}
     * and {@code dst} (a computed zero is sent as {@code 0xffff}); answers the index after it.
     */
    public int encodeTo(byte[] out, int off, Ipv4Address src, Ipv4Address dst) {
        int len = length();
        Wire.put16(out, off, srcPort);
        Wire.put16(out, off + 2, dstPort);
        Wire.put16(out, off + 4, len);
        Wire.put16(out, off + 6, 0);
        int end = payload.copyTo(out, off + HEADER);
        int sum = InternetChecksum.finish(
                InternetChecksum.add(InternetChecksum.pseudoHeader(src, dst, IpProtocol.UDP, len), out, off, len));
        Wire.put16(out, off + 6, sum == 0 ? 0xffff : sum);
        return end;
    }

    /** This datagram in an IPv4 packet from {@code src} to {@code dst}, DF set, TTL 64. */
    public Ipv4Packet toIpv4(Ipv4Address src, Ipv4Address dst, int identification) {
        return Ipv4Packet.of(IpProtocol.UDP, src, dst, identification, encode(src, dst));
    }
}
