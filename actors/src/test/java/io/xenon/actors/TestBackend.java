package io.xenon.actors;

import io.xenon.actors.backend.BackendDevice;
import io.xenon.actors.backend.BackendDriver;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A back-end driver for tests (kind {@code vtest}): records when its actors start and stop. */
public final class TestBackend implements BackendDriver {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    @Override
    public String kind() {
        return "vtest";
    }

    @Override
    public Behavior<?> create(BackendDevice device, HypervisorActor.Dom0Services dom0, Path stateDir) {
        return Behaviors.setup(ctx -> {
            EVENTS.add("start " + device.actorName());
            return Behaviors.receive(Object.class)
                    .onSignal(PostStop.class, s -> {
                        EVENTS.add("stop " + device.actorName());
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
