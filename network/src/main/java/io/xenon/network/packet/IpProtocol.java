package io.xenon.network.packet;

/** The IPv4 protocol numbers the network layer handles (IANA "Assigned Internet Protocol Numbers"). */
public final class IpProtocol {

    private IpProtocol() {
    }

    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
}
