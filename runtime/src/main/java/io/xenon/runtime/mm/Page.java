package io.xenon.runtime.mm;

import io.xenon.abi.Xen;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One 4 KiB machine frame, as guests and back ends see it: little-endian, shared by reference.
 *
 * <p>A page is created the first time its guest frame is touched (see {@link P2m}); until then it
 * costs no heap. Several domains may hold the same page at once (a grant mapping), so accessors
 * come in plain, acquire/release and atomic forms; ring code picks the one its protocol needs and
 * says why with an {@code ORDERING:} comment. Offsets are checked against the page bounds.
 */
public final class Page {

    public static final int SIZE = Xen.XEN_PAGE_SIZE;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes = new byte[SIZE];

    /** The raw bytes. Callers that share the page with a peer use the ordered accessors instead. */
    public byte[] bytes() {
        return bytes;
    }

    public int getU8(int offset) {
        return bytes[offset] & 0xFF;
    }

    public void putU8(int offset, int value) {
        bytes[offset] = (byte) value;
    }

    public int getU16(int offset) {
        return ((short) SHORT.get(bytes, offset)) & 0xFFFF;
    }

    public void putU16(int offset, int value) {
        SHORT.set(bytes, offset, (short) value);
    }

    public short getI16(int offset) {
        return (short) SHORT.get(bytes, offset);
    }

    public int getInt(int offset) {
        return (int) INT.get(bytes, offset);
    }

    public void putInt(int offset, int value) {
        INT.set(bytes, offset, value);
    }

    public long getLong(int offset) {
        return (long) LONG.get(bytes, offset);
    }

    public void putLong(int offset, long value) {
        LONG.set(bytes, offset, value);
    }

    /** Reads a naturally aligned u32 with acquire semantics (the peer's release is seen first). */
    public int getIntAcquire(int offset) {
        return (int) INT.getAcquire(bytes, offset);
    }

    /** Writes a naturally aligned u32 with release semantics (earlier writes are seen first). */
    public void putIntRelease(int offset, int value) {
        INT.setRelease(bytes, offset, value);
    }

    /** Reads a naturally aligned u32 with full (volatile) ordering. */
    public int getIntVolatile(int offset) {
        return (int) INT.getVolatile(bytes, offset);
    }

    /** Writes a naturally aligned u32 with full (volatile) ordering. */
    public void putIntVolatile(int offset, int value) {
        INT.setVolatile(bytes, offset, value);
    }

    /** Atomically replaces a naturally aligned u32 if it still holds {@code expected}. */
    public boolean compareAndSetInt(int offset, int expected, int value) {
        return INT.compareAndSet(bytes, offset, expected, value);
    }

    /** Reads a naturally aligned u16 with acquire semantics. */
    public int getU16Acquire(int offset) {
        return ((short) SHORT.getAcquire(bytes, offset)) & 0xFFFF;
    }

    /** Writes a naturally aligned u16 with release semantics. */
    public void putU16Release(int offset, int value) {
        SHORT.setRelease(bytes, offset, (short) value);
    }

    /** Reads a naturally aligned u16 with full (volatile) ordering. */
    public int getU16Volatile(int offset) {
        return ((short) SHORT.getVolatile(bytes, offset)) & 0xFFFF;
    }

    /**
     * Atomically replaces a naturally aligned u16 if it still holds {@code expected}: a 16-bit
     * {@code cmpxchg}, as a guest uses on a grant entry's {@code flags}. The JVM has no 16-bit
     * compare-and-set, so this one works on the aligned u32 around the u16 and retries only when
     * the other half changed under it.
     */
    public boolean compareAndSetU16(int offset, int expected, int value) {
        int word = offset & ~3;
        int shift = (offset & 2) << 3;
        int mask = 0xFFFF << shift;
        while (true) {
            int current = (int) INT.getVolatile(bytes, word);
            if (((current >>> shift) & 0xFFFF) != (expected & 0xFFFF)) {
                return false;
            }
            int next = (current & ~mask) | ((value & 0xFFFF) << shift);
            if (INT.compareAndSet(bytes, word, current, next)) {
                return true;
            }
        }
    }

    /**
     * Atomically clears {@code bits} in a naturally aligned u16 ({@code clear_bit}), leaving the
     * rest of the aligned u32 around it untouched.
     *
     * @return the u16 as it was before
     */
    public int getAndClearBitsU16(int offset, int bits) {
        int word = offset & ~3;
        int shift = (offset & 2) << 3;
        int before = (int) INT.getAndBitwiseAnd(bytes, word, ~((bits & 0xFFFF) << shift));
        return (before >>> shift) & 0xFFFF;
    }

    /** Copies {@code length} bytes out of this page. */
    public void read(int offset, byte[] dst, int dstOffset, int length) {
        System.arraycopy(bytes, offset, dst, dstOffset, length);
    }

    /** Copies {@code length} bytes into this page. */
    public void write(int offset, byte[] src, int srcOffset, int length) {
        System.arraycopy(src, srcOffset, bytes, offset, length);
    }

    /** Sets {@code length} bytes from {@code offset} to zero. */
    public void clear(int offset, int length) {
        java.util.Arrays.fill(bytes, offset, offset + length, (byte) 0);
    }
}
