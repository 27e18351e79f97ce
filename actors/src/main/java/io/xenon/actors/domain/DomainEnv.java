package io.xenon.actors.domain;

import io.xenon.actors.XenLog;
import io.xenon.actors.sched.SchedulerActor;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What every domain actor shares: the scheduler, the timer service, the hypervisor's log, the
 * event channels, the grant tables, XenStore, and the host settings domains need.
 *
 * @param pcpus           the host's pCPUs (for affinity masks)
 * @param xenVersion      what {@code xen_version} reports
 * @param dumpDir         where core dumps are written
 * @param crashLoopMax    crashes tolerated within {@code crashLoopWindow} before a domain is left crashed
 * @param crashLoopWindow the window for counting crashes
 * @param evtchns         the host's event channels
 * @param grants          the host's grant tables
 * @param xenstored       XenStore
 */
public record DomainEnv(
        ActorRef<SchedulerActor.Command> scheduler,
        VcpuTimers timers,
        XenLog xenLog,
        int pcpus,
        String xenVersion,
        Path dumpDir,
        int crashLoopMax,
        Duration crashLoopWindow,
        io.xenon.runtime.evtchn.EventChannels evtchns,
        io.xenon.runtime.gnttab.GrantTables grants,
        ActorRef<io.xenon.actors.xenstore.XenStoreActor.Command> xenstored) {
}
