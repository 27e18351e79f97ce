package io.xenon.actors.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.ShutdownReason;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.GuestLoadException;
import io.xenon.actors.guest.GuestLoader;
import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.domain.CoreDump;
import io.xenon.runtime.domain.Domain;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The parent of every domain actor. It applies each domain's {@code on_poweroff},
 * {@code on_reboot}, {@code on_watchdog}, {@code on_crash} and {@code on_soft_reset} action as
 * xl(1) does ({@code handle_domain_death} in {@code tools/xl/xl_vmcontrol.c}):
 *
 * <ul>
 *   <li>{@code destroy}: the domain is destroyed;
 *   <li>{@code restart}: it is destroyed and a new domain is created from the same config;
 *   <li>{@code rename-restart}: it is kept under a new name ({@code <name>-YYYYMMDDTHHMMZ}, new
 *       uuid) and a new domain is created under the old one;
 *   <li>{@code preserve}: it is left shut down for inspection until {@code xl destroy};
 *   <li>{@code coredump-destroy}, {@code coredump-restart}: its core is written to the dump
 *       directory as {@code <name>} first;
 *   <li>{@code soft-reset}: a fresh kernel boots in the same domain.
 * </ul>
 *
 * <p>A crash loop is bounded: when a name crashes more than {@code crashLoopMax} times within
 * {@code crashLoopWindow}, its restarting action is replaced by {@code preserve}, so the domain
 * is left crashed ({@code ---sc-} in {@code xl list}) and the log says why.
 *
 * <p>Supervision: a domain actor that fails is stopped, never restarted by Pekko; this supervisor
 * then treats the domain as crashed and applies {@code on_crash}. Nothing a domain does reaches
 * the hypervisor or another domain.
 */
public final class DomainSupervisor {

    /** What the domain supervisor accepts. */
    public sealed interface Command {
    }

    /** Starts a created domain's actor; {@code replyTo} hears {@link Reply.Created}. */
    public record StartDomain(Domain domain, GuestKernel kernel, boolean paused, DomainMetrics metrics,
            ActorRef<Reply> replyTo) implements Command {
    }

    /** Hands a command to one domain's actor. */
    public record ForDomain(DomId id, DomainActor.Command command) implements Command {
    }

    /** Destroys one domain ({@code xl destroy}); its restart, if one was due, is cancelled. */
    public record DestroyDomain(DomId id) implements Command {
    }

    /** Writes a domain's core to {@code file} ({@code xl dump-core}); the domain is paused meanwhile. */
    public record DumpCore(DomId id, Path file, ActorRef<Reply> replyTo) implements Command {
    }

    /** The host is stopping: no more restarts; every DomU is destroyed. */
    public record StopAll() implements Command {
    }

    /** A domain shut down or crashed (from its actor). */
    record DomainShutDown(DomId id, ShutdownReason reason) implements Command {
    }

    private record DomainTerminated(DomId id) implements Command {
    }

    private record CoreWritten(DomId id, Action then, Path file, String error, ActorRef<Reply> replyTo)
            implements Command {
    }

    private record Preserved(DomId id, DomainConfig restart, Reply reply) implements Command {
    }

    private record Restarted(String name, Reply reply) implements Command {
    }

    private static final class Child {
        final Domain domain;
        final ActorRef<DomainActor.Command> ref;
        final DomainMetrics metrics;
        boolean destroyRequested;
        DomainConfig restartWith;

        Child(Domain domain, ActorRef<DomainActor.Command> ref, DomainMetrics metrics) {
            this.domain = domain;
            this.ref = ref;
            this.metrics = metrics;
        }
    }

    private final ActorContext<Command> context;
    private final ActorRef<HypervisorActor.Command> hypervisor;
    private final DomainEnv env;
    private final GuestLoader loader;
    private final Executor blocking;
    private final Map<DomId, Child> children = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> crashTimes = new HashMap<>();
    private boolean stopping;

    private DomainSupervisor(ActorContext<Command> context, ActorRef<HypervisorActor.Command> hypervisor,
            DomainEnv env, GuestLoader loader) {
        this.context = context;
        this.hypervisor = hypervisor;
        this.env = env;
        this.loader = loader;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    }

