package io.xenon.network;

import io.xenon.network.gateway.Gateway;
import io.xenon.network.tap.DeviceKind;
import io.xenon.network.tap.LinuxTun;
import io.xenon.network.tap.TunException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;

/**
 * One network, {@code /user/networks/<name>}: runs its graph, its TAP uplink if it has one, and
 * Domain-0's {@link Gateway} on a nat, route, host-only or isolated network with a subnet (a nat
 * or route network's uplink, TUN or TAP, belongs to the gateway, which translates or routes to
 * it), for as long as the actor lives, and
 * stops them with it. It takes no messages: ports attach through {@link Networks}.
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
            AtomicReference<CompletionStage<Gateway>> gateway = new AtomicReference<>();
            if (spec.hasGateway()) {
                startGateway(ctx, network, materializer, gateway);
            }
            if (!ownsUplink(spec.mode()) && spec.uplink() != null && spec.uplink().startsWith("tap:")) {
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
                        CompletionStage<Gateway> g = gateway.get();
                        if (g != null) {
                            g.thenAccept(Gateway::stop);
                        }
                        network.stop();
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void startGateway(ActorContext<Void> ctx, Network network, Materializer materializer,
            AtomicReference<CompletionStage<Gateway>> gateway) {
        NetworkSpec spec = network.spec();
        LinuxTun device = null;
        if (ownsUplink(spec.mode()) && spec.uplink() != null) {
            DeviceKind kind = spec.uplink().startsWith("tun:") ? DeviceKind.TUN : DeviceKind.TAP;
            try {
                device = LinuxTun.open(spec.uplink().substring(4), kind);
                device.up();
            } catch (TunException e) {
                ctx.getLog().error("network {}: no uplink, guests reach only the gateway: {}", spec.name(),
                        e.getMessage());
                if (device != null) {
                    device.close();
                }
                device = null;
            }
        }
        gateway.set(Gateway.start(network, device, materializer));
        ctx.getLog().info("network {}: Domain-0's gateway at {}", spec.name(), spec.subnet());
    }

    /** Whether the gateway of a network of {@code mode} has the uplink: it translates (nat) or routes (route) to it. */
    private static boolean ownsUplink(NetworkMode mode) {
        return mode == NetworkMode.NAT || mode == NetworkMode.ROUTE;
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
