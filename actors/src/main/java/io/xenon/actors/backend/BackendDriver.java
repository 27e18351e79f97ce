package io.xenon.actors.backend;

import io.xenon.actors.HypervisorActor;
import org.apache.pekko.actor.typed.Behavior;

/**
 * A back-end driver in Domain-0 for one kind of split device ({@code vbd}, {@code vif},
 * {@code console}), found with {@link java.util.ServiceLoader} as Linux finds a xenbus driver
 * by its device type: the {@link BackendsActor} starts one actor per device directory the
 * toolstack creates.
 */
public interface BackendDriver {

    /** The back-end directory kind it serves ({@code vbd}, {@code vif}, ...). */
    String kind();

    /** The actor serving {@code device}; it walks the XenBus handshake from the start. */
    Behavior<?> create(BackendDevice device, HypervisorActor.Dom0Services dom0, java.nio.file.Path stateDir);
}
