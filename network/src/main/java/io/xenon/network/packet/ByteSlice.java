package io.xenon.network.packet;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A view of {@code length} bytes of an array from {@code offset}: the payload a decoder hands on
 * without copying it, and the bytes an encoder writes. Equality is by content, so records holding
 * slices compare as values.
 *
 * <p>INVARIANT: {@code 0 <= offset <= offset + length <= array.length}. The array is shared, not
 * copied; whoever keeps a slice past its buffer's life calls {@link #copy()}.
 */
public record ByteSlice(byte[] array, int offset, int length) {

    /** The empty slice. */
    public static final ByteSlice EMPTY = new ByteSlice(new byte[0], 0, 0);

    public ByteSlice {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    /** A view of the whole array. */
    public static ByteSlice of(byte[] array) {
        return new ByteSlice(array, 0, array.length);
    }

    /** A view of the bytes given as hex digits (whitespace ignored); for tests and constants. */
    public static ByteSlice ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    /** Whether {@code offset} and {@code length} lie inside {@code array}, without throwing. */
    public static boolean fits(byte[] array, int offset, int length) {
        return array != null && offset >= 0 && length >= 0 && offset <= array.length - length;
    }

    /** The unsigned byte at {@code i} of this slice. */
    public int u8(int i) {
        return array[offset + i] & 0xff;
    }

    /** The big-endian unsigned 16-bit value at {@code i} of this slice. */
    public int u16(int i) {
        return (array[offset + i] & 0xff) << 8 | array[offset + i + 1] & 0xff;
    }

    /** The big-endian 32-bit value at {@code i} of this slice. */
    public int i32(int i) {
        return u16(i) << 16 | u16(i + 2);
    }

    /** The sub-view {@code [from, from + len)} of this slice. */
    public ByteSlice slice(int from, int len) {
        Objects.checkFromIndexSize(from, len, length);
        return new ByteSlice(array, offset + from, len);
    }

    /** These bytes in a fresh array. */
    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** A slice over a private copy of these bytes. */
    public ByteSlice copy() {
        return of(toArray());
    }

    /** Copies these bytes into {@code out} at {@code at}; answers the index after them. */
    public int copyTo(byte[] out, int at) {
        System.arraycopy(array, offset, out, at, length);
        return at + length;
    }

    /** Whether this slice holds no bytes. */
    public boolean isEmpty() {
        return length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSlice s
                && Arrays.equals(array, offset, offset + length, s.array, s.offset, s.offset + s.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(array, offset, offset + length);
    }
}
