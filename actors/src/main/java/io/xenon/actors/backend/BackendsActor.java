package io.xenon.actors.backend;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.xenstore.XsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Domain-0's back-end bus, as Linux's {@code xenbus_probe_backend}: watches
 * {@code /local/domain/0/backend}, starts a back-end actor for each device directory the
 * toolstack creates (by the {@link BackendDriver} of its kind), and stops it when the directory
 * goes. A back end that fails is restarted, and one that is killed is started again, while its
 * directory exists; it walks the XenBus handshake again and its front end reconnects.
 */
public final class BackendsActor {

    /** What the bus accepts. */
    public sealed interface Command {
    }

    private record FromXenStore(XsMessage message) implements Command {
    }

    private record Checked(BackendDevice device, boolean exists) implements Command {
    }

    private record Stopped(BackendDevice device, ActorRef<?> ref) implements Command {
    }

    private static final String ROOT = "/local/domain/0/backend";
    private static final kamon.metric.Metric.Counter RESTARTS = kamon.Kamon.counter("xenon.backend.restarts",
            "back-end actors started again after they stopped on their own");

    private final ActorContext<Command> context;
    private final HypervisorActor.Dom0Services dom0;
    private final Path stateDir;
    private final Map<String, BackendDriver> drivers = new HashMap<>();
    private final Map<BackendDevice, ActorRef<?>> running = new HashMap<>();
    private final XsClient xs;
    private int generation;

    private BackendsActor(ActorContext<Command> context, HypervisorActor.Dom0Services dom0, Path stateDir,
            ClassLoader loader) {
        this.context = context;
        this.dom0 = dom0;
        this.stateDir = stateDir;
        for (BackendDriver d : ServiceLoader.load(BackendDriver.class, loader)) {
            drivers.put(d.kind(), d);
        }
        ActorRef<Command> self = context.getSelf();
        this.xs = new XsClient(dom0.xenstored(), m -> self.tell(new FromXenStore(m)));
        xs.watch(ROOT, "backends", this::changed);
    }

    /** The bus, with the drivers {@code loader} finds. */
    public static Behavior<Command> create(HypervisorActor.Dom0Services dom0, Path stateDir, ClassLoader loader) {
        return Behaviors.setup(ctx -> new BackendsActor(ctx, dom0, stateDir, loader).behavior());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(FromXenStore.class, m -> {
                    xs.deliver(m.message());
                    return Behaviors.same();
                })
                .onMessage(Checked.class, this::onChecked)
                .onMessage(Stopped.class, m -> {
                    if (running.get(m.device()) == m.ref()) {
                        // It stopped on its own (killed, or failed past its supervision): while
                        // its directory exists, a new one walks the handshake again.
                        running.remove(m.device());
                        RESTARTS.withTag("kind", m.device().kind()).increment();
                        changed(m.device().backPath());
                    }
                    return Behaviors.same();
                })
                .build();
    }

    private void changed(String path) {
        BackendDevice device = BackendDevice.ofPath(path);
        if (device == null) {
            if (path.equals(ROOT)) {
                scan();
                return;
            }
            // A whole kind or frontend directory went (a domain's devices removed at once).
            running.keySet().stream().filter(d -> d.backPath().startsWith(path + "/")).toList()
                    .forEach(d -> context.getSelf().tell(new Checked(d, false)));
            return;
        }
        if (!drivers.containsKey(device.kind())) {
            return;
        }
        xs.read(device.backPath() + "/frontend", value -> context.getSelf().tell(new Checked(device, value.isPresent())));
    }

    /** Finds the devices that exist already (the watch's first event, or a whole tree changed). */
    private void scan() {
        xs.directory(ROOT, kinds -> kinds.stream().filter(drivers::containsKey).forEach(kind ->
                xs.directory(ROOT + "/" + kind, fdoms -> fdoms.forEach(fdom ->
                        xs.directory(ROOT + "/" + kind + "/" + fdom, devids -> devids.forEach(devid ->
                                changed(ROOT + "/" + kind + "/" + fdom + "/" + devid)))))));
    }

    private Behavior<Command> onChecked(Checked m) {
        ActorRef<?> ref = running.get(m.device());
        if (m.exists() && ref == null) {
            BackendDriver driver = drivers.get(m.device().kind());
            Behavior<?> behavior = Behaviors.supervise(driver.create(m.device(), dom0, stateDir))
                    .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(50), Duration.ofSeconds(2), 0.2));
            ActorRef<?> child;
            try {
                child = context.spawn(behavior, m.device().actorName());
            } catch (org.apache.pekko.actor.InvalidActorNameException e) {
                // The device came back before its previous back end finished stopping.
                child = context.spawn(behavior, m.device().actorName() + "-" + (++generation));
            }
            running.put(m.device(), child);
            context.watchWith(child, new Stopped(m.device(), child));
        } else if (!m.exists() && ref != null) {
            context.stop(ref);
            running.remove(m.device());
        }
        return Behaviors.same();
    }
}
