package io.xenon.network.packet;

/**
 * Why a decoder dropped untrusted bytes: one reason per kind of damage, whose text is the
 * message, so the network layer can count drops by reason (as netback counts its
 * {@code rx_errors}) and log them without parsing strings.
 */
public enum Malformed {
    TRUNCATED("fewer bytes than the header or its length field needs"),
    BAD_LENGTH("a length field disagrees with the header or the enclosing packet"),
    BAD_CHECKSUM("the checksum does not verify"),
    BAD_VERSION("the IP version is not 4"),
    BAD_IHL("the IPv4 header length (IHL) is below 5 words"),
    BAD_DATA_OFFSET("the TCP data offset is below 5 words or beyond the segment"),
    BAD_MAGIC_COOKIE("the DHCP magic cookie 99.130.83.99 is missing"),
    BAD_OPTION("an option runs past the end, has a length its code forbids, or the end option is missing"),
    UNSUPPORTED("a valid packet of a kind this codec does not handle");

    private final String message;

    Malformed(String message) {
        this.message = message;
    }

    /** The reason in words. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return name() + ": " + message;
    }
}
