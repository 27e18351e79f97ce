package io.xenon.network.packet;

import java.util.Objects;

/**
 * A DHCP message (RFC 2131) for Ethernet clients: the BOOTP fixed fields, the magic cookie and
 * the options (RFC 2132), with builders for the messages a vif's DHCP exchange uses: DISCOVER,
 * OFFER, REQUEST, ACK and NAK.
 *
 * <p>INVARIANT: the options hold a message type (option 53); a BOOTP message without one is
 * {@link Malformed#UNSUPPORTED}, as is option overload (52), a hardware type other than Ethernet
 * and a type RFC 2132 does not define. {@code sname} and {@code file} are not read and are
 * written as zeros.
 */
public record DhcpMessage(int op, int hops, int xid, int secs, int flags, Ipv4Address ciaddr, Ipv4Address yiaddr,
        Ipv4Address siaddr, Ipv4Address giaddr, MacAddress chaddr, DhcpOptions options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    /** The flags' broadcast bit: the client cannot take unicast before it has an address. */
    public static final int FLAG_BROADCAST = 0x8000;
    public static final int MAGIC_COOKIE = 0x63825363;
    /** The fixed fields before the magic cookie. */
    public static final int FIXED = 236;
    /** BOOTP's minimum message (RFC 1542); shorter encodings are padded to it. */
    public static final int MIN_MESSAGE = 300;

    public DhcpMessage {
        if (op != BOOTREQUEST && op != BOOTREPLY) {
            throw new IllegalArgumentException("op is neither BOOTREQUEST nor BOOTREPLY: " + op);
        }
        Wire.checkU8("hops", hops);
        Wire.checkU16("secs", secs);
        Wire.checkU16("flags", flags);
        Objects.requireNonNull(ciaddr, "ciaddr");
        Objects.requireNonNull(yiaddr, "yiaddr");
        Objects.requireNonNull(siaddr, "siaddr");
        Objects.requireNonNull(giaddr, "giaddr");
        Objects.requireNonNull(chaddr, "chaddr");
        if (options.messageType().isEmpty()) {
            throw new IllegalArgumentException("a DHCP message needs option 53 of a defined type");
        }
    }

    /** The message type from option 53. */
    public DhcpMessageType type() {
        return options.messageType().orElseThrow();
    }

    /** A client's DISCOVER, broadcast, with its client id, a hostname if not null and a parameter list. */
    public static DhcpMessage discover(int xid, MacAddress mac, String hostname) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).clientId(mac);
        if (hostname != null) {
            o.hostname(hostname);
        }
        o.parameterRequestList(DhcpOption.SUBNET_MASK, DhcpOption.ROUTER, DhcpOption.DNS, DhcpOption.HOSTNAME);
        return request(xid, mac, Ipv4Address.ANY, o.build());
    }

    /** A client's REQUEST for {@code offered} from server {@code serverId} (the SELECTING state). */
    public static DhcpMessage request(int xid, MacAddress mac, Ipv4Address offered, Ipv4Address serverId,
            String hostname) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(DhcpMessageType.REQUEST).clientId(mac)
                .requestedIp(offered).serverId(serverId);
        if (hostname != null) {
            o.hostname(hostname);
        }
        o.parameterRequestList(DhcpOption.SUBNET_MASK, DhcpOption.ROUTER, DhcpOption.DNS, DhcpOption.HOSTNAME);
        return request(xid, mac, Ipv4Address.ANY, o.build());
    }

    /** The server's OFFER of {@code address} in answer to {@code discover} (RFC 2131 table 3). */
    public static DhcpMessage offer(DhcpMessage discover, Ipv4Address address, DhcpLease lease) {
        return reply(discover, DhcpMessageType.OFFER, Ipv4Address.ANY, address, lease);
    }

    /** The server's ACK of {@code address} in answer to {@code request}; ciaddr is echoed. */
    public static DhcpMessage ack(DhcpMessage request, Ipv4Address address, DhcpLease lease) {
        return reply(request, DhcpMessageType.ACK, request.ciaddr, address, lease);
    }

    /** The server's NAK of {@code request}: no address, only the server id. */
    public static DhcpMessage nak(DhcpMessage request, Ipv4Address serverId) {
        DhcpOptions o = DhcpOptions.builder().messageType(DhcpMessageType.NAK).serverId(serverId).build();
        return new DhcpMessage(BOOTREPLY, 0, request.xid, 0, request.flags, Ipv4Address.ANY, Ipv4Address.ANY,
                Ipv4Address.ANY, request.giaddr, request.chaddr, o);
    }

    private static DhcpMessage request(int xid, MacAddress mac, Ipv4Address ciaddr, DhcpOptions options) {
        return new DhcpMessage(BOOTREQUEST, 0, xid, 0, FLAG_BROADCAST, ciaddr, Ipv4Address.ANY, Ipv4Address.ANY,
                Ipv4Address.ANY, mac, options);
    }

    private static DhcpMessage reply(DhcpMessage to, DhcpMessageType type, Ipv4Address ciaddr, Ipv4Address address,
            DhcpLease lease) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(type);
        lease.addTo(o);
        return new DhcpMessage(BOOTREPLY, 0, to.xid, 0, to.flags, ciaddr, address, Ipv4Address.ANY, to.giaddr,
                to.chaddr, o.build());
    }

    /** Decodes {@code udp}'s payload. */
    public static Decoded<DhcpMessage> decode(UdpDatagram udp) {
        return decode(udp.payload().array(), udp.payload().offset(), udp.payload().length());
    }

    /*
     *   0 u8 op   1 u8 htype   2 u8 hlen   3 u8 hops   4 u32 xid   8 u16 secs   10 u16 flags
     *  12 u32 ciaddr   16 u32 yiaddr   20 u32 siaddr   24 u32 giaddr   28 u8 chaddr[16]
     *  44 u8 sname[64]   108 u8 file[128]   236 u32 magic cookie   240 options
     */
    /** UNTRUSTED: decodes the message in {@code [off, off + len)}, a UDP payload. */
    public static Decoded<DhcpMessage> decode(byte[] b, int off, int len) {
        if (!ByteSlice.fits(b, off, len) || len < FIXED + 4) {
            return Decoded.bad(Malformed.TRUNCATED);
        }
        if (Wire.i32(b, off + FIXED) != MAGIC_COOKIE) {
            return Decoded.bad(Malformed.BAD_MAGIC_COOKIE);
        }
        int op = Wire.u8(b, off);
        if ((op != BOOTREQUEST && op != BOOTREPLY) || Wire.u8(b, off + 1) != 1 || Wire.u8(b, off + 2) != 6) {
            return Decoded.bad(Malformed.UNSUPPORTED);
        }
        Decoded<DhcpOptions> parsed = DhcpOptions.decode(b, off + FIXED + 4, len - FIXED - 4);
        DhcpOptions options = parsed.orNull();
        if (options == null) {
            return Decoded.bad(parsed.reasonOrNull());
        }
        if (options.messageType().isEmpty() || options.get(DhcpOption.OVERLOAD).isPresent()) {
            return Decoded.bad(Malformed.UNSUPPORTED);
        }
        return Decoded.ok(new DhcpMessage(op, Wire.u8(b, off + 3), Wire.i32(b, off + 4), Wire.u16(b, off + 8),
                Wire.u16(b, off + 10), Ipv4Address.read(b, off + 12), Ipv4Address.read(b, off + 16),
                Ipv4Address.read(b, off + 20), Ipv4Address.read(b, off + 24), MacAddress.read(b, off + 28), options));
    }

    /** The message's exact bytes: fixed fields, cookie, options, end, zero-padded to 300 bytes. */
    public byte[] encode() {
        byte[] opts = options.encode();
        byte[] out = new byte[Math.max(MIN_MESSAGE, FIXED + 4 + opts.length)];
        out[0] = (byte) op;
        out[1] = 1;
        out[2] = 6;
        out[3] = (byte) hops;
        Wire.put32(out, 4, xid);
        Wire.put16(out, 8, secs);
        Wire.put16(out, 10, flags);
        ciaddr.write(out, 12);
        yiaddr.write(out, 16);
        siaddr.write(out, 20);
        giaddr.write(out, 24);
        chaddr.write(out, 28);
        Wire.put32(out, FIXED, MAGIC_COOKIE);
        System.arraycopy(opts, 0, out, FIXED + 4, opts.length);
        return out;
    }

    /** This message in a UDP datagram: client port 68 to server port 67 for a request, the reverse for a reply. */
    public UdpDatagram toUdp() {
        return op == BOOTREQUEST ? UdpDatagram.of(CLIENT_PORT, SERVER_PORT, encode())
                : UdpDatagram.of(SERVER_PORT, CLIENT_PORT, encode());
    }
}
