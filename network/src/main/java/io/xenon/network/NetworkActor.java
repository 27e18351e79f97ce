package io.xenon.network;

import io.xenon.network.tap.DeviceKind;
import io.xenon.network.tap.LinuxTun;
import io.xenon.network.tap.TunException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;

/**
 * One network, {@code /user/networks/<name>}: runs its graph, and its TAP uplink if it has one,
 * for as long as the actor lives, and stops them with it. It takes no messages: ports attach
 * through {@link Networks}.
 *
 * <p>An uplink that cannot be opened (no {@code CAP_NET_ADMIN}, a name in use) is logged with
 * the reason and the network runs without it.
 */
public final class NetworkActor {

    private NetworkActor() {
    }

    /** The actor of the network {@code spec} declares, announced to {@code networks} once running. */
    public static Behavior<Void> create(NetworkSpec spec, Networks networks) {
        return Behaviors.setup(ctx -> {
            Materializer materializer = Materializer.createMaterializer(ctx);
            Network network = Network.start(spec, materializer);
            AtomicReference<Uplink> uplink = new AtomicReference<>();
            if (spec.uplink() != null && spec.uplink().startsWith("tap:")) {
                startUplink(ctx, network, spec.uplink().substring(4), materializer, uplink);
            }
            networks.started(network);
            ctx.getLog().info("network {} ({}) up", spec.name(), spec.mode().configName());
            return Behaviors.receive(Void.class)
                    .onSignal(PostStop.class, s -> {
                        Uplink u = uplink.get();
                        if (u != null) {
                            u.stop();
                        }
                        network.stop();
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void startUplink(ActorContext<Void> ctx, Network network, String device, Materializer materializer,
            AtomicReference<Uplink> uplink) {
        try {
            LinuxTun tap = LinuxTun.open(device, DeviceKind.TAP);
            tap.up();
            Uplink.start(network, tap, materializer).thenAccept(uplink::set);
        } catch (TunException e) {
            ctx.getLog().error("network {}: no uplink: {}", network.spec().name(), e.getMessage());
        }
    }
}
