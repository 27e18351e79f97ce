package io.xenon.actors.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.Errno;
import io.xenon.abi.ShutdownReason;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.abi.gnttab.GrantHandle;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Vcpu;
import io.xenon.runtime.evtchn.EvtchnStatus;
import io.xenon.runtime.evtchn.EvtchnTable;
import io.xenon.runtime.gnttab.GnttabCopy;
import io.xenon.runtime.gnttab.GrantMapping;
import io.xenon.runtime.gnttab.GrantTable;
import io.xenon.runtime.gnttab.TableFrames;
import io.xenon.runtime.gnttab.TableSize;
import io.xenon.runtime.mm.Page;
import java.util.concurrent.ScheduledFuture;
import java.util.function.IntConsumer;

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
    public int vcpuDown(int id) {
        if (id < 0 || id >= domain.maxVcpus()) {
            return -Errno.EINVAL;
        }
        domain.vcpu(id).down();
        return 0;
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
    public int memoryDecreaseReservation(long[] gfns) {
        // UNTRUSTED: the GFNs come from the guest; the p2m stops at the first it does not hold.
        return domain.memory().decreaseReservation(gfns.clone());
    }

    @Override
    public int memoryPopulatePhysmap(long[] gfns) {
        // UNTRUSTED: the p2m stops at the first GFN out of range or already populated.
        return domain.memory().populatePhysmap(gfns.clone());
    }

    @Override
    public long memoryCurrentReservation() {
        return domain.memory().nrPages();
    }

    @Override
    public long memoryMaximumReservation() {
        return domain.memory().maxPages();
    }

    @Override
    public long memoryMaximumGpfn() {
        return domain.memory().gfnLimit() - 1;
    }

    @Override
    public String xenVersion() {
        return services.xenVersion();
    }

    @Override
    public int evtchnAllocUnbound(DomId remoteDom) {
        return services.evtchns().allocUnbound(domain.id(), domain.id(), remoteDom);
    }

    @Override
    public int evtchnBindInterdomain(DomId remoteDom, int remotePort) {
        return services.evtchns().bindInterdomain(domain.id(), remoteDom, EvtchnPort.of(remotePort));
    }

    @Override
    public int evtchnBindVirq(int virq, int vcpuId) {
        return services.evtchns().bindVirq(domain.id(), virq, vcpuId);
    }

    @Override
    public int evtchnBindIpi(int vcpuId) {
        return services.evtchns().bindIpi(domain.id(), vcpuId);
    }

    @Override
    public int evtchnBindVcpu(int port, int vcpuId) {
        return services.evtchns().bindVcpu(domain.id(), EvtchnPort.of(port), vcpuId);
    }

    @Override
    public int evtchnSend(int port) {
        return services.evtchns().send(domain.id(), EvtchnPort.of(port));
    }

    @Override
    public int evtchnClose(int port) {
        return services.evtchns().close(domain.id(), EvtchnPort.of(port));
    }

    @Override
    public int evtchnUnmask(int port) {
        return services.evtchns().unmask(domain.id(), EvtchnPort.of(port));
    }

    @Override
    public EvtchnStatus evtchnStatus(int port) {
        return services.evtchns().status(domain.id(), domain.id(), EvtchnPort.of(port));
    }

    @Override
    public void evtchnMask(int port) {
        EvtchnTable table = services.evtchns().table(domain.id());
        if (table != null) {
            table.bits().mask(port);
        }
    }

    @Override
    public int evtchnDrain(IntConsumer handler) {
        EvtchnTable table = services.evtchns().table(domain.id());
        return table == null ? 0 : table.bits().drain(vcpu.vcpuId(), handler);
    }

    @Override
    public TableFrames gnttabSetupTable(int nrFrames) {
        return services.grants().setupTable(domain.id(), domain.id(), nrFrames);
    }

    @Override
    public TableSize gnttabQuerySize() {
        return services.grants().querySize(domain.id(), domain.id());
    }

    @Override
    public GrantMapping gnttabMap(DomId dom, int ref, int flags) {
        return services.grants().mapGrantRef(domain.id(), dom, new GrantRef(ref), flags);
    }

    @Override
    public GrantStatus gnttabUnmap(int handle) {
        return services.grants().unmapGrantRef(domain.id(), new GrantHandle(handle));
    }

    @Override
    public GrantStatus gnttabCopy(GnttabCopy op) {
        return services.grants().copy(domain.id(), op);
    }

    @Override
    public int grantAccess(int ref, DomId grantee, long gfn, boolean readonly) {
        GrantTable table = services.grants().table(domain.id());
        if (table == null) {
            return -Errno.EINVAL;
        }
        try {
            table.grantAccess(new GrantRef(ref), grantee, gfn, readonly);
            return 0;
        } catch (IllegalArgumentException e) {
            return -Errno.EINVAL;
        }
    }

    @Override
    public boolean endAccess(int ref) {
        GrantTable table = services.grants().table(domain.id());
        if (table == null) {
            return false;
        }
        try {
            return table.endAccess(new GrantRef(ref));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public GrantTable grantTable() {
        return services.grants().table(domain.id());
    }

    @Override
    public int consoleEvtchn() {
        return services.startInfo().consoleEvtchn();
    }

    @Override
    public long consoleGfn() {
        return services.startInfo().consoleGfn();
    }

    @Override
    public int storeEvtchn() {
        return services.startInfo().storeEvtchn();
    }

    @Override
    public int xsWrite(XsMessage request) {
        return services.xenbus().write(request);
    }

    @Override
    public XsMessage xsRead() {
        return services.xenbus().read();
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
