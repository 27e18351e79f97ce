package io.xenon.guests.image;

import java.util.HexFormat;

/**
 * The few Ethernet II header operations the network images need ({@code struct ethhdr}):
 * destination MAC at 0, source MAC at 6, EtherType at 12, payload from 14.
 */
final class EtherFrame {

    /** The header's length, {@code ETH_HLEN}. */
    static final int HEADER = 14;
    /** The IEEE local experimental EtherType the test images speak. */
    static final int ETHERTYPE_TEST = 0x88B5;
    /** The broadcast address. */
    static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

    private EtherFrame() {
    }

    /** {@code xx:xx:xx:xx:xx:xx} as six bytes. */
    static byte[] mac(String text) {
        String hex = text.replace(":", "");
        if (hex.length() != 12) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return HexFormat.of().parseHex(hex);
    }

    /** A frame of {@code size} bytes from {@code src} to {@code dst} with {@code ETHERTYPE_TEST}. */
    static byte[] build(byte[] dst, byte[] src, int size) {
        byte[] f = new byte[size];
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(src, 0, f, 6, 6);
        f[12] = (byte) (ETHERTYPE_TEST >>> 8);
        f[13] = (byte) ETHERTYPE_TEST;
        return f;
    }

    /** The EtherType of {@code frame}, which is at least a header long. */
    static int ethertype(byte[] frame) {
        return (frame[12] & 0xff) << 8 | frame[13] & 0xff;
    }

    /** Whether {@code frame}'s destination is {@code mac}. */
    static boolean isFor(byte[] frame, byte[] mac) {
        return java.util.Arrays.equals(frame, 0, 6, mac, 0, 6);
    }

    /** A copy of {@code frame} with its source and destination swapped. */
    static byte[] reflect(byte[] frame) {
        byte[] r = frame.clone();
        System.arraycopy(frame, 0, r, 6, 6);
        System.arraycopy(frame, 6, r, 0, 6);
        return r;
    }
}
