package io.xenon.runtime.evtchn;

import static io.xenon.abi.evtchn.EvtchnOp.BITS_PER_EVTCHN_WORD;
import static io.xenon.abi.evtchn.EvtchnOp.EVTCHN_2L_NR_WORDS;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntConsumer;

/**
 * A domain's 2-level event bits ({@code xen/common/event_2l.c}): {@code shared_info}'s
 * {@code evtchn_pending[]} and {@code evtchn_mask[]}, one bit per port in 64 words of 64 bits,
 * and each vCPU's {@code vcpu_info.evtchn_pending_sel}, one bit per pending word. The vCPU's
 * {@code evtchn_upcall_pending} is {@link io.xenon.runtime.domain.Vcpu}'s own flag.
 *
 * <p>XEN-DIFF: the bits live in long arrays owned by the domain's table, not in a
 * {@code shared_info} page, because Xenon's domains have no shared-info page yet; the layout
 * (word {@code port / 64}, bit {@code port % 64}) is Xen's, so moving them into a page later
 * changes no caller.
 *
 * <p>Thread-safe: every bit changes by an atomic read-modify-write, since the hypervisor sets
 * pending bits while the guest clears them, as on real shared memory.
 */
public final class EvtchnBits {

    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] pending;
    private final long[] mask;
    private final long[] pendingSel;
    /** Selector words per vCPU: 1 for the 2-level ABI's 4,096 ports. */
    private final int selWords;

    EvtchnBits(int vcpus) {
        this(vcpus, EVTCHN_2L_NR_WORDS);
    }

    /**
     * Bits for {@code words} x 64 ports. XEN-DIFF: beyond 4,096 ports (Domain-0, which Xen gives
     * the FIFO ABI) the selector grows to one word per 4,096 ports, a third level the 2-level ABI
     * does not have; no guest sees it.
     */
    EvtchnBits(int vcpus, int words) {
        this.pending = new long[words];
        this.mask = new long[words];
        this.selWords = (words + BITS_PER_EVTCHN_WORD - 1) / BITS_PER_EVTCHN_WORD;
        this.pendingSel = new long[vcpus * selWords];
    }

    /**
     * {@code evtchn_2l_set_pending}: sets the port's pending bit; if that is a new edge, the port
     * is unmasked and the selector bit was clear, sets the selector bit.
     *
     * @return whether the vCPU must now get an upcall
     */
    boolean setPending(int port, int vcpu) {
        if (testAndSet(pending, port)) {
            return false;
        }
        return !test(mask, port) && !selectWord(vcpu, port);
    }

    /**
     * {@code evtchn_2l_unmask}: clears the mask bit; if it was set, the port is pending and the
     * selector bit was clear, sets the selector bit, so an edge raised while masked is delivered.
     *
     * @return whether the vCPU must now get an upcall
     */
    boolean unmask(int port, int vcpu) {
        return testAndClear(mask, port) && test(pending, port) && !selectWord(vcpu, port);
    }

    /** Guest side: sets the port's mask bit (a guest writes {@code evtchn_mask} directly). */
    public void mask(int port) {
        WORD.getAndBitwiseOr(mask, port / BITS_PER_EVTCHN_WORD, bit(port));
    }

    /** Guest side: clears the port's pending bit, as a guest does before handling it. */
    public void clearPending(int port) {
        testAndClear(pending, port);
    }

    public boolean isPending(int port) {
        return test(pending, port);
    }

    public boolean isMasked(int port) {
        return test(mask, port);
    }

    /**
     * Guest side: the scan a 2-level guest runs in its upcall (Linux's
     * {@code evtchn_2l_handle_events}, without its fairness rotation): takes the vCPU's selector,
     * and for each selected word hands every pending, unmasked port to {@code handler} after
     * clearing its pending bit.
     *
     * @return how many ports were handled
     */
    public int drain(int vcpu, IntConsumer handler) {
        int handled = 0;
        for (int s = 0; s < selWords; s++) {
            handled += drainSelector(vcpu * selWords + s, s * BITS_PER_EVTCHN_WORD, handler);
        }
        return handled;
    }

    private int drainSelector(int selIndex, int firstWord, IntConsumer handler) {
        // A plain look first: Domain-0 has 32 selector words, and most are clear on each upcall.
        if ((long) WORD.getVolatile(pendingSel, selIndex) == 0) {
            return 0;
        }
        long sel = (long) WORD.getAndSet(pendingSel, selIndex, 0L);
        int handled = 0;
        while (sel != 0) {
            int word = firstWord + Long.numberOfTrailingZeros(sel);
            sel &= sel - 1;
            long ready = (long) WORD.getVolatile(pending, word) & ~(long) WORD.getVolatile(mask, word);
            while (ready != 0) {
                int port = word * BITS_PER_EVTCHN_WORD + Long.numberOfTrailingZeros(ready);
                ready &= ready - 1;
                if (testAndClear(pending, port)) {
                    handler.accept(port);
                    handled++;
                }
            }
        }
        return handled;
    }

    private static long bit(int index) {
        return 1L << (index % BITS_PER_EVTCHN_WORD);
    }

    private static boolean test(long[] words, int port) {
        return ((long) WORD.getVolatile(words, port / BITS_PER_EVTCHN_WORD) & bit(port)) != 0;
    }

    private static boolean testAndSet(long[] words, int port) {
        long b = bit(port);
        return ((long) WORD.getAndBitwiseOr(words, port / BITS_PER_EVTCHN_WORD, b) & b) != 0;
    }

    /** Test-and-sets the vCPU's selector bit for the word holding {@code port}. */
    private boolean selectWord(int vcpu, int port) {
        long b = bit(port / BITS_PER_EVTCHN_WORD);
        int word = port / BITS_PER_EVTCHN_WORD;
        return ((long) WORD.getAndBitwiseOr(pendingSel, vcpu * selWords + word / BITS_PER_EVTCHN_WORD, b) & b) != 0;
    }

    private static boolean testAndClear(long[] words, int port) {
        long b = bit(port);
        return ((long) WORD.getAndBitwiseAnd(words, port / BITS_PER_EVTCHN_WORD, ~b) & b) != 0;
    }
}
