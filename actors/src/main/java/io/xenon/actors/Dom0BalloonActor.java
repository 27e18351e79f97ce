package io.xenon.actors;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.actors.xenstore.XsClient;
import io.xenon.runtime.domain.Domain;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Domain-0's balloon driver in the daemon, as Linux's {@code xen-balloon.c} is in a dom0 kernel:
 * it watches Domain-0's own {@code memory/target}, whoever writes it ({@code xl mem-set 0}, or
 * {@code xenstore-write} from a XenStore client), and hands each value to its
 * {@link Dom0Balloon}. Each {@link Dom0Balloon#turn() turn} moves one batch of frames; while work
 * is left the actor sends itself another turn, as {@code balloon_process} re-queues itself, so
 * XenStore events run between batches.
 *
 * <p>Supervision: restarted on failure; the new instance reconnects to xenstored, whose watch
 * fires at registration with the current target, and finds its cursor again from Domain-0's P2m.
 */
public final class Dom0BalloonActor {

    /** What the balloon accepts: only its own XenStore traffic and turns. */
    public sealed interface Command {
    }

    private record FromXenStore(XsMessage message) implements Command {
    }

    private record Turn() implements Command {
    }

    /** Domain-0's {@code memory/target}, in KiB. */
    static final String TARGET = "/local/domain/0/memory/target";

    private final ActorContext<Command> context;
    private final Dom0Balloon balloon;
    private final XsClient xs;
    private boolean turnQueued;

    private Dom0BalloonActor(ActorContext<Command> context, ActorRef<XenStoreActor.Command> xenstored, Domain dom0,
            long topGfn) {
        this.context = context;
        this.balloon = new Dom0Balloon(dom0, topGfn, line -> context.getLog().info(line));
        ActorRef<Command> self = context.getSelf();
        this.xs = new XsClient(xenstored, m -> self.tell(new FromXenStore(m)));
        xs.watch(TARGET, "balloon", path -> xs.read(TARGET, this::onTarget));
    }

    /**
     * The balloon of {@code dom0}, watching through {@code xenstored}; it never takes the GFNs
     * from {@code topGfn} up (Domain-0's grant table).
     */
    public static Behavior<Command> create(ActorRef<XenStoreActor.Command> xenstored, Domain dom0, long topGfn) {
        return Behaviors.supervise(Behaviors.<Command>setup(
                ctx -> new Dom0BalloonActor(ctx, xenstored, dom0, topGfn).behavior()))
                .onFailure(SupervisorStrategy.restart());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(FromXenStore.class, m -> {
                    xs.deliver(m.message());
                    return Behaviors.same();
                })
                .onMessage(Turn.class, m -> {
                    turnQueued = false;
                    if (balloon.turn()) {
                        queueTurn();
                    }
                    return Behaviors.same();
                })
                .onSignal(PreRestart.class, s -> {
                    xs.close();
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, s -> {
                    xs.close();
                    return Behaviors.same();
                })
                .build();
    }

    private void onTarget(Optional<String> value) {
        if (value.isEmpty()) {
            context.getLog().info("balloon: memory/target cannot be read; keeping the target");
            return;
        }
        if (balloon.setTarget(value.get())) {
            queueTurn();
        }
    }

    private void queueTurn() {
        if (!turnQueued) {
            turnQueued = true;
            context.getSelf().tell(new Turn());
        }
    }
}
