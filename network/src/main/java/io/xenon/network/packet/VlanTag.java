package io.xenon.network.packet;

/**
 * The IEEE 802.1Q tag control information after a {@code 0x8100} TPID: priority code point,
 * drop-eligible indicator and VLAN id, as a vif on a VLAN-tagged bridge (xl's
 * {@code bridge=xenbr0.10}) carries it.
 */
public record VlanTag(int pcp, boolean dei, int vid) {

    public VlanTag {
        if (pcp < 0 || pcp > 7) {
            throw new IllegalArgumentException("PCP outside 0..7: " + pcp);
        }
        if (vid < 0 || vid > 0xfff) {
            throw new IllegalArgumentException("VID outside 0..4095: " + vid);
        }
    }

    /** The tag of the 16-bit TCI. */
    public static VlanTag ofTci(int tci) {
        return new VlanTag(tci >>> 13 & 7, (tci & 0x1000) != 0, tci & 0xfff);
    }

    /** The 16-bit tag control information. */
    public int tci() {
        return pcp << 13 | (dei ? 0x1000 : 0) | vid;
    }
}
