package io.xenon.network;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;

/**
 * One network, {@code /user/networks/<name>}: runs its graph for as long as the actor lives and
 * stops it with the actor. It takes no messages: ports attach through {@link Networks}.
 */
public final class NetworkActor {

    private NetworkActor() {
    }

    /** The actor of the network {@code spec} declares, announced to {@code networks} once running. */
    public static Behavior<Void> create(NetworkSpec spec, Networks networks) {
        return Behaviors.setup(ctx -> {
            Network network = Network.start(spec, Materializer.createMaterializer(ctx));
            networks.started(network);
            ctx.getLog().info("network {} ({}) up", spec.name(), spec.mode().configName());
            return Behaviors.receive(Void.class)
                    .onSignal(PostStop.class, s -> {
                        network.stop();
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