    public static Behavior<Command> create(ActorRef<HypervisorActor.Command> hypervisor, DomainEnv env,
            GuestLoader loader) {
        return Behaviors.setup(ctx -> new DomainSupervisor(ctx, hypervisor, env, loader).behavior());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(StartDomain.class, this::onStart)
                .onMessage(ForDomain.class, this::onForDomain)
                .onMessage(DestroyDomain.class, this::onDestroy)
                .onMessage(DumpCore.class, this::onDumpCore)
                .onMessage(StopAll.class, this::onStopAll)
                .onMessage(DomainShutDown.class, this::onShutDown)
                .onMessage(DomainTerminated.class, this::onTerminated)
                .onMessage(CoreWritten.class, this::onCoreWritten)
                .onMessage(Preserved.class, this::onPreserved)
                .onMessage(Restarted.class, this::onRestarted)
                .build();
    }

    private Behavior<Command> onStart(StartDomain m) {
        Domain d = m.domain();
        Behavior<DomainActor.Command> behavior = Behaviors.supervise(
                DomainActor.create(d, m.kernel(), m.paused(), env, context.getSelf(), m.metrics(), m.replyTo()))
                .onFailure(SupervisorStrategy.stop());
        ActorRef<DomainActor.Command> ref = context.spawn(behavior, "dom" + d.id().value());
        context.watchWith(ref, new DomainTerminated(d.id()));
        children.put(d.id(), new Child(d, ref, m.metrics()));
        return Behaviors.same();
    }

