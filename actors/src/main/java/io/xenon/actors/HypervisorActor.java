package io.xenon.actors;

import io.xenon.abi.DomId;
import io.xenon.abi.ShutdownReason;
import io.xenon.abi.Xen;
import io.xenon.actors.backend.BackendsActor;
import io.xenon.actors.domain.Devices;
import io.xenon.actors.domain.DomainActor;
import io.xenon.actors.domain.DomainEnv;
import io.xenon.actors.domain.DomainMetrics;
import io.xenon.actors.domain.DomainSupervisor;
import io.xenon.actors.domain.VcpuTimers;
import io.xenon.actors.ext.HostExtension;
import io.xenon.actors.ext.HostServices;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.GuestLoadException;
import io.xenon.actors.guest.GuestLoader;
import io.xenon.actors.sched.SchedulerActor;
import io.xenon.actors.xenstore.DeviceNodes;
import io.xenon.actors.xenstore.DomainNodes;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.config.DiskSpec;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.VifSpec;
import io.xenon.runtime.console.ConsoleLog;
import io.xenon.runtime.domain.CreateException;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.DomainInfo;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.domain.MemoryException;
import io.xenon.runtime.domain.Vcpu;
import io.xenon.runtime.evtchn.EventChannels;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.sched.Cpupools;
import io.xenon.runtime.sched.CreditScheduler;
import io.xenon.runtime.sched.FairScheduler;
import io.xenon.runtime.sched.Scheduler;
import io.xenon.runtime.xenstore.XsQuota;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The hypervisor: the root of the actor tree. It owns the {@link Host} (memory, domids, the
 * domain table) and the event channels, boots Domain-0, and starts the {@code xenstored},
 * {@code balloon} (Domain-0's), {@code backends}, {@code scheduler} and {@code domains} children.
 * Toolstack commands arrive here; the hypervisor resolves the domain they name (an id or a
 * name, as xl does) and hands domain work to the {@link DomainSupervisor}.
 *
 * <p>Creating a domain checks everything that can fail (the kernel, the name, the memory)
 * before anything is taken, so a refused create changes nothing.
 */
public final class HypervisorActor {

    /** What the hypervisor accepts. */
    public sealed interface Command {
    }

    /** {@code xl create}: answers {@link Reply.Created} or {@link Reply.Rejected}. */
    public record CreateDomain(DomainConfig config, boolean paused, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl destroy}: answers once the domain is gone. */
    public record DestroyDomain(String domain, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl pause}. */
    public record PauseDomain(String domain, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl unpause}. */
    public record UnpauseDomain(String domain, ActorRef<Reply> replyTo) implements Command {
    }

    /**
     * {@code xl shutdown} ({@code POWEROFF}) or {@code xl reboot} ({@code REBOOT}); with
     * {@code waitForIt}, answers once the domain has shut down or is gone.
     */
    public record ShutdownDomain(String domain, ShutdownReason reason, boolean waitForIt, ActorRef<Reply> replyTo)
            implements Command {
    }

    /** {@code xl rename}. */
    public record RenameDomain(String domain, String newName, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl dump-core}: {@code file} may be null for {@code <dump-dir>/<name>}. */
    /**
     * {@code xl mem-set}: sets the domain's balloon target ({@code memory/target}), refused above
     * its maximum or beyond the host's free memory.
     */
    public record SetMemoryTarget(String domain, long kib, ActorRef<Reply> replyTo) implements Command {
    }

    /**
     * {@code xl mem-max}: sets the domain's maximum ({@code max_pages} and
     * {@code memory/static-max}), refused below its target or above the host's memory.
     */
    public record SetMaxMemory(String domain, long kib, ActorRef<Reply> replyTo) implements Command {
    }

    /**
     * {@code xl sched-credit -d DOM -w W -c C}: the domain's weight and cap (null keeps one),
     * checked as libxl checks them.
     */
    public record SetSchedParams(String domain, Integer weight, Integer cap, ActorRef<Reply> replyTo)
            implements Command {
    }

    /** {@code xl sched-credit [-d DOM]}: the credit parameters of one domain, or of all when null. */
    public record GetSchedParams(String domain, ActorRef<SchedParamsList> replyTo) implements Command {
    }

    /**
     * {@code xl sched-credit -s [-p POOL] [-t T] [-r R] [-m M]}: the parameters of the pool named
     * or numbered {@code pool} (null: Pool-0), changed first where not null.
     */
    public record SchedPoolParams(String pool, Integer tsliceMs, Integer ratelimitUs, Integer migrationDelayUs,
            ActorRef<SchedulerActor.PoolParams> replyTo) implements Command {
    }

    /**
     * {@code xl vcpu-pin}: the hard and soft affinity of vCPU {@code vcpu} ({@code -1}: every vCPU);
     * a null mask is left as it is.
     */
    public record SetVcpuAffinity(String domain, int vcpu, BitSet hard, BitSet soft, ActorRef<Reply> replyTo)
            implements Command {
    }

    /** {@code xl vcpu-set}: how many vCPUs the domain may have online. */
    public record SetVcpus(String domain, int count, ActorRef<Reply> replyTo) implements Command {
    }

    public record DumpCore(String domain, String file, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl list}. */
    public record ListDomains(ActorRef<DomainList> replyTo) implements Command {
    }

    /** One domain's state and config ({@code xl list -l DOM}). */
    public record GetDomain(String domain, ActorRef<DomainDetail> replyTo) implements Command {
    }

    /** {@code xl info}. */
    public record GetHostInfo(ActorRef<HostInfo> replyTo) implements Command {
    }

    /** {@code xl dmesg [-c]}. */
    public record ReadDmesg(boolean clear, ActorRef<Dmesg> replyTo) implements Command {
    }

    /** {@code xl console}: the domain's console log, to read and follow. */
    public record OpenConsole(String domain, ActorRef<ConsoleReply> replyTo) implements Command {
    }

    /** {@code xl block-list} ({@code vbd}) and {@code xl network-list} ({@code vif}). */
    public record ListDevices(String domain, String kind, ActorRef<XenStoreActor.DeviceList> replyTo)
            implements Command {
    }

    /** {@code xl network-attach}: answers {@link Reply.Done} with the new devid. */
    public record AttachNic(String domain, VifSpec vif, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl block-attach}: answers {@link Reply.Done} with the new devid (the vbd number). */
    public record AttachDisk(String domain, DiskSpec disk, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl block-detach} / {@code xl network-detach}: by devid, vdev or MAC. */
    public record DetachDevice(String domain, String kind, String device, ActorRef<Reply> replyTo)
            implements Command {
    }

    /** Domain-0's services, for back ends running in the daemon. */
    public record GetDom0(ActorRef<Dom0Services> replyTo) implements Command {
    }

    /**
     * What a back end in Domain-0 uses: the event channels and grant tables (acting as
     * Domain-0), Domain-0's event handlers, XenStore, and what the host's extensions publish.
     */
    public record Dom0Services(EventChannels evtchns, GrantTables grants, Dom0Events events,
            ActorRef<XenStoreActor.Command> xenstored, IntFunction<Domain> domains, ConsoleInputs consoleInputs,
            HostServices services) {
    }

    /** The XenStore actor, for the toolstack's socket server. */
    public record GetXenStore(ActorRef<ActorRef<XenStoreActor.Command>> replyTo) implements Command {
    }

    /** Live domains, open event-channel ports, grant tables and grant mappings, for leak checks. */
    /**
     * A cpupool command ({@code xl cpupool-create}, {@code -list}, {@code -destroy},
     * {@code -cpu-add}, {@code -cpu-remove}) for the scheduler, which answers it.
     */
    public record ForScheduler(SchedulerActor.Command command) implements Command {
    }

    /** {@code xl cpupool-migrate}: the domain moves to {@code pool}; Domain-0 never does. */
    public record MigrateToPool(String domain, String pool, ActorRef<Reply> replyTo) implements Command {
    }

    /** The scheduler answered whether a new domain joined its {@code pool=} cpupool. */
    private record PoolJoined(CreateDomain create, Domain domain, GuestKernel kernel, Reply reply)
            implements Command {
    }

    public record GetCounts(ActorRef<Counts> replyTo) implements Command {
    }

    /** What {@link GetCounts} answers. */
    public record Counts(int domains, int evtchnPorts, int grantTables, int grantMappings) {
    }

    /** The host is stopping: destroys every DomU; answers once they are all gone. */
    public record StopAll(ActorRef<Reply> replyTo) implements Command {
    }

    /** A domain's actors are gone: release its memory and id. */
    public record DomainGone(Domain domain) implements Command {
    }

    /** A domain shut down or crashed. */
    public record DomainShutDownNotice(DomId id, ShutdownReason reason) implements Command {
    }

    /** Keeps a shut-down domain under a new name and uuid, freeing its name (rename-restart). */
    public record PreserveDomain(DomId id, ActorRef<Reply> replyTo) implements Command {
    }

    private record NodeWritten(ActorRef<Reply> replyTo, Reply reply) implements Command {
    }

    private record Sample() implements Command {
    }

    private record ShutdownRequested(DomId id, ActorRef<Reply> waiter, Reply reply, boolean waitForIt)
            implements Command {
    }

    /** The domains, in domid order. */
    public record DomainList(List<DomainInfo> domains) {
    }

    /** A domain's state and config, or {@code error} if there is no such domain. */
    public record SchedParamsList(List<SchedParams> domains, String error) {
    }

    /** One domain's row of {@code xl sched-credit}. */
    public record SchedParams(DomId id, String name, int weight, int cap) {
    }

    public record DomainDetail(DomainInfo info, DomainConfig config, String error) {
    }

    /** The host, as {@code xl info} reports it. */
    public record HostInfo(int pcpus, long totalMiB, long freeMiB, long touchedMiB, String scheduler,
            String xenVersion, int xenMajor, int xenMinor, String xenExtra, long bootMillis, int domains) {
    }

    /** The hypervisor console ring's text. */
    public record Dmesg(byte[] text) {
    }

    /** A domain's console, or {@code error}. */
    public record ConsoleReply(DomId id, String name, ConsoleLog log, Consumer<byte[]> input, String error) {
    }

    private static final DateTimeFormatter PRESERVE_SUFFIX = DateTimeFormatter.ofPattern("'-'yyyyMMdd'T'HHmm'Z'");

    private final ActorContext<Command> context;
    private final HostSettings settings;
    private final Host host;
    private final Domain dom0;
    private final XenLog xenLog;
    private final VcpuTimers timers;
    private final GuestLoader loader;
    private final ActorRef<SchedulerActor.Command> scheduler;
    private final ActorRef<DomainSupervisor.Command> domains;
    private final EventChannels evtchns = new EventChannels();
    private final GrantTables grants = new GrantTables();
    private final Dom0Events dom0Events;
    private final Map<Integer, Domain> live = new ConcurrentHashMap<>();
    private final ConsoleInputs consoleInputs = new ConsoleInputs();
    private final HostServices services = new HostServices();
    private final ActorRef<XenStoreActor.Command> xenstored;
    private final Map<DomId, List<ActorRef<Reply>>> deathWaiters = new HashMap<>();
    private final Map<DomId, List<ActorRef<Reply>>> shutdownWaiters = new HashMap<>();
    private final HostSampler sampler;
    private final List<ActorRef<Reply>> stopWaiters = new ArrayList<>();
    private boolean stopping;

    private HypervisorActor(ActorContext<Command> context, HostSettings settings, GuestLoader loader)
            throws CreateException {
        this.context = context;
        this.settings = settings;
        this.loader = loader;
        this.xenLog = new XenLog(settings.dmesgBytes());
        this.host = new Host(settings.memoryMiB(), settings.pcpus());
        this.dom0 = host.createDom0(settings.dom0MemoryMiB(), settings.dom0Vcpus());
        this.sampler = new HostSampler(host, dom0);
        for (Vcpu v : dom0.vcpus()) {
            v.setRunning(v.vcpuId() % settings.pcpus());
        }
        this.timers = new VcpuTimers();
        evtchns.create(dom0);
        grants.create(dom0);
        this.dom0Events = new Dom0Events(dom0, evtchns.table(DomId.DOM0).bits());
        this.xenstored = context.spawn(XenStoreActor.create(XsQuota.defaults(), new DomainNodes(0, dom0.uuid(),
                dom0.name(), "pv", settings.dom0MemoryMiB() * 1024, settings.dom0MemoryMiB() * 1024,
                settings.dom0Vcpus(), settings.dom0Vcpus(), dom0.createdAtMillis(), 0)), "xenstored");
        context.spawn(Dom0BalloonActor.create(xenstored, dom0, grants.table(DomId.DOM0).firstFrameGfn()), "balloon");
        this.scheduler = context.spawn(SchedulerActor.create(scheduler(settings.scheduler(), Cpupools.POOL0, settings),
                settings.pcpus(), (sched, pool) -> scheduler(sched, pool, settings)), "scheduler");
        DomainEnv env = new DomainEnv(scheduler, timers, xenLog, settings.pcpus(), settings.xenVersion(),
                settings.dumpDir(), settings.crashLoopMax(), settings.crashLoopWindow(), evtchns, grants,
                xenstored);
        for (HostExtension extension : ServiceLoader.load(HostExtension.class, HypervisorActor.class.getClassLoader())) {
            extension.start(context, settings.xenon(), dom0Services());
        }
        context.spawn(BackendsActor.create(dom0Services(),
                settings.stateDir(), HypervisorActor.class.getClassLoader()), "backends");
        this.domains = context.spawn(DomainSupervisor.create(context.getSelf(), env, loader), "domains");
        xenLog.printk("Xen version " + settings.xenVersion() + " (Xenon)");
        xenLog.printk("Using scheduler: " + settings.scheduler() + ", " + settings.pcpus() + " pCPUs, "
                + settings.memoryMiB() + " MiB");
        xenLog.printk("Domain-0: " + settings.dom0MemoryMiB() + " MiB, " + settings.dom0Vcpus() + " vCPUs");
    }

    /** The hypervisor of a host with {@code settings}; built-in images come from {@code loader}. */
    public static Behavior<Command> create(HostSettings settings, GuestLoader loader) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
            HypervisorActor actor = new HypervisorActor(ctx, settings, loader);
            timers.startTimerWithFixedDelay(Sample.class, new Sample(), Duration.ofSeconds(1));
            return actor.behavior();
        }));
    }

    /** A new scheduler {@code sched} for cpupool {@code pool}. */
    private static Scheduler scheduler(String sched, String pool, HostSettings settings) {
        return switch (sched) {
            case "credit" -> new CreditScheduler(pool, settings.pcpus(), settings.tsliceMs(),
                    settings.ratelimitUs());
            case "fair" -> new FairScheduler(settings.slice().toNanos());
            default -> throw new IllegalArgumentException("unknown scheduler \"" + sched + "\" (known: credit, fair)");
        };
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(CreateDomain.class, this::onCreate)
                .onMessage(PoolJoined.class, this::onPoolJoined)
                .onMessage(ForScheduler.class, m -> {
                    scheduler.tell(m.command());
                    return Behaviors.same();
                })
                .onMessage(MigrateToPool.class, this::onMigrateToPool)
                .onMessage(DestroyDomain.class, this::onDestroy)
                .onMessage(PauseDomain.class, m -> forward(m.domain(), m.replyTo(), new DomainActor.Pause(m.replyTo())))
                .onMessage(UnpauseDomain.class,
                        m -> forward(m.domain(), m.replyTo(), new DomainActor.Unpause(m.replyTo())))
                .onMessage(ShutdownDomain.class, this::onShutdown)
                .onMessage(ShutdownRequested.class, this::onShutdownRequested)
                .onMessage(RenameDomain.class, this::onRename)
                .onMessage(DumpCore.class, this::onDumpCore)
                .onMessage(SetSchedParams.class, this::onSetSchedParams)
                .onMessage(GetSchedParams.class, this::onGetSchedParams)
                .onMessage(SchedPoolParams.class, m -> {
                    scheduler.tell(new SchedulerActor.SetPoolParams(m.pool(), m.tsliceMs(), m.ratelimitUs(),
                            m.migrationDelayUs(), m.replyTo()));
                    return Behaviors.same();
                })
                .onMessage(SetVcpuAffinity.class, this::onSetVcpuAffinity)
                .onMessage(SetVcpus.class, this::onSetVcpus)
                .onMessage(SetMemoryTarget.class, this::onSetMemoryTarget)
                .onMessage(SetMaxMemory.class, this::onSetMaxMemory)
                .onMessage(NodeWritten.class, m -> {
                    m.replyTo().tell(m.reply());
                    return Behaviors.same();
                })
                .onMessage(ListDomains.class, this::onList)
                .onMessage(GetDomain.class, this::onGetDomain)
                .onMessage(GetHostInfo.class, this::onHostInfo)
                .onMessage(ReadDmesg.class, this::onDmesg)
                .onMessage(OpenConsole.class, this::onOpenConsole)
                .onMessage(ListDevices.class, m -> {
                    Domain d = host.find(m.domain());
                    if (d == null) {
                        m.replyTo().tell(new XenStoreActor.DeviceList(null, "domain " + m.domain() + " does not exist"));
                    } else {
                        xenstored.tell(new XenStoreActor.ListDevices(d.id().value(), m.kind(), m.replyTo()));
                    }
                    return Behaviors.same();
                })
                .onMessage(AttachNic.class, m -> {
                    Domain d = lookup(m.domain(), m.replyTo(), "attach a device to");
                    if (d != null) {
                        int domid = d.id().value();
                        String mac = Devices.mac(m.vif());
                        xenstored.tell(new XenStoreActor.AttachDevice(domid, "vif", m.vif().devid(),
                                devid -> DeviceNodes.vif(domid, devid, m.vif(), mac), m.replyTo()));
                    }
                    return Behaviors.same();
                })
                .onMessage(AttachDisk.class, m -> {
                    Domain d = lookup(m.domain(), m.replyTo(), "attach a device to");
                    if (d != null) {
                        int domid = d.id().value();
                        int devid;
                        try {
                            devid = Devices.vbdDevid(m.disk());
                        } catch (IllegalArgumentException e) {
                            m.replyTo().tell(new Reply.Rejected(e.getMessage(), Reply.Kind.INVALID));
                            return Behaviors.same();
                        }
                        xenstored.tell(new XenStoreActor.AttachDevice(domid, "vbd", devid,
                                id -> DeviceNodes.vbd(domid, id, m.disk()), m.replyTo()));
                    }
                    return Behaviors.same();
                })
                .onMessage(DetachDevice.class, m -> {
                    Domain d = lookup(m.domain(), m.replyTo(), "detach a device from");
                    if (d != null) {
                        xenstored.tell(new XenStoreActor.RemoveDevice(d.id().value(), m.kind(), m.device(), m.replyTo()));
                    }
                    return Behaviors.same();
                })
                .onMessage(GetDom0.class, m -> {
                    m.replyTo().tell(dom0Services());
                    return Behaviors.same();
                })
                .onMessage(GetXenStore.class, m -> {
                    m.replyTo().tell(xenstored);
                    return Behaviors.same();
                })
                .onMessage(GetCounts.class, m -> {
                    m.replyTo().tell(new Counts(host.domainCount(), evtchns.openPorts(), grants.size(),
                            grants.activeMappings()));
                    return Behaviors.same();
                })
                .onMessage(StopAll.class, this::onStopAll)
                .onMessage(DomainGone.class, this::onGone)
                .onMessage(DomainShutDownNotice.class, this::onShutDownNotice)
                .onMessage(PreserveDomain.class, this::onPreserve)
                .onMessage(Sample.class, this::onSample)
                .onSignal(PostStop.class, s -> {
                    timers.close();
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> onCreate(CreateDomain m) {
        if (stopping) {
            m.replyTo().tell(new Reply.Rejected("the host is shutting down"));
            return Behaviors.same();
        }
        DomainConfig config = m.config();
        GuestKernel kernel;
        Domain d;
        try {
            for (DiskSpec disk : config.disks()) {
                Devices.vbdDevid(disk);
            }
            kernel = loader.load(config.kernel(), config.commandLine());
            d = host.create(config);
        } catch (IllegalArgumentException e) {
            m.replyTo().tell(new Reply.Rejected(e.getMessage(), Reply.Kind.INVALID));
            return Behaviors.same();
        } catch (GuestLoadException | CreateException e) {
            m.replyTo().tell(new Reply.Rejected(e.getMessage(),
                    e instanceof GuestLoadException ? Reply.Kind.INVALID : Reply.Kind.CONFLICT));
            return Behaviors.same();
        }
        if (config.pool() != null) {
            Domain created = d;
            context.ask(Reply.class, scheduler, Duration.ofSeconds(10),
                    r -> new SchedulerActor.MoveDomain(created.id(), config.pool(), r),
                    (reply, error) -> new PoolJoined(m, created, kernel,
                            reply != null ? reply : new Reply.Rejected("cpupool " + config.pool() + ": " + error)));
            return Behaviors.same();
        }
        return start(m, d, kernel);
    }

    /** A domain created with {@code pool=} starts once it is in that pool; a refused pool undoes it. */
    private Behavior<Command> onPoolJoined(PoolJoined m) {
        if (m.reply() instanceof Reply.Rejected rejected) {
            scheduler.tell(new SchedulerActor.ReleaseDomain(m.domain().id()));
            host.release(m.domain());
            m.create().replyTo().tell(new Reply.Rejected("pool=\"" + m.create().config().pool() + "\": "
                    + rejected.reason(), Reply.Kind.INVALID));
            return Behaviors.same();
        }
        return start(m.create(), m.domain(), m.kernel());
    }

    private Behavior<Command> start(CreateDomain m, Domain d, GuestKernel kernel) {
        DomainConfig config = m.config();
        evtchns.create(d);
        grants.create(d);
        live.put(d.id().value(), d);
        DomainMetrics dm = sampler.add(d);
        xenLog.printk("Created domain " + d.id() + " (" + d.name() + "): " + config.memoryMiB() + " MiB, "
                + config.vcpus() + " vCPUs, kernel " + config.kernel());
        domains.tell(new DomainSupervisor.StartDomain(d, kernel, m.paused(), dm, m.replyTo()));
        return Behaviors.same();
    }

    private Behavior<Command> onMigrateToPool(MigrateToPool m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(Reply.noSuchDomain(m.domain()));
        } else {
            scheduler.tell(new SchedulerActor.MoveDomain(d.id(), m.pool(), m.replyTo()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDestroy(DestroyDomain m) {
        Domain d = lookup(m.domain(), m.replyTo(), "destroy");
        if (d != null) {
            deathWaiters.computeIfAbsent(d.id(), id -> new ArrayList<>()).add(m.replyTo());
            domains.tell(new DomainSupervisor.DestroyDomain(d.id()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> forward(String ref, ActorRef<Reply> replyTo, DomainActor.Command command) {
        Domain d = lookup(ref, replyTo, "control");
        if (d != null) {
            domains.tell(new DomainSupervisor.ForDomain(d.id(), command));
        }
        return Behaviors.same();
    }

    /**
     * {@code xl shutdown} and {@code xl reboot} as libxl does them: writes {@code poweroff} or
     * {@code reboot} to the domain's {@code control/shutdown}; a guest that watches it shuts
     * itself down, a guest that does not stays up.
     */
    private Behavior<Command> onShutdown(ShutdownDomain m) {
        Domain d = lookup(m.domain(), m.replyTo(), m.reason() == ShutdownReason.REBOOT ? "reboot" : "shut down");
        if (d == null) {
            return Behaviors.same();
        }
        if (d.isShutdown() || d.isDying()) {
            m.replyTo().tell(new Reply.Rejected("domain " + d.id() + " is already shut down", Reply.Kind.CONFLICT));
            return Behaviors.same();
        }
        DomId id = d.id();
        String value = m.reason() == ShutdownReason.REBOOT ? "reboot" : "poweroff";
        context.ask(Boolean.class, xenstored, Duration.ofSeconds(10),
                r -> new XenStoreActor.WriteControl(id.value(), "shutdown", value, r),
                (written, error) -> new ShutdownRequested(id, m.replyTo(), Boolean.TRUE.equals(written)
                        ? new Reply.Done("") : new Reply.Rejected("cannot write control/shutdown of domain " + id),
                        m.waitForIt()));
        return Behaviors.same();
    }

    private Behavior<Command> onShutdownRequested(ShutdownRequested m) {
        if (m.reply() instanceof Reply.Rejected || !m.waitForIt()) {
            m.waiter().tell(m.reply());
        } else if (host.get(m.id()) == null || host.get(m.id()).isShutdown()) {
            m.waiter().tell(new Reply.Done(""));
        } else {
            shutdownWaiters.computeIfAbsent(m.id(), id -> new ArrayList<>()).add(m.waiter());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onRename(RenameDomain m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(Reply.noSuchDomain(m.domain()));
            return Behaviors.same();
        }
        String name = m.newName();
        if (name == null || name.isBlank() || name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
            m.replyTo().tell(new Reply.Rejected("invalid domain name \"" + name + "\"", Reply.Kind.INVALID));
            return Behaviors.same();
        }
        try {
            String old = d.name();
            host.rename(d, name);
            xenstored.tell(new XenStoreActor.RenameDomain(d.id().value(), name));
            xenLog.printk("Domain " + d.id() + " renamed from " + old + " to " + name);
            m.replyTo().tell(new Reply.Done(""));
        } catch (CreateException e) {
            m.replyTo().tell(new Reply.Rejected(e.getMessage()));
        }
        return Behaviors.same();
    }

    /**
     * {@code libxl_set_memory_target}: the host checks the target, then it goes to the domain's
     * {@code memory/target}, where its balloon driver watches. Domain-0's is the daemon's
     * {@link Dom0BalloonActor}, which moves Domain-0's reservation as a DomU's balloon moves the
     * guest's.
     */
    private Behavior<Command> onSetMemoryTarget(SetMemoryTarget m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(Reply.noSuchDomain(m.domain()));
            return Behaviors.same();
        }
        try {
            host.setMemoryTarget(d, m.kib());
        } catch (MemoryException e) {
            m.replyTo().tell(new Reply.Rejected(e.getMessage()));
            return Behaviors.same();
        }
        xenLog.printk("Domain " + d.id() + " memory target set to " + m.kib() + " KiB");
        writeMemoryNode(d, "target", m.kib(), m.replyTo());
        return Behaviors.same();
    }

    /**
     * {@code libxl_domain_setmaxmem}: the hypervisor's limit ({@code XEN_DOMCTL_max_mem}).
     * XEN-DIFF: libxl leaves {@code memory/static-max} alone, so a later {@code mem-set} above
     * the old static-max fails; Xenon writes it too, so that {@code mem-set} may go up to the new
     * maximum.
     */
    private Behavior<Command> onSetMaxMemory(SetMaxMemory m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(Reply.noSuchDomain(m.domain()));
            return Behaviors.same();
        }
        try {
            host.setMaxMemory(d, m.kib());
        } catch (MemoryException e) {
            m.replyTo().tell(new Reply.Rejected(e.getMessage()));
            return Behaviors.same();
        }
        xenLog.printk("Domain " + d.id() + " maximum memory set to " + m.kib() + " KiB");
        writeMemoryNode(d, "static-max", m.kib(), m.replyTo());
        return Behaviors.same();
    }

    /**
     * {@code libxl_domain_sched_params_set} for credit: checks the values, records them on the
     * domain and gives them to the scheduler. Domain-0 is not scheduled by the actor (it is the
     * daemon), so its values are only recorded.
     */
    private Behavior<Command> onSetSchedParams(SetSchedParams m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(Reply.noSuchDomain(m.domain()));
            return Behaviors.same();
        }
        int weight = m.weight() != null ? m.weight() : d.schedWeight();
        int cap = m.cap() != null ? m.cap() : d.schedCap();
        String error = CreditScheduler.checkDomainParams(weight, cap, d.maxVcpus());
        if (error != null) {
            m.replyTo().tell(new Reply.Rejected(error, Reply.Kind.INVALID));
            return Behaviors.same();
        }
        d.setSchedParams(weight, cap);
        scheduler.tell(new SchedulerActor.SetParams(d.id(), weight, cap));
        m.replyTo().tell(new Reply.Done(""));
        return Behaviors.same();
    }

    private Behavior<Command> onGetSchedParams(GetSchedParams m) {
        List<Domain> ds = new ArrayList<>();
        if (m.domain() == null) {
            ds.addAll(host.domains());
        } else if (host.find(m.domain()) != null) {
            ds.add(host.find(m.domain()));
        } else {
            m.replyTo().tell(new SchedParamsList(List.of(), Reply.noSuchDomain(m.domain()).reason()));
            return Behaviors.same();
        }
        m.replyTo().tell(new SchedParamsList(ds.stream()
                .map(d -> new SchedParams(d.id(), d.name(), d.schedWeight(), d.schedCap())).toList(), null));
        return Behaviors.same();
    }

    /**
     * {@code libxl_set_vcpuaffinity}: new hard and soft masks. The scheduler reads them at its
     * next decision for the vCPU.
     *
     * <p>XEN-DIFF: Xen migrates a running vCPU at once when its pCPU leaves its hard affinity;
     * here it finishes its current slice (at most one tick) there, then moves.
     */
    private Behavior<Command> onSetVcpuAffinity(SetVcpuAffinity m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(Reply.noSuchDomain(m.domain()));
            return Behaviors.same();
        }
        if (m.vcpu() < -1 || m.vcpu() >= d.maxVcpus()) {
            m.replyTo().tell(new Reply.Rejected("Could not set affinity for vcpu `" + m.vcpu() + "'.",
                    Reply.Kind.INVALID));
            return Behaviors.same();
        }
        if (m.hard() != null && m.hard().isEmpty()) {
            m.replyTo().tell(new Reply.Rejected("vcpu hard affinity map is empty", Reply.Kind.INVALID));
            return Behaviors.same();
        }
        for (Vcpu v : d.vcpus()) {
            if (m.vcpu() == -1 || v.vcpuId() == m.vcpu()) {
                v.setAffinity(m.hard() != null ? m.hard() : v.hardAffinity(),
                        m.soft() != null ? m.soft() : v.softAffinity());
            }
        }
        m.replyTo().tell(new Reply.Done(""));
        return Behaviors.same();
    }

    /**
     * {@code libxl_set_vcpuonline}: the count must be 1 to the domain's maximum; it becomes the
     * domain's available vCPUs and goes to {@code cpu/<n>/availability}, which the guest's
     * hotplug watcher obeys with {@code VCPUOP_up} / {@code VCPUOP_down}.
     *
     * <p>XEN-DIFF: Domain-0 is the daemon and has no kernel to watch XenStore, so its vCPUs are
     * brought up and down here.
     */
    private Behavior<Command> onSetVcpus(SetVcpus m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(Reply.noSuchDomain(m.domain()));
            return Behaviors.same();
        }
        if (m.count() < 1) {
            m.replyTo().tell(new Reply.Rejected("Requested 0 VCPUs!", Reply.Kind.INVALID));
            return Behaviors.same();
        }
        if (m.count() > d.maxVcpus()) {
            m.replyTo().tell(new Reply.Rejected("Requested " + m.count() + " VCPUs, however maxcpus is "
                    + d.maxVcpus() + "!", Reply.Kind.INVALID));
            return Behaviors.same();
        }
        d.setAvailableVcpus(m.count());
        if (d == dom0) {
            for (Vcpu v : d.vcpus()) {
                if (v.vcpuId() < m.count()) {
                    v.up();
                } else {
                    v.down();
                }
            }
        }
        xenLog.printk("Domain " + d.id() + " vCPUs set to " + m.count());
        DomId id = d.id();
        int max = d.maxVcpus();
        context.ask(Boolean.class, xenstored, Duration.ofSeconds(10),
                r -> new XenStoreActor.WriteCpuAvailability(id.value(), m.count(), max, r),
                (written, error) -> new NodeWritten(m.replyTo(), Boolean.TRUE.equals(written) ? new Reply.Done("")
                        : new Reply.Rejected("cannot write cpu/<n>/availability of domain " + id)));
        return Behaviors.same();
    }

    private void writeMemoryNode(Domain d, String key, long kib, ActorRef<Reply> replyTo) {
        DomId id = d.id();
        context.ask(Boolean.class, xenstored, Duration.ofSeconds(10),
                r -> new XenStoreActor.WriteMemory(id.value(), key, kib, r),
                (written, error) -> new NodeWritten(replyTo, Boolean.TRUE.equals(written) ? new Reply.Done("")
                        : new Reply.Rejected("cannot write memory/" + key + " of domain " + id)));
    }

    private Behavior<Command> onDumpCore(DumpCore m) {
        Domain d = lookup(m.domain(), m.replyTo(), "dump");
        if (d != null) {
            Path file = m.file() == null ? settings.dumpDir().resolve(d.name()) : Path.of(m.file());
            domains.tell(new DomainSupervisor.DumpCore(d.id(), file.toAbsolutePath(), m.replyTo()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onList(ListDomains m) {
        sampler.chargeDom0();
        List<DomainInfo> out = new ArrayList<>();
        for (Domain d : host.domains()) {
            out.add(d.info());
        }
        m.replyTo().tell(new DomainList(out));
        return Behaviors.same();
    }

    private Behavior<Command> onGetDomain(GetDomain m) {
        sampler.chargeDom0();
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(new DomainDetail(null, null, "domain " + m.domain() + " does not exist"));
        } else {
            m.replyTo().tell(new DomainDetail(d.info(), d.config(), null));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onHostInfo(GetHostInfo m) {
        m.replyTo().tell(new HostInfo(settings.pcpus(), host.frames().totalFrames() / 256,
                host.frames().freeFrames() / 256, host.frames().touchedFrames() / 256, settings.scheduler(),
                settings.xenVersion(), settings.xenMajor(), settings.xenMinor(), settings.xenExtra(),
                host.bootMillis(), host.domainCount()));
        return Behaviors.same();
    }

    private Behavior<Command> onDmesg(ReadDmesg m) {
        byte[] text = xenLog.ring().snapshot();
        if (m.clear()) {
            xenLog.ring().clear();
        }
        m.replyTo().tell(new Dmesg(text));
        return Behaviors.same();
    }

    private Behavior<Command> onOpenConsole(OpenConsole m) {
        Domain d = host.find(m.domain());
        if (d == null) {
            m.replyTo().tell(new ConsoleReply(null, null, null, null, "domain " + m.domain() + " does not exist"));
        } else {
            m.replyTo().tell(new ConsoleReply(d.id(), d.name(), d.console(), consoleInputs.get(d.id().value()), null));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onStopAll(StopAll m) {
        stopping = true;
        stopWaiters.add(m.replyTo());
        domains.tell(new DomainSupervisor.StopAll());
        answerStopWaiters();
        return Behaviors.same();
    }

    private Behavior<Command> onGone(DomainGone m) {
        Domain d = m.domain();
        live.remove(d.id().value());
        evtchns.destroy(d.id());
        grants.release(d.id());
        xenstored.tell(new XenStoreActor.ReleaseDomain(d.id().value()));
        host.release(d);
        scheduler.tell(new SchedulerActor.ReleaseDomain(d.id()));
        d.console().close();
        sampler.remove(d.id());
        xenLog.printk("Domain " + d.id() + " (" + d.name() + ") destroyed");
        answer(deathWaiters.remove(d.id()), new Reply.Done(""));
        answer(shutdownWaiters.remove(d.id()), new Reply.Done(""));
        answerStopWaiters();
        return Behaviors.same();
    }

    private Behavior<Command> onShutDownNotice(DomainShutDownNotice m) {
        xenstored.tell(new XenStoreActor.DomainShutDown(m.id().value()));
        evtchns.sendGlobalVirq(Xen.VIRQ_DOM_EXC);
        answer(shutdownWaiters.remove(m.id()), new Reply.Done(""));
        return Behaviors.same();
    }

    private Behavior<Command> onPreserve(PreserveDomain m) {
        Domain d = host.get(m.id());
        if (d == null) {
            m.replyTo().tell(new Reply.Rejected("domain " + m.id() + " does not exist"));
            return Behaviors.same();
        }
        String base = d.name() + ZonedDateTime.now(ZoneOffset.UTC).format(PRESERVE_SUFFIX);
        String name = base;
        // XEN-DIFF: xl gives up if the preserved name is taken (two crashes in one minute); Xenon
        // adds a counter so the restart still happens.
        for (int n = 2; host.find(name) != null; n++) {
            name = base + "-" + n;
        }
        try {
            host.rename(d, name);
        } catch (CreateException e) {
            m.replyTo().tell(new Reply.Rejected(e.getMessage()));
            return Behaviors.same();
        }
        d.setUuid(UUID.randomUUID());
        xenstored.tell(new XenStoreActor.RenameDomain(d.id().value(), name));
        xenLog.printk("Preserving domain " + d.id() + " as " + name);
        m.replyTo().tell(new Reply.Done(name));
        return Behaviors.same();
    }

    private Dom0Services dom0Services() {
        return new Dom0Services(evtchns, grants, dom0Events, xenstored, live::get, consoleInputs, services);
    }

    private Behavior<Command> onSample(Sample m) {
        sampler.sample();
        return Behaviors.same();
    }

    private Domain lookup(String ref, ActorRef<Reply> replyTo, String verb) {
        Domain d = host.find(ref);
        if (d == null) {
            replyTo.tell(Reply.noSuchDomain(ref));
            return null;
        }
        if (d == dom0) {
            replyTo.tell(new Reply.Rejected("cannot " + verb + " Domain-0"));
            return null;
        }
        return d;
    }

    private void answerStopWaiters() {
        if (stopping && host.domainCount() == 1 && !stopWaiters.isEmpty()) {
            answer(new ArrayList<>(stopWaiters), new Reply.Done(""));
            stopWaiters.clear();
        }
    }

    private static void answer(List<ActorRef<Reply>> waiters, Reply reply) {
        if (waiters != null) {
            for (ActorRef<Reply> w : waiters) {
                w.tell(reply);
            }
        }
    }
}
