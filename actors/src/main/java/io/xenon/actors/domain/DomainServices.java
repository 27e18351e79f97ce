package io.xenon.actors.domain;

import io.xenon.abi.ShutdownReason;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.runtime.domain.Domain;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a domain's vCPUs reach outside the domain: the guest kernel they run, the timer service,
 * the domain actor to report shutdowns to, the event channels, the grant tables and the domain's XenStore
 * connection.
 *
 * <p>Shared by the domain's vCPU actors, which may run at once on different pCPUs; every field
 * they change is atomic or volatile.
 */
final class DomainServices {

    private final Domain domain;
    private final VcpuTimers timers;
    private final ActorRef<DomainActor.Command> domainActor;
    private final String xenVersion;
    private final io.xenon.runtime.evtchn.EventChannels evtchns;
    private final io.xenon.runtime.gnttab.GrantTables grants;
    private final DomainXenbus xenbus;
    private final StartInfo startInfo;
    private volatile GuestKernel kernel;
    private volatile int bootGeneration;

    DomainServices(Domain domain, GuestKernel kernel, VcpuTimers timers, ActorRef<DomainActor.Command> domainActor,
            String xenVersion, io.xenon.runtime.evtchn.EventChannels evtchns,
            io.xenon.runtime.gnttab.GrantTables grants, DomainXenbus xenbus, StartInfo startInfo) {
        this.domain = domain;
        this.evtchns = evtchns;
        this.grants = grants;
        this.startInfo = startInfo;
        this.xenbus = xenbus;
        this.kernel = kernel;
        this.timers = timers;
        this.domainActor = domainActor;
        this.xenVersion = xenVersion;
    }

    Domain domain() {
        return domain;
    }

    GuestKernel kernel() {
        return kernel;
    }

    VcpuTimers timers() {
        return timers;
    }

    String xenVersion() {
        return xenVersion;
    }

    /** Which boot vCPU 0 must perform; it boots again when this moves (a soft reset). */
    int bootGeneration() {
        return bootGeneration;
    }

    /** Replaces the kernel and asks vCPU 0 to boot it ({@code soft_reset}). */
    void reboot(GuestKernel fresh) {
        kernel = fresh;
        bootGeneration++;
    }

    /** The host's event channels. */
    io.xenon.runtime.evtchn.EventChannels evtchns() {
        return evtchns;
    }

    /** The host's grant tables. */
    io.xenon.runtime.gnttab.GrantTables grants() {
        return grants;
    }

    /** What the domain builder set up for the guest. */
    StartInfo startInfo() {
        return startInfo;
    }

    /** The domain's XenStore connection. */
    DomainXenbus xenbus() {
        return xenbus;
    }

    /**
     * The guest shut itself down, or crashed: records it on the domain (its vCPUs stop at once)
     * and tells the domain actor. Only the first reason counts, except that a crash overrides.
     */
    void shutdown(ShutdownReason reason, String detail) {
        if (domain.shutdown(reason)) {
            domainActor.tell(new DomainActor.GuestShutdown(reason, detail));
        }
    }
}
