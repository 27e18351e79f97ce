package io.xenon.actors.ext;

import com.typesafe.config.Config;
import io.xenon.actors.HypervisorActor;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A part of the host that lives in a module above the actors, found with
 * {@link java.util.ServiceLoader} and started by the hypervisor before the back ends: the
 * networks ({@code /user/networks}), for example.
 *
 * <p>{@link #start} runs in the hypervisor's constructor. It spawns the extension's actor under
 * {@code hypervisor} and publishes what other parts need (a registry of networks that talks to
 * that actor) in {@link HypervisorActor.Dom0Services#services()} before returning, so a back end
 * started right after finds it; messages sent before the actor runs wait in its mailbox.
 */
public interface HostExtension {

    /**
     * Starts the extension on a host configured by {@code xenon} (the {@code xenon} section).
     *
     * @throws IllegalArgumentException if its part of the configuration is wrong; the message
     *                                  names the key
     */
    void start(ActorContext<?> hypervisor, Config xenon, HypervisorActor.Dom0Services dom0);
}
