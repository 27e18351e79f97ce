package io.xenon.network.packet;

/**
 * The IEEE 802 EtherType values the network layer handles (IANA "IEEE 802 Numbers"). Values
 * below {@link #MIN_ETHERTYPE} are 802.3 lengths, not types.
 */
public final class EtherType {

    private EtherType() {
    }

    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    /** The 802.1Q tag protocol identifier (TPID). */
    public static final int VLAN = 0x8100;
    public static final int IPV6 = 0x86dd;
    /** The smallest EtherType; a smaller value in the type field is an 802.3 length. */
    public static final int MIN_ETHERTYPE = 0x0600;
}
