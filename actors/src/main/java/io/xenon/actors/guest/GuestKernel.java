package io.xenon.actors.guest;

/**
 * A guest kernel: the software a DomU runs. Like Mini-OS it is event-driven: it is booted on
 * vCPU 0, then each of its vCPUs runs bounded steps of work in the slices the scheduler gives it,
 * handles event upcalls, and blocks when it has nothing to do.
 *
 * <p>In each slice a vCPU first delivers a pending upcall ({@link #upcall}), then calls
 * {@link #step} again and again until the kernel blocks, yields, shuts down, or the slice ends.
 * Every call must return within a bounded time (well under a slice): the hypervisor cannot
 * pre-empt Java code, so a step that never returns holds a pCPU forever.
 *
 * <p>A kernel reaches the hypervisor only through the {@link Hypercalls} it is handed; each
 * handle is bound to the calling vCPU. Calls for different vCPUs of one domain may run at the same
 * time on different pCPUs, as on an SMP machine. An exception escaping any method crashes the
 * domain ({@code SHUTDOWN_crash}); the domain's {@code on_crash} action then applies.
 */
public interface GuestKernel {

    /** Boots the kernel on vCPU 0, at the start of the domain's first slice. */
    void boot(Hypercalls hv) throws Exception;

    /**
     * Handles the events pending on this vCPU (the event-channel upcall). The pending flag is
     * already cleared; events that arrive meanwhile raise it again.
     */
    default void upcall(Hypercalls hv) throws Exception {
    }

    /**
     * Runs one bounded step of work on this vCPU. Call {@link Hypercalls#block()} to sleep until
     * an event, {@link Hypercalls#yield()} to give the pCPU away.
     */
    void step(Hypercalls hv) throws Exception;
}
