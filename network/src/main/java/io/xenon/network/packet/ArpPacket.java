package io.xenon.network.packet;

import java.util.Objects;

/**
 * An ARP packet (RFC 826) for IPv4 over Ethernet: hardware type 1, protocol type
 * {@code 0x0800}, lengths 6 and 4, operation request (1) or reply (2). Other hardware or
 * protocol types, and RARP or InARP operations, decode as {@link Malformed#UNSUPPORTED}.
 */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp,
        MacAddress targetMac, Ipv4Address targetIp) {

    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    /** The packet's length for Ethernet and IPv4. */
    public static final int LENGTH = 28;

    public ArpPacket {
        if (operation != REQUEST && operation != REPLY) {
            throw new IllegalArgumentException("ARP operation is neither request nor reply: " + operation);
        }
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(targetMac, "targetMac");
        Objects.requireNonNull(targetIp, "targetIp");
    }

    /** "Who has {@code targetIp}? Tell {@code senderIp}." The target MAC is zero. */
    public static ArpPacket request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpPacket(REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /** The reply to {@code request}: {@code request}'s target is at {@code mac}. */
    public static ArpPacket replyTo(ArpPacket request, MacAddress mac) {
        return new ArpPacket(REPLY, mac, request.targetIp, request.senderMac, request.senderIp);
    }

    /** A gratuitous ARP announcing {@code ip} at {@code mac} (RFC 5227): a request for itself. */
    public static ArpPacket gratuitous(MacAddress mac, Ipv4Address ip) {
        return new ArpPacket(REQUEST, mac, ip, MacAddress.ZERO, ip);
    }

    /** UNTRUSTED: decodes {@code payload}; trailing bytes (Ethernet padding) are ignored. */
    public static Decoded<ArpPacket> decode(ByteSlice payload) {
        return decode(payload.array(), payload.offset(), payload.length());
    }

    /** UNTRUSTED: decodes the packet in {@code [off, off + len)}. */
    public static Decoded<ArpPacket> decode(byte[] b, int off, int len) {
        if (!ByteSlice.fits(b, off, len) || len < LENGTH) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        int op = Wire.u16(b, off + 6);
        if (Wire.u16(b, off) != 1 || Wire.u16(b, off + 2) != EtherType.IPV4 || Wire.u8(b, off + 4) != 6
                || Wire.u8(b, off + 5) != 4 || (op != REQUEST && op != REPLY)) {
            return Decoded.bad(Malformed.UNSUPPORTED);
        }
        return Decoded.ok(new ArpPacket(op, MacAddress.read(b, off + 8), Ipv4Address.read(b, off + 14),
                MacAddress.read(b, off + 18), Ipv4Address.read(b, off + 24)));
    }

    /** The packet's 28 bytes. */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        encodeTo(out, 0);
        return out;
    }

    /*
     * struct arphdr (Ethernet/IPv4)
     *   0 u16 ar_hrd = 1       2 u16 ar_pro = 0x0800
     *   4 u8  ar_hln = 6       5 u8  ar_pln = 4
     *   6 u16 ar_op
     *   8 u8  ar_sha[6]       14 u8 ar_sip[4]
     *  18 u8  ar_tha[6]       24 u8 ar_tip[4]
     */
    /** Writes the packet at {@code off}; answers the index after it. */
    public int encodeTo(byte[] out, int off) {
        Wire.put16(out, off, 1);
        Wire.put16(out, off + 2, EtherType.IPV4);
        out[off + 4] = 6;
        out[off + 5] = 4;
        Wire.put16(out, off + 6, operation);
        senderMac.write(out, off + 8);
        senderIp.write(out, off + 14);
        targetMac.write(out, off + 18);
        targetIp.write(out, off + 24);
        return off + LENGTH;
    }
}
