package io.xenon.abi.console;

/**
 * The layout of the PV console page, {@code struct xencons_interface} in
 * {@code xen/include/public/io/console.h}: the first console's ring, which the guest shares with
 * the console daemon in Domain-0 (grant ref {@code GNTTAB_RESERVED_CONSOLE}, or the page named
 * by {@code ~/console/ring-ref}). All fields are little-endian.
 *
 * <p>Both rings are byte streams. The producer writes bytes at
 * {@code MASK_XENCONS_IDX(prod, ring)}, then a write barrier, then advances {@code prod}; the
 * consumer reads {@code prod}, a read barrier, the bytes, then advances {@code cons}. The
 * indices are free-running u32: {@code prod - cons} (mod 2^32) is the number of unread bytes
 * and is never more than the ring's size in a well-behaved ring.
 */
public final class XenconsInterface {

    private XenconsInterface() {
    }

    /*
     * typedef uint32_t XENCONS_RING_IDX;
     *
     * struct xencons_interface {
     *     char in[1024];                        // offset    0: Domain-0 -> guest (keyboard input)
     *     char out[2048];                       // offset 1024: guest -> Domain-0 (console output)
     *     XENCONS_RING_IDX in_cons, in_prod;    // offset 3072, 3076
     *     XENCONS_RING_IDX out_cons, out_prod;  // offset 3080, 3084
     *     uint8_t connection;                   // offset 3088: XENCONSOLE_*
     * };                                        // sizeof 3092 (x86_64, padded to 4)
     */
    public static final int OFF_in = 0;
    public static final int OFF_out = 1024;
    public static final int OFF_in_cons = 3072;
    public static final int OFF_in_prod = 3076;
    public static final int OFF_out_cons = 3080;
    public static final int OFF_out_prod = 3084;
    public static final int OFF_connection = 3088;
    public static final int SIZE = 3092;

    /** {@code sizeof(intf->in)}. */
    public static final int IN_SIZE = 1024;
    /** {@code sizeof(intf->out)}. */
    public static final int OUT_SIZE = 2048;

    /** The back end services the console: output will be read and emptied. */
    public static final int XENCONSOLE_CONNECTED = 0;
    /** No back end services the console yet; the flag starts this way where Xen sets it. */
    public static final int XENCONSOLE_DISCONNECTED = 1;

    /**
     * {@code MASK_XENCONS_IDX(idx, ring)}: the byte offset within a ring of {@code ringSize}
     * bytes ({@link #IN_SIZE} or {@link #OUT_SIZE}, both powers of two) for the free-running
     * index {@code idx}.
     */
    public static int MASK_XENCONS_IDX(int idx, int ringSize) {
        return idx & (ringSize - 1);
    }
}
