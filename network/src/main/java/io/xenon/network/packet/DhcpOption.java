package io.xenon.network.packet;

import java.util.Objects;

/**
 * One DHCP option (RFC 2132): its code and value bytes, as they follow the magic cookie. Codes 0
 * (pad) and 255 (end) carry no value and are not options of this kind; the codec writes them.
 */
public record DhcpOption(int code, ByteSlice value) {

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS = 6;
    public static final int HOSTNAME = 12;
    public static final int REQUESTED_IP = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int CLIENT_ID = 61;
    public static final int END = 255;

    public DhcpOption {
        if (code <= PAD || code >= END) {
            throw new IllegalArgumentException("not an option code with a value: " + code);
        }
        Objects.requireNonNull(value, "value");
        if (value.length() > 255) {
            throw new IllegalArgumentException("option " + code + " longer than 255 bytes");
        }
    }

    /**
     * Whether a value of {@code length} bytes is allowed for {@code code} by RFC 2132 (and RFC
     * 2131 for 53's values); codes this codec does not interpret allow any length.
     */
    static boolean lengthAllowed(int code, int length) {
        return switch (code) {
            case SUBNET_MASK, REQUESTED_IP, LEASE_TIME, SERVER_ID -> length == 4;
            case ROUTER, DNS -> length >= 4 && length % 4 == 0;
            case MESSAGE_TYPE, OVERLOAD -> length == 1;
            case HOSTNAME, PARAMETER_REQUEST_LIST -> length >= 1;
            case CLIENT_ID -> length >= 2;
            default -> true;
        };
    }
}
