package io.xenon.actors.domain;

import io.xenon.abi.ShutdownReason;
import io.xenon.actors.Reply;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.sched.SchedulerActor.RunSlice;
import io.xenon.actors.sched.SchedulerActor;
import io.xenon.actors.xenstore.DomainNodes;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.config.CpuAffinity;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Vcpu;
import java.util.BitSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One domain: owns its runtime {@link Domain}, starts a {@link VcpuActor} per vCPU on the pCPU
 * dispatcher, opens its XenStore connection and writes its standard nodes, and carries out pause,
 * unpause and destruction. When the guest
 * shuts down or crashes it tells the {@link DomainSupervisor}, which applies the config's action.
 *
 * <p>A domain is built paused, as Xen builds it, and unpaused at the end of creation unless the
 * toolstack asked for it paused ({@code xl create -p}).
 */
public final class DomainActor {

    /** The name of the dispatcher whose threads are the host's pCPUs. */
    public static final String PCPU_DISPATCHER = "xenon.pcpu-dispatcher";

    /** What a domain accepts. */
    public sealed interface Command {
    }

    /** {@code xl pause}. */
    public record Pause(ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl unpause}: refused if the domain is not paused. */
    public record Unpause(ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code xl destroy}, or an action that destroys: stops every vCPU and the domain. */
    public record Destroy() implements Command {
    }

    /** {@code on_soft_reset}: boots a fresh kernel in the same domain, memory kept. */
    public record SoftReset(GuestKernel kernel) implements Command {
    }

    /** The guest shut down ({@code SCHEDOP_shutdown}) or crashed. */
    record GuestShutdown(ShutdownReason reason, String detail) implements Command {
    }

    private record VcpuStopped(int vcpu) implements Command {
    }

    private final ActorContext<Command> context;
    private final Domain domain;
    private final DomainEnv env;
    private final ActorRef<DomainSupervisor.Command> supervisor;
    private final DomainMetrics metrics;
    private final DomainServices services;
    private boolean destroying;

    private DomainActor(ActorContext<Command> context, Domain domain, GuestKernel kernel, DomainEnv env,
            ActorRef<DomainSupervisor.Command> supervisor, DomainMetrics metrics) {
        this.context = context;
        this.domain = domain;
        this.env = env;
        this.supervisor = supervisor;
        this.metrics = metrics;
        DomainXenbus xenbus = DomainXenbus.open(domain.id(), env.xenstored(), env.evtchns());
        StartInfo start = new StartInfo(xenbus.storePort(), Devices.openConsole(domain, env.evtchns(), env.grants()),
                Devices.consoleGfn(domain, env.grants()));
        this.services = new DomainServices(domain, kernel, env.timers(), context.getSelf(), env.xenVersion(),
                env.evtchns(), env.grants(), xenbus, start);
        env.xenstored().tell(new XenStoreActor.IntroduceDomain(nodes(domain, xenbus.storePort()), xenbus::deliver));
        env.xenstored().tell(new XenStoreActor.AddDevices(Devices.of(domain, start), null));
    }

    /**
     * A domain actor that starts {@code domain} running {@code kernel}, left paused if
     * {@code paused}, and answers {@code replyTo} with {@link Reply.Created} once its vCPUs exist.
     */
    static Behavior<Command> create(Domain domain, GuestKernel kernel, boolean paused, DomainEnv env,
            ActorRef<DomainSupervisor.Command> supervisor, DomainMetrics metrics, ActorRef<Reply> replyTo) {
        return Behaviors.setup(ctx -> {
            DomainActor actor = new DomainActor(ctx, domain, kernel, env, supervisor, metrics);
            actor.start(paused);
            replyTo.tell(new Reply.Created(domain.id(), domain.name()));
            return actor.behavior();
        });
    }

