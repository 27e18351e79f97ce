package io.xenon.network.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options field of a DHCP message (RFC 2132) in wire order, with typed reads of the ones a
 * DHCP server and client use. A code that appears twice answers its first value (RFC 3396
 * concatenation of long options is not done).
 */
public record DhcpOptions(List<DhcpOption> list) {

    public DhcpOptions {
        list = List.copyOf(list);
    }

    /** A builder for an options field. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value of the first option {@code code}. */
    public Optional<ByteSlice> get(int code) {
        for (DhcpOption o : list) {
            if (o.code() == code) {
                return Optional.of(o.value());
            }
        }
        return Optional.empty();
    }

    /** Option 53, when present and of a type RFC 2132 defines. */
    public Optional<DhcpMessageType> messageType() {
        return get(DhcpOption.MESSAGE_TYPE).map(v -> DhcpMessageType.ofCode(v.u8(0)));
    }

    /** Option 50. */
    public Optional<Ipv4Address> requestedIp() {
        return address(DhcpOption.REQUESTED_IP);
    }

    /** Option 54. */
    public Optional<Ipv4Address> serverId() {
        return address(DhcpOption.SERVER_ID);
    }

    /** Option 1. */
    public Optional<Ipv4Address> subnetMask() {
        return address(DhcpOption.SUBNET_MASK);
    }

    /** Option 51, in seconds; {@code 0xffffffff} (as -1) is infinite. */
    public Optional<Integer> leaseTime() {
        return get(DhcpOption.LEASE_TIME).map(v -> v.i32(0));
    }

    /** Option 3, routers in order of preference; empty when absent. */
    public List<Ipv4Address> routers() {
        return addresses(DhcpOption.ROUTER);
    }

    /** Option 6, name servers in order of preference; empty when absent. */
    public List<Ipv4Address> dns() {
        return addresses(DhcpOption.DNS);
    }

    /** Option 12, decoded as ISO-8859-1 so every byte maps to one character. */
    public Optional<String> hostname() {
        return get(DhcpOption.HOSTNAME).map(v -> new String(v.array(), v.offset(), v.length(), StandardCharsets.ISO_8859_1));
    }

    /** Option 55, the codes a client asks for. */
    public List<Integer> parameterRequestList() {
        List<Integer> codes = new ArrayList<>();
        get(DhcpOption.PARAMETER_REQUEST_LIST).ifPresent(v -> {
            for (int i = 0; i < v.length(); i++) {
                codes.add(v.u8(i));
            }
        });
        return codes;
    }

    /** Option 61: type byte then identifier (type 1 and a MAC for Ethernet clients). */
    public Optional<ByteSlice> clientId() {
        return get(DhcpOption.CLIENT_ID);
    }

    private Optional<Ipv4Address> address(int code) {
        return get(code).map(v -> new Ipv4Address(v.i32(0)));
    }

    private List<Ipv4Address> addresses(int code) {
        List<Ipv4Address> out = new ArrayList<>();
        get(code).ifPresent(v -> {
            for (int i = 0; i + 4 <= v.length(); i += 4) {
                out.add(new Ipv4Address(v.i32(i)));
            }
        });
        return out;
    }

    /**
     * UNTRUSTED: decodes the options in {@code [off, off + len)} up to the end option. Pads are
     * skipped; an option whose length runs past the buffer, a length RFC 2132 forbids for a
     * code this codec reads, or a missing end option is {@link Malformed#BAD_OPTION}. Bytes
     * after the end option are padding and ignored.
     */
    static Decoded<DhcpOptions> decode(byte[] b, int off, int len) {
        List<DhcpOption> list = new ArrayList<>();
        int end = off + len;
        int i = off;
        while (i < end) {
            int code = Wire.u8(b, i);
            if (code == DhcpOption.END) {
                return Decoded.ok(new DhcpOptions(list));
            }
            if (code == DhcpOption.PAD) {
                i++;
                continue;
            }
            if (i + 2 > end) {
                return Decoded.bad(Malformed.BAD_OPTION);
            }
            int l = Wire.u8(b, i + 1);
            if (i + 2 + l > end || !DhcpOption.lengthAllowed(code, l)) {
                return Decoded.bad(Malformed.BAD_OPTION);
            }
            list.add(new DhcpOption(code, new ByteSlice(b, i + 2, l)));
            i += 2 + l;
        }
        return Decoded.bad(Malformed.BAD_OPTION);
    }

    /** The options' bytes, each as code, length, value, then the end option. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DhcpOption o : list) {
            out.write(o.code());
            out.write(o.value().length());
            out.write(o.value().array(), o.value().offset(), o.value().length());
        }
        out.write(DhcpOption.END);
        return out.toByteArray();
    }

    /** Collects options in the order they are added. */
    public static final class Builder {

        private final List<DhcpOption> list = new ArrayList<>();

        private Builder() {
        }

        /** Adds option {@code code} with {@code value}. */
        public Builder add(int code, byte[] value) {
            list.add(new DhcpOption(code, ByteSlice.of(value.clone())));
            return this;
        }

        public Builder messageType(DhcpMessageType type) {
            return add(DhcpOption.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        }

        public Builder requestedIp(Ipv4Address ip) {
            return add(DhcpOption.REQUESTED_IP, ip.toBytes());
        }

        public Builder serverId(Ipv4Address ip) {
            return add(DhcpOption.SERVER_ID, ip.toBytes());
        }

        public Builder subnetMask(Ipv4Address mask) {
            return add(DhcpOption.SUBNET_MASK, mask.toBytes());
        }

        public Builder leaseTime(int seconds) {
            byte[] v = new byte[4];
            Wire.put32(v, 0, seconds);
            return add(DhcpOption.LEASE_TIME, v);
        }

        /** Option 3; nothing is added for an empty list. */
        public Builder routers(List<Ipv4Address> routers) {
            return addresses(DhcpOption.ROUTER, routers);
        }

        /** Option 6; nothing is added for an empty list. */
        public Builder dns(List<Ipv4Address> servers) {
            return addresses(DhcpOption.DNS, servers);
        }

        /** Option 12 in ISO-8859-1. */
        public Builder hostname(String name) {
            return add(DhcpOption.HOSTNAME, name.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Builder parameterRequestList(int... codes) {
            byte[] v = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                v[i] = (byte) Wire.checkU8("code", codes[i]);
            }
            return add(DhcpOption.PARAMETER_REQUEST_LIST, v);
        }

        /** Option 61 as hardware type 1 and {@code mac}, as Linux DHCP clients send it. */
        public Builder clientId(MacAddress mac) {
            byte[] v = new byte[7];
            v[0] = 1;
            mac.write(v, 1);
            return add(DhcpOption.CLIENT_ID, v);
        }

        public DhcpOptions build() {
            return new DhcpOptions(list);
        }

        private Builder addresses(int code, List<Ipv4Address> addresses) {
            if (addresses.isEmpty()) {
                return this;
            }
            byte[] v = new byte[addresses.size() * 4];
            for (int i = 0; i < addresses.size(); i++) {
                addresses.get(i).write(v, i * 4);
            }
            return add(code, v);
        }
    }
}
