package io.xenon.network.packet;

/** The DHCP message types of option 53 (RFC 2132 section 9.6). */
public enum DhcpMessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** The type of wire value {@code code}, or {@code null} for one RFC 2132 does not define. */
    public static DhcpMessageType ofCode(int code) {
        return code >= 1 && code <= 8 ? values()[code - 1] : null;
    }
}
