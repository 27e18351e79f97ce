package io.xenon.network.fabric;

import io.xenon.network.packet.EtherType;

/**
 * Adding and removing a frame's IEEE 802.1Q tag, as a switch does between access ports and
 * trunks: the 4-byte tag (TPID {@code 0x8100}, then the TCI) sits after the source address.
 *
 * <pre>
 *   0  dst[6]   6  src[6]   12  TPID 0x8100   14  TCI (PCP 3 | DEI 1 | VID 12)   16  ethertype
 * </pre>
 */
final class VlanTagging {

    static final int TAG_LENGTH = 4;

    private VlanTagging() {
    }

    /** {@code f}, which is tagged, without its tag. */
    static byte[] untag(byte[] f) {
        byte[] u = new byte[f.length - TAG_LENGTH];
        System.arraycopy(f, 0, u, 0, 12);
        System.arraycopy(f, 12 + TAG_LENGTH, u, 12, f.length - 12 - TAG_LENGTH);
        return u;
    }

    /** {@code f} with a tag of {@code vid} (priority 0) after the source address. */
    static byte[] tag(byte[] f, int vid) {
        byte[] t = new byte[f.length + TAG_LENGTH];
        System.arraycopy(f, 0, t, 0, 12);
        t[12] = (byte) (EtherType.VLAN >>> 8);
        t[13] = (byte) EtherType.VLAN;
        t[14] = (byte) (vid >>> 8);
        t[15] = (byte) vid;
        System.arraycopy(f, 12, t, 12 + TAG_LENGTH, f.length - 12);
        return t;
    }
}
