package io.xenon.network.packet;

/**
 * In-place rewriting of an IPv4 packet's source or destination address and transport port, with
 * the IPv4 header checksum and the TCP, UDP or ICMP checksum updated incrementally (RFC 1624)
 * rather than recomputed: what a NAT (Linux's {@code nf_nat_ipv4_manip_pkt}) does to each packet.
 * For an ICMP echo the "port" is the echo identifier.
 *
 * <p>Callers pass a packet that has already decoded (header checksum verified, L4 checksum
 * verified or absent) and is not a fragment; the methods still bounds-check and answer
 * {@code false}, changing nothing, for bytes they cannot rewrite.
 */
public final class NatRewrite {

    private NatRewrite() {
    }

    /** Sets the source address and source port (ICMP echo identifier) of the packet at {@code off}. */
    public static boolean rewriteSource(byte[] b, int off, int len, Ipv4Address address, int port) {
        return rewrite(b, off, len, 12, 0, address, port);
    }

    /** Sets the destination address and destination port (ICMP echo identifier) of the packet at {@code off}. */
    public static boolean rewriteDestination(byte[] b, int off, int len, Ipv4Address address, int port) {
        return rewrite(b, off, len, 16, 2, address, port);
    }

    private static boolean rewrite(byte[] b, int off, int len, int addrOff, int portOff, Ipv4Address address, int port) {
        if (!ByteSlice.fits(b, off, len) || len < Ipv4Packet.MIN_HEADER || (port & ~0xffff) != 0) {
            return false;
        }
        int header = (Wire.u8(b, off) & 0xf) * 4;
        int total = Wire.u16(b, off + 2);
        if (Wire.u8(b, off) >>> 4 != 4 || header < Ipv4Packet.MIN_HEADER || total < header || total > len
                || (Wire.u16(b, off + 6) & 0x3fff) != 0) {
            return false;
        }
        int l4 = off + header;
        int l4Len = total - header;
        int protocol = Wire.u8(b, off + 9);
        int checkAt;
        int fieldAt;
        if (protocol == IpProtocol.TCP && l4Len >= TcpSegment.MIN_HEADER) {
            checkAt = l4 + TcpSegment.OFF_CHECKSUM;
            fieldAt = l4 + portOff;
        } else if (protocol == IpProtocol.UDP && l4Len >= UdpDatagram.HEADER) {
            checkAt = l4 + 6;
            fieldAt = l4 + portOff;
        } else if (protocol == IpProtocol.ICMP && l4Len >= IcmpMessage.HEADER && isEcho(Wire.u8(b, l4))) {
            checkAt = l4 + 2;
            fieldAt = l4 + 4;
        } else {
            return false;
        }
        int oldAddr = Wire.i32(b, off + addrOff);
        int oldField = Wire.u16(b, fieldAt);
        Wire.put16(b, off + 10, InternetChecksum.update32(Wire.u16(b, off + 10), oldAddr, address.value()));
        Wire.put32(b, off + addrOff, address.value());
        Wire.put16(b, fieldAt, port);
        int check = Wire.u16(b, checkAt);
        if (protocol == IpProtocol.UDP && check == 0) {
            return true;
        }
        if (protocol != IpProtocol.ICMP) {
            check = InternetChecksum.update32(check, oldAddr, address.value());
        }
        check = InternetChecksum.update16(check, oldField, port);
        if (protocol == IpProtocol.UDP && check == 0) {
            check = 0xffff;
        }
        Wire.put16(b, checkAt, check);
        return true;
    }

    private static boolean isEcho(int type) {
        return type == IcmpMessage.ECHO_REQUEST || type == IcmpMessage.ECHO_REPLY;
    }
}
