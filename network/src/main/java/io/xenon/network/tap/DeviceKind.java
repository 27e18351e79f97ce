package io.xenon.network.tap;

/**
 * What a {@link FrameDevice} carries: whole Ethernet frames (a TAP, layer 2) or bare IP packets
 * (a TUN, layer 3). Mirrors Linux's {@code IFF_TAP} and {@code IFF_TUN} from
 * {@code include/uapi/linux/if_tun.h}.
 */
public enum DeviceKind {

    /** Ethernet frames, header included; the device has a MAC address and answers ARP. */
    TAP(0x0002, 14 + 4),

    /** IPv4 or IPv6 packets with no link-layer header; the device is point-to-point. */
    TUN(0x0001, 0);

    private final int iffFlag;
    private final int headerBytes;

    DeviceKind(int iffFlag, int headerBytes) {
        this.iffFlag = iffFlag;
        this.headerBytes = headerBytes;
    }

    /** The {@code IFF_TAP} or {@code IFF_TUN} flag {@code TUNSETIFF} takes. */
    public int iffFlag() {
        return iffFlag;
    }

    /**
     * The longest frame a device with this {@code mtu} passes: the MTU plus, for a TAP, the
     * Ethernet header and one 802.1Q tag.
     */
    public int maxFrame(int mtu) {
        return mtu + headerBytes;
    }
}
