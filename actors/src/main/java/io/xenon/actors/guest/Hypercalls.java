package io.xenon.actors.guest;

import io.xenon.abi.DomId;
import io.xenon.abi.ShutdownReason;
import io.xenon.runtime.mm.Page;

/**
 * The hypercall surface a guest kernel calls, bound to one vCPU of one domain. Each method names
 * the Xen hypercall it stands for; results and errors follow Xen's (negative errno values).
 *
 * <p>Calls return at once: those that change scheduling ({@link #block()}, {@link #yield()},
 * {@link #shutdown}) take effect when the current step returns.
 */
public interface Hypercalls {

    /** This domain's id. */
    DomId domid();

    /** The calling vCPU. */
    int vcpuId();

    /** vCPUs the domain may bring up ({@code vcpus} in its config; the rest are offline). */
    int availableVcpus();

    /** The kernel command line ({@code start_info.cmd_line}). */
    String commandLine();

    /** {@code NOW()}: Xen system time in ns, monotonic, from host boot. */
    long systemTime();

    /** {@code console_io(CONSOLEIO_write)}: writes to the domain's console. */
    void consoleWrite(byte[] data, int offset, int length);

    /** {@code console_io(CONSOLEIO_write)} of text as UTF-8. */
    default void consoleWrite(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        consoleWrite(b, 0, b.length);
    }

    /** {@code sched_op(SCHEDOP_yield)}: give the pCPU to another vCPU; stay runnable. */
    void yield();

    /**
     * {@code sched_op(SCHEDOP_block)}: sleep until an event upcall is pending. Returns at once
     * (the vCPU stays runnable) if one already is.
     */
    void block();

    /** {@code sched_op(SCHEDOP_shutdown)}: shuts the domain down for {@code reason}. */
    void shutdown(ShutdownReason reason);

    /**
     * {@code set_timer_op}: raise an upcall on this vCPU at system time {@code deadlineNanos};
     * 0 cancels. A deadline in the past fires at once.
     */
    void setTimer(long deadlineNanos);

    /**
     * {@code vcpu_op(VCPUOP_up)}: bring vCPU {@code vcpu} up; it starts running {@link
     * GuestKernel#step}.
     *
     * @return 0, or {@code -EINVAL} for a vCPU outside {@link #availableVcpus()}
     */
    int vcpuUp(int vcpu);

    /** {@code vcpu_op(VCPUOP_down)} on the calling vCPU: it stops being scheduled. */
    void vcpuDown();

    /** This domain's memory size in 4 KiB pages. */
    long nrPages();

    /**
     * This domain's page at {@code gfn} (a guest's own memory, as a PV kernel maps it).
     *
     * @throws IllegalArgumentException if {@code gfn} is outside the domain
     */
    Page page(long gfn);

    /** {@code xen_version}: the version string, e.g. {@code 4.19.0-xenon}. */
    String xenVersion();
}
