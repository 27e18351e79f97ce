package io.xenon.drivers.console;

import io.xenon.abi.console.XenconsInterface;
import io.xenon.runtime.mm.Page;
import java.util.Arrays;

/**
 * The guest's end of the first PV console, as Linux's {@code hvc_xen} ({@code domU_write_console},
 * {@code domU_read_console}) and Mini-OS's {@code xencons_ring.c} drive it: output goes into the
 * page's {@code out} ring, input comes from its {@code in} ring, and every move of an index is
 * followed by a notification to the console daemon over the console event channel.
 *
 * <p>The notification is a callback, normally {@code EVTCHNOP_send} on the guest's console port
 * ({@code start_info.console.domU.evtchn}, or {@code ~/console/port}); tests pass a counter.
 *
 * <p>Thread-safe: a guest may print from any vCPU, so both calls take the front end's lock, as
 * {@code hvc_xen} serialises writers.
 */
public final class ConsoleFront {

    private final ConsoleRing ring;
    private final Runnable notifyBack;

    /**
     * @param page       the console page ({@code start_info.console.domU.mfn}), shared with Domain-0
     * @param notifyBack kicks the back end: {@code EVTCHNOP_send} on the console port
     */
    public ConsoleFront(Page page, Runnable notifyBack) {
        this.ring = new ConsoleRing(page);
        this.notifyBack = notifyBack;
    }

    public int write(byte[] data) {
        return write(data, 0, data.length);
    }

    /**
     * Copies as much of {@code data} as fits into {@code out}, publishes {@code out_prod} and,
     * if anything was written, notifies the back end. Like {@code __write_console}, it never
     * waits: a caller with more to say retries after the back end's notification (or yields).
     *
     * @return bytes written, 0 if the ring is full, or {@link ConsoleRing#BROKEN} if the back end
     *         has corrupted {@code out_cons} ({@code hvc_xen} returns -EINVAL then)
     */
    public synchronized int write(byte[] data, int off, int len) {
        int n = ring.writeOut(data, off, len);
        if (n > 0) {
            notifyBack.run();
        }
        return n;
    }

    /**
     * Drains the {@code in} ring: everything the back end has published, in order. If anything
     * was read, the back end is notified, so it can push input it was holding back.
     *
     * @return the bytes read; empty if there were none, or if the back end has corrupted
     *         {@code in_prod} (then nothing is consumed)
     */
    public synchronized byte[] read() {
        byte[] buf = new byte[XenconsInterface.IN_SIZE];
        int n = ring.readIn(buf, 0, buf.length);
        if (n <= 0) {
            return new byte[0];
        }
        notifyBack.run();
        return Arrays.copyOf(buf, n);
    }
}
