package io.xenon.drivers.console;

import static io.xenon.abi.console.XenconsInterface.IN_SIZE;
import static io.xenon.abi.console.XenconsInterface.MASK_XENCONS_IDX;
import static io.xenon.abi.console.XenconsInterface.OFF_in;
import static io.xenon.abi.console.XenconsInterface.OFF_in_cons;
import static io.xenon.abi.console.XenconsInterface.OFF_in_prod;
import static io.xenon.abi.console.XenconsInterface.OFF_out;
import static io.xenon.abi.console.XenconsInterface.OFF_out_cons;
import static io.xenon.abi.console.XenconsInterface.OFF_out_prod;
import static io.xenon.abi.console.XenconsInterface.OUT_SIZE;

import io.xenon.runtime.mm.Page;

/**
 * The two byte rings of a PV console page ({@code struct xencons_interface}, see
 * {@link io.xenon.abi.console.XenconsInterface}), as both ends use them: the guest writes
 * {@code out} and reads {@code in} (Linux {@code hvc_xen}, Mini-OS {@code xencons_ring.c}); the
 * console daemon reads {@code out} and writes {@code in} ({@code tools/console/daemon/io.c}).
 *
 * <p>Each end owns one index per ring (its producer or consumer index) and only reads the
 * other. A ring whose {@code prod - cons} (mod 2^32) exceeds its size has been corrupted by the
 * peer: the operations report {@link #BROKEN} and touch nothing, and the caller decides.
 *
 * <p>Stateless apart from the page, so not tied to a thread; each end must call its own half
 * from one thread at a time, as each index has one writer.
 */
public final class ConsoleRing {

    /** Returned when the peer's index puts more bytes in flight than the ring holds. */
    public static final int BROKEN = -1;

    private final Page page;

    public ConsoleRing(Page page) {
        this.page = page;
    }

    /**
     * Guest side: copies up to {@code len} bytes into {@code out} and publishes {@code out_prod}.
     *
     * @return bytes written (0 when the ring is full), or {@link #BROKEN}
     */
    public int writeOut(byte[] src, int off, int len) {
        return produce(OFF_out, OUT_SIZE, OFF_out_cons, OFF_out_prod, src, off, len);
    }

    /**
     * Guest side: copies up to {@code len} unread bytes out of {@code in} and publishes
     * {@code in_cons}.
     *
     * @return bytes read (0 when the ring is empty), or {@link #BROKEN}
     */
    public int readIn(byte[] dst, int off, int len) {
        return consume(OFF_in, IN_SIZE, OFF_in_cons, OFF_in_prod, dst, off, len);
    }

    /**
     * Back-end side: copies up to {@code len} unread bytes out of {@code out} and publishes
     * {@code out_cons}.
     *
     * @return bytes read (0 when the ring is empty), or {@link #BROKEN}
     */
    public int readOut(byte[] dst, int off, int len) {
        return consume(OFF_out, OUT_SIZE, OFF_out_cons, OFF_out_prod, dst, off, len);
    }

    /**
     * Back-end side: copies up to {@code len} bytes into {@code in} and publishes {@code in_prod}.
     *
     * @return bytes written (0 when the ring is full), or {@link #BROKEN}
     */
    public int writeIn(byte[] src, int off, int len) {
        return produce(OFF_in, IN_SIZE, OFF_in_cons, OFF_in_prod, src, off, len);
    }

    /** Back-end side: drops whatever is in {@code out} by moving {@code out_cons} to {@code out_prod}. */
    public void discardOut() {
        // ORDERING: acquire pairs with the guest's release of out_prod; release lets the guest
        // see the new out_cons only after we are done with the ring.
        page.putIntRelease(OFF_out_cons, page.getIntAcquire(OFF_out_prod));
    }

    /** Back-end side: empties {@code in} as seen from here, by moving {@code in_prod} back to {@code in_cons}. */
    public void discardIn() {
        // ORDERING: as discardOut, with the roles of the indices swapped.
        page.putIntRelease(OFF_in_prod, page.getIntAcquire(OFF_in_cons));
    }

    private int produce(int data, int size, int consOff, int prodOff, byte[] src, int off, int len) {
        // ORDERING: acquire on the consumer's index pairs with its release after reading the
        // bytes, so we overwrite a slot only once the consumer has finished with it.
        int cons = page.getIntAcquire(consOff);
        int prod = page.getInt(prodOff);
        int used = prod - cons;
        // UNTRUSTED: cons is the peer's; a value that claims more than a ring's worth is unread
        // is a broken ring, never a reason to write past the bytes the peer has not read.
        if (Integer.compareUnsigned(used, size) > 0) {
            return BROKEN;
        }
        int n = Math.min(len, size - used);
        copyIn(data, size, prod, src, off, n);
        // ORDERING: the bytes are written before the producer index that makes them visible
        // (the wmb() before intf->*_prod = prod).
        page.putIntRelease(prodOff, prod + n);
        return n;
    }

    private int consume(int data, int size, int consOff, int prodOff, byte[] dst, int off, int len) {
        // ORDERING: the producer index is read before the bytes it covers (the mb() after
        // reading *_prod), so we never read a slot the producer has not filled yet.
        int prod = page.getIntAcquire(prodOff);
        int cons = page.getInt(consOff);
        int avail = prod - cons;
        // UNTRUSTED: prod is the peer's; more than a ring's worth in flight is a broken ring.
        if (Integer.compareUnsigned(avail, size) > 0) {
            return BROKEN;
        }
        int n = Math.min(len, avail);
        copyOut(data, size, cons, dst, off, n);
        // ORDERING: the bytes are copied out before the consumer index frees their slots.
        page.putIntRelease(consOff, cons + n);
        return n;
    }

    private void copyIn(int data, int size, int idx, byte[] src, int off, int n) {
        int at = MASK_XENCONS_IDX(idx, size);
        int first = Math.min(n, size - at);
        page.write(data + at, src, off, first);
        page.write(data, src, off + first, n - first);
    }

    private void copyOut(int data, int size, int idx, byte[] dst, int off, int n) {
        int at = MASK_XENCONS_IDX(idx, size);
        int first = Math.min(n, size - at);
        page.read(data + at, dst, off, first);
        page.read(data, dst, off + first, n - first);
    }
}
