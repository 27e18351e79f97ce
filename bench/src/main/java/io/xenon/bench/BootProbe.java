package io.xenon.bench;

import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A guest that records when it booted, for create-to-running latency: the benchmark waits on
 * {@link #awaitBoot} for the domain it just created. Then it blocks, like an idle guest.
 */
public final class BootProbe implements GuestKernel {

    private static final ConcurrentHashMap<Integer, CountDownLatch> BOOTS = new ConcurrentHashMap<>();

    /** Arms the probe for {@code domid}: call before the domain can boot. */
    static CountDownLatch expect(int domid) {
        return BOOTS.computeIfAbsent(domid, id -> new CountDownLatch(1));
    }

    static void forget(int domid) {
        BOOTS.remove(domid);
    }

    @Override
    public void boot(Hypercalls hv) {
        expect(hv.domid().value()).countDown();
    }

    @Override
    public void step(Hypercalls hv) {
        hv.block();
    }
}