    private void start(boolean paused) {
        domain.pause();
        DomainConfig config = domain.config();
        for (Vcpu vcpu : domain.vcpus()) {
            vcpu.setAffinity(mask(config.cpus(), vcpu.vcpuId()), mask(config.cpusSoft(), vcpu.vcpuId()));
            ActorRef<RunSlice> ref = context.spawn(VcpuActor.create(vcpu, services, env.scheduler(), metrics),
                    "vcpu" + vcpu.vcpuId(), DispatcherSelector.fromConfig(PCPU_DISPATCHER));
            context.watchWith(ref, new VcpuStopped(vcpu.vcpuId()));
            ActorRef<SchedulerActor.Command> scheduler = env.scheduler();
            vcpu.setWakeListener(v -> scheduler.tell(new SchedulerActor.Wake(v)));
            scheduler.tell(new SchedulerActor.AddVcpu(vcpu, ref, config.cpuWeight(), config.cap()));
        }
        if (!paused) {
            domain.unpause();
        }
    }

    /** The domain's standard XenStore nodes, as libxl writes them at creation. */
    private static DomainNodes nodes(Domain domain, int storePort) {
        DomainConfig c = domain.config();
        return new DomainNodes(domain.id().value(), domain.uuid(), domain.name(), c.type().cfgName(),
                c.maxmemMiB() * 1024, c.memoryMiB() * 1024, c.vcpus(), c.maxvcpus(),
                domain.createdAtMillis(), storePort);
    }

    private BitSet mask(CpuAffinity affinity, int vcpu) {
        if (affinity == null) {
            BitSet all = new BitSet(env.pcpus());
            all.set(0, env.pcpus());
            return all;
        }
        return affinity.mask(vcpu, env.pcpus());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Pause.class, this::onPause)
                .onMessage(Unpause.class, this::onUnpause)
                .onMessage(Destroy.class, this::onDestroy)
                .onMessage(SoftReset.class, this::onSoftReset)
                .onMessage(GuestShutdown.class, this::onGuestShutdown)
                .onMessage(VcpuStopped.class, this::onVcpuStopped)
                .onSignal(PostStop.class, s -> {
                    services.xenbus().close();
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> onPause(Pause m) {
        domain.pause();
        m.replyTo().tell(new Reply.Done(""));
        return Behaviors.same();
    }

    private Behavior<Command> onUnpause(Unpause m) {
        if (domain.unpause()) {
            m.replyTo().tell(new Reply.Done(""));
        } else {
            m.replyTo().tell(new Reply.Rejected("domain " + domain.id() + " is not paused"));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDestroy(Destroy m) {
        destroying = true;
        domain.markDying();
        for (Vcpu vcpu : domain.vcpus()) {
            vcpu.setWakeListener(null);
            env.scheduler().tell(new SchedulerActor.RemoveVcpu(vcpu));
        }
        metrics.remove();
        return Behaviors.stopped();
    }

    private Behavior<Command> onSoftReset(SoftReset m) {
        services.reboot(m.kernel());
        domain.resume();
        env.xenLog().printk("d" + domain.id() + ": soft reset");
        return Behaviors.same();
    }

    private Behavior<Command> onGuestShutdown(GuestShutdown m) {
        String what = m.reason() == ShutdownReason.CRASH ? "crashed" : "shut down (" + m.reason().xlName() + ")";
        String line = "Domain " + domain.id() + " (" + domain.name() + ") " + what
                + (m.detail() == null ? "" : ": " + m.detail());
        if (m.reason() == ShutdownReason.CRASH) {
            env.xenLog().warn(line);
            domain.console().write("\n[" + line + "]\n");
        } else {
            env.xenLog().printk(line);
        }
        supervisor.tell(new DomainSupervisor.DomainShutDown(domain.id(), m.reason()));
        return Behaviors.same();
    }

    private Behavior<Command> onVcpuStopped(VcpuStopped m) {
        if (!destroying) {
            services.shutdown(ShutdownReason.CRASH, "vcpu" + m.vcpu() + " stopped unexpectedly");
        }
        return Behaviors.same();
    }
}
