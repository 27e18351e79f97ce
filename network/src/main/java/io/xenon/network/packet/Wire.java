package io.xenon.network.packet;

/** Big-endian reads and writes on arrays, shared by the codecs. Callers have checked bounds. */
final class Wire {

    private Wire() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
    }

    static int i32(byte[] b, int i) {
        return u16(b, i) << 16 | u16(b, i + 2);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        put16(b, i, v >>> 16);
        put16(b, i + 2, v);
    }

    static int checkU16(String name, int v) {
        if ((v & ~0xffff) != 0) {
            throw new IllegalArgumentException(name + " is not an unsigned 16-bit value: " + v);
        }
        return v;
    }

    static int checkU8(String name, int v) {
        if ((v & ~0xff) != 0) {
            throw new IllegalArgumentException(name + " is not an unsigned 8-bit value: " + v);
        }
        return v;
    }
}
