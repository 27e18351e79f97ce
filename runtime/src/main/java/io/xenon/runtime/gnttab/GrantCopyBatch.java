package io.xenon.runtime.gnttab;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantStatus;
import java.util.Arrays;

/**
 * A batch of {@code GNTTABOP_copy} operations between other domains' granted pages and the
 * caller's own buffers, as a back end fills one array of {@code struct gnttab_copy} per ring
 * kick and issues it in one hypercall ({@code gnttab_batch_copy}); run it with
 * {@link GrantTables#copyBatch}, read each operation's status, {@link #clear()} and reuse it.
 *
 * <p>XEN-DIFF: the caller's side of each copy is a byte array of the back end rather than one
 * of its frames ({@code GNTCOPY_*_gref} on one side only), since Domain-0's kernel memory is not
 * modelled as frames; the granted side is checked exactly as {@link GrantTables#copy} checks it.
 *
 * <p>Confined to its owner.
 */
public final class GrantCopyBatch {

    private int size;
    private DomId[] granter = new DomId[16];
    private int[] ref = new int[16];
    private int[] offset = new int[16];
    private byte[][] local = new byte[16][];
    private int[] localOffset = new int[16];
    private int[] len = new int[16];
    private boolean[] toGrant = new boolean[16];
    private GrantStatus[] status = new GrantStatus[16];

    /**
     * Adds a copy of {@code len} bytes from grant {@code ref} of {@code dom}, at {@code offset}
     * in its page, into {@code dst} at {@code dstOffset}; returns the operation's index.
     */
    public int fromGrant(DomId dom, int ref, int offset, byte[] dst, int dstOffset, int len) {
        return add(dom, ref, offset, dst, dstOffset, len, false);
    }

    /**
     * Adds a copy of {@code len} bytes of {@code src} from {@code srcOffset} into grant
     * {@code ref} of {@code dom}, at {@code offset} in its page; returns the operation's index.
     */
    public int toGrant(DomId dom, int ref, int offset, byte[] src, int srcOffset, int len) {
        return add(dom, ref, offset, src, srcOffset, len, true);
    }

    private int add(DomId dom, int r, int off, byte[] buf, int bufOffset, int n, boolean into) {
        if (size == ref.length) {
            int cap = size * 2;
            granter = Arrays.copyOf(granter, cap);
            ref = Arrays.copyOf(ref, cap);
            offset = Arrays.copyOf(offset, cap);
            local = Arrays.copyOf(local, cap);
            localOffset = Arrays.copyOf(localOffset, cap);
            len = Arrays.copyOf(len, cap);
            toGrant = Arrays.copyOf(toGrant, cap);
            status = Arrays.copyOf(status, cap);
        }
        granter[size] = dom;
        ref[size] = r;
        offset[size] = off;
        local[size] = buf;
        localOffset[size] = bufOffset;
        len[size] = n;
        toGrant[size] = into;
        status[size] = null;
        return size++;
    }

    /** Operations added since the last {@link #clear()}. */
    public int size() {
        return size;
    }

    /** The status of operation {@code i} once the batch ran; null before. */
    public GrantStatus status(int i) {
        return status[i];
    }

    /** Forgets every operation (and the buffers they named), keeping the arrays. */
    public void clear() {
        Arrays.fill(local, 0, size, null);
        Arrays.fill(granter, 0, size, null);
        size = 0;
    }

    DomId granter(int i) {
        return granter[i];
    }

    int ref(int i) {
        return ref[i];
    }

    int offset(int i) {
        return offset[i];
    }

    byte[] local(int i) {
        return local[i];
    }

    int localOffset(int i) {
        return localOffset[i];
    }

    int len(int i) {
        return len[i];
    }

    boolean intoGrant(int i) {
        return toGrant[i];
    }

    void status(int i, GrantStatus s) {
        status[i] = s;
    }
}
