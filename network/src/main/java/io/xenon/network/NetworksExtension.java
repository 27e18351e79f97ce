package io.xenon.network;

import com.typesafe.config.Config;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.ext.HostExtension;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Starts the host's networks ({@code xenon.networks}): {@code /user/networks} with one
 * {@link NetworkActor} per network, and the {@link Networks} registry back ends attach vifs
 * through.
 */
public final class NetworksExtension implements HostExtension {

    @Override
    public void start(ActorContext<?> hypervisor, Config xenon, HypervisorActor.Dom0Services dom0) {
        List<NetworkSpec> specs = NetworkSpec.all(xenon);
        Networks networks = new Networks(specs);
        dom0.services().put(Networks.class, networks);
        hypervisor.spawn(parent(specs, networks), "networks");
    }

    private static Behavior<Void> parent(List<NetworkSpec> specs, Networks networks) {
        return Behaviors.setup(ctx -> {
            for (NetworkSpec s : specs) {
                ctx.spawn(NetworkActor.create(s, networks), s.name());
            }
            return Behaviors.empty();
        });
    }
}