    private Behavior<Command> onForDomain(ForDomain m) {
        Child c = children.get(m.id());
        if (c != null) {
            c.ref.tell(m.command());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDestroy(DestroyDomain m) {
        Child c = children.get(m.id());
        if (c != null) {
            c.restartWith = null;
            destroy(c);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onStopAll(StopAll m) {
        stopping = true;
        for (Child c : children.values()) {
            c.restartWith = null;
            destroy(c);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDumpCore(DumpCore m) {
        Child c = children.get(m.id());
        if (c == null) {
            m.replyTo().tell(new Reply.Rejected("domain " + m.id() + " does not exist"));
            return Behaviors.same();
        }
        c.domain.pause();
        writeCore(c, m.file(), null, m.replyTo());
        return Behaviors.same();
    }

    private Behavior<Command> onShutDown(DomainShutDown m) {
        Child c = children.get(m.id());
        if (c == null || c.destroyRequested) {
            return Behaviors.same();
        }
        hypervisor.tell(new HypervisorActor.DomainShutDownNotice(m.id(), m.reason()));
        DomainConfig config = c.domain.config();
        Action action = config.actionFor(m.reason());
        if (action == null) {
            env.xenLog().printk("Domain " + m.id() + " (" + c.domain.name() + ") has suspended");
            return Behaviors.same();
        }
        if (m.reason() == ShutdownReason.CRASH) {
            DomainMetrics.crashed(config.name());
            if (action.restarts() && crashLoop(config.name())) {
                env.xenLog().warn("Domain " + m.id() + " (" + c.domain.name() + ") crashed more than "
                        + env.crashLoopMax() + " times in " + env.crashLoopWindow().toSeconds()
                        + "s: crash loop, leaving it crashed instead of on_crash=" + action.cfgName());
                action = Action.PRESERVE;
            }
        }
        env.xenLog().printk("Domain " + m.id() + " (" + c.domain.name() + "): action for " + m.reason().xlName()
                + " is " + action.cfgName());
        if (action.dumpsCore()) {
            writeCore(c, env.dumpDir().resolve(config.name()), action, null);
        } else {
            apply(c, action);
        }
        return Behaviors.same();
    }

    private void writeCore(Child c, Path file, Action then, ActorRef<Reply> replyTo) {
        DomId id = c.domain.id();
        CompletableFuture<Long> work = CompletableFuture.supplyAsync(() -> {
            try {
                return CoreDump.write(c.domain, file, 4, 19, "-xenon");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, blocking);
        context.pipeToSelf(work, (pages, error) -> new CoreWritten(id, then, file,
                error == null ? null : String.valueOf(error.getCause() == null ? error : error.getCause()), replyTo));
    }

    private Behavior<Command> onCoreWritten(CoreWritten m) {
        Child c = children.get(m.id());
        if (m.error() == null) {
            env.xenLog().printk("Domain " + m.id() + ": core dumped to " + m.file());
        } else {
            env.xenLog().warn("Domain " + m.id() + ": core dump to " + m.file() + " failed: " + m.error());
        }
        if (m.replyTo() != null) {
            if (c != null) {
                c.domain.unpause();
            }
            m.replyTo().tell(m.error() == null ? new Reply.Done(m.file().toString())
                    : new Reply.Rejected("core dump failed: " + m.error()));
        }
        if (c != null && m.then() != null) {
            apply(c, m.then() == Action.COREDUMP_DESTROY ? Action.DESTROY : Action.RESTART);
        }
        return Behaviors.same();
    }

    private void apply(Child c, Action action) {
        DomainConfig config = c.domain.config();
        switch (action) {
            case DESTROY, COREDUMP_DESTROY -> destroy(c);
            case RESTART, COREDUMP_RESTART -> {
                c.restartWith = stopping ? null : config;
                destroy(c);
            }
            case RENAME_RESTART -> {
                if (!stopping) {
                    context.ask(Reply.class, hypervisor, java.time.Duration.ofSeconds(10),
                            r -> new HypervisorActor.PreserveDomain(c.domain.id(), r),
                            (reply, error) -> new Preserved(c.domain.id(), config,
                                    reply != null ? reply : new Reply.Rejected(String.valueOf(error))));
                }
            }
            case PRESERVE -> env.xenLog().printk("Domain " + c.domain.id() + " (" + c.domain.name() + ") preserved");
            case SOFT_RESET -> softReset(c, config);
        }
    }

    private void softReset(Child c, DomainConfig config) {
        try {
            c.ref.tell(new DomainActor.SoftReset(loader.load(config.kernel(), config.commandLine())));
        } catch (GuestLoadException e) {
            env.xenLog().warn("Domain " + c.domain.id() + ": soft reset failed: " + e.getMessage());
            destroy(c);
        }
    }

    private Behavior<Command> onPreserved(Preserved m) {
        if (m.reply() instanceof Reply.Rejected r) {
            env.xenLog().warn("Domain " + m.id() + ": cannot preserve for rename-restart: " + r.reason());
            return Behaviors.same();
        }
        restart(m.restart());
        return Behaviors.same();
    }

    private void destroy(Child c) {
        if (!c.destroyRequested) {
            c.destroyRequested = true;
            c.ref.tell(new DomainActor.Destroy());
        }
    }

    private Behavior<Command> onTerminated(DomainTerminated m) {
        Child c = children.remove(m.id());
        if (c == null) {
            return Behaviors.same();
        }
        if (!c.destroyRequested) {
            env.xenLog().warn("Domain " + m.id() + " (" + c.domain.name() + "): its actor failed; treating it as crashed");
            c.domain.shutdown(ShutdownReason.CRASH);
            c.metrics.remove();
            DomainConfig config = c.domain.config();
            DomainMetrics.crashed(config.name());
            Action action = config.onCrash();
            if (!stopping && action.restarts() && !crashLoop(config.name())) {
                c.restartWith = config;
            }
        }
        c.domain.markDying();
        hypervisor.tell(new HypervisorActor.DomainGone(c.domain));
        if (c.restartWith != null && !stopping) {
            restart(c.restartWith);
        }
        return Behaviors.same();
    }

    private void restart(DomainConfig config) {
        DomainMetrics.restarted(config.name());
        env.xenLog().printk("Restarting domain " + config.name());
        context.ask(Reply.class, hypervisor, java.time.Duration.ofSeconds(30),
                r -> new HypervisorActor.CreateDomain(config, false, r),
                (reply, error) -> new Restarted(config.name(),
                        reply != null ? reply : new Reply.Rejected(String.valueOf(error))));
    }

    private Behavior<Command> onRestarted(Restarted m) {
        if (m.reply() instanceof Reply.Rejected r) {
            env.xenLog().warn("Restart of domain " + m.name() + " failed: " + r.reason());
        } else if (m.reply() instanceof Reply.Created created) {
            env.xenLog().printk("Domain " + m.name() + " restarted as domain " + created.domid());
        }
        return Behaviors.same();
    }

    /** Records a crash of {@code name}; true if it crashed more than the limit within the window. */
    private boolean crashLoop(String name) {
        long now = System.nanoTime();
        ArrayDeque<Long> times = crashTimes.computeIfAbsent(name, n -> new ArrayDeque<>());
        times.addLast(now);
        long horizon = now - env.crashLoopWindow().toNanos();
        crashTimes.values().forEach(t -> {
            while (!t.isEmpty() && t.peekFirst() < horizon) {
                t.removeFirst();
            }
        });
        boolean loop = times.size() > env.crashLoopMax();
        crashTimes.values().removeIf(ArrayDeque::isEmpty);
        return loop;
    }
}
