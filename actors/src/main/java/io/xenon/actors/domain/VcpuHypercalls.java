package io.xenon.actors.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.Errno;
import io.xenon.abi.ShutdownReason;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Vcpu;
import io.xenon.runtime.mm.Page;
import java.util.concurrent.ScheduledFuture;

/**
 * The hypercall surface of one vCPU: each call acts on the calling vCPU and its domain, as a
 * hypercall does on {@code current}.
 *
 * <p>Confined to the vCPU's thread while it runs a slice, except the timer, which fires on the
 * timer thread and only raises an upcall.
 */
final class VcpuHypercalls implements Hypercalls {

    private final DomainServices services;
    private final Domain domain;
    private final Vcpu vcpu;
    private boolean yieldRequested;
    private ScheduledFuture<?> timer;

    VcpuHypercalls(DomainServices services, Vcpu vcpu) {
        this.services = services;
        this.domain = services.domain();
        this.vcpu = vcpu;
    }

    @Override
    public DomId domid() {
        return domain.id();
    }

    @Override
    public int vcpuId() {
        return vcpu.vcpuId();
    }

    @Override
    public int availableVcpus() {
        return domain.availableVcpus();
    }

    @Override
    public String commandLine() {
        return domain.config() == null ? "" : domain.config().commandLine();
    }

    @Override
    public long systemTime() {
        return System.nanoTime();
    }

    @Override
    public void consoleWrite(byte[] data, int offset, int length) {
        // UNTRUSTED: bounds come from the guest.
        if (offset < 0 || length < 0 || offset > data.length - length) {
            return;
        }
        domain.console().write(data, offset, length);
    }

    @Override
    public void yield() {
        yieldRequested = true;
    }

    @Override
    public void block() {
        vcpu.block();
    }

    @Override
    public void shutdown(ShutdownReason reason) {
        services.shutdown(reason, reason == ShutdownReason.CRASH ? "the guest reported a crash" : null);
    }

    @Override
    public void setTimer(long deadlineNanos) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (deadlineNanos != 0) {
            timer = services.timers().at(deadlineNanos, vcpu::raiseUpcall);
        }
    }

    @Override
    public int vcpuUp(int id) {
        if (id < 0 || id >= domain.availableVcpus() || id >= domain.maxVcpus()) {
            return -Errno.EINVAL;
        }
        domain.vcpu(id).up();
        return 0;
    }

    @Override
    public void vcpuDown() {
        vcpu.down();
    }

    @Override
    public long nrPages() {
        return domain.memory().nrPages();
    }

    @Override
    public Page page(long gfn) {
        return domain.memory().page(gfn);
    }

    @Override
    public String xenVersion() {
        return services.xenVersion();
    }

    /** Whether the guest asked to yield since the last call, clearing the request. */
    boolean takeYield() {
        boolean y = yieldRequested;
        yieldRequested = false;
        return y;
    }

    /** Cancels the vCPU's timer (the domain is going away). */
    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
