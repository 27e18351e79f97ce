package io.xenon.drivers.console;

import io.xenon.abi.DomId;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.abi.xenbus.XenbusState;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.backend.BackendDevice;
import io.xenon.actors.backend.BackendDriver;
import io.xenon.actors.xenstore.XsClient;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.gnttab.GrantMapping;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * xenconsoled for one domain, as a Domain-0 back-end actor ({@code console-<domid>-0}): reads the
 * guest's {@code ~/console/port}, maps its console page (grant {@code GNTTAB_RESERVED_CONSOLE}),
 * binds the event channel, and runs a {@link ConsoleBack}: output to the domain's console log and
 * {@code <state-dir>/console/<name>.log}, {@code xl console} input into the guest's ring.
 */
public final class ConsoleBackend implements BackendDriver {

    @Override
    public String kind() {
        return "console";
    }

    @Override
    public Behavior<?> create(BackendDevice device, HypervisorActor.Dom0Services dom0, Path stateDir) {
        return Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers ->
                new Actor(ctx, timers, device, dom0, stateDir.resolve("console")).behavior()));
    }

    private static final String FLUSH = "flush";

    /** Input waiting for room in the guest's ring, at most. */
    static final int MAX_PENDING_INPUT = 64 * 1024;

    sealed interface Command {
    }

    private record FromXenStore(XsMessage message) implements Command {
    }

    private record Port(Optional<String> value) implements Command {
    }

    private record Event() implements Command {
    }

    private record Input(byte[] bytes) implements Command {
    }

    private record Flush() implements Command {
    }

    private static final class Actor {
        private final ActorContext<Command> context;
        private final TimerScheduler<Command> timers;
        private final BackendDevice device;
        private final HypervisorActor.Dom0Services dom0;
        private final Path logDir;
        private final XsClient xs;
        private final ArrayDeque<byte[]> pendingInput = new ArrayDeque<>();
        private int pendingBytes;
        private Consumer<byte[]> input;
        private ConsoleBack back;
        private GrantMapping mapping;
        private int localPort;

        Actor(ActorContext<Command> context, TimerScheduler<Command> timers, BackendDevice device,
                HypervisorActor.Dom0Services dom0, Path logDir) {
            this.context = context;
            this.timers = timers;
            this.device = device;
            this.dom0 = dom0;
            this.logDir = logDir;
            ActorRef<Command> self = context.getSelf();
            this.xs = new XsClient(dom0.xenstored(), m -> self.tell(new FromXenStore(m)));
            xs.read("/local/domain/" + device.frontDom() + "/console/port", v -> self.tell(new Port(v)));
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessage(FromXenStore.class, m -> {
                        xs.deliver(m.message());
                        return Behaviors.same();
                    })
                    .onMessage(Port.class, this::connect)
                    .onMessage(Event.class, m -> {
                        if (back != null) {
                            back.onEvent();
                            offerInput();
                            scheduleFlush();
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Input.class, m -> {
                        // Typed input waits for the guest up to a bound; beyond it, it is dropped.
                        if (pendingBytes + m.bytes().length <= MAX_PENDING_INPUT) {
                            pendingInput.add(m.bytes());
                            pendingBytes += m.bytes().length;
                        }
                        offerInput();
                        return Behaviors.same();
                    })
                    .onMessage(Flush.class, m -> {
                        if (back != null) {
                            back.flush();
                        }
                        return Behaviors.same();
                    })
                    .onSignal(PostStop.class, s -> {
                        disconnect();
                        return Behaviors.same();
                    })
                    .onSignal(PreRestart.class, s -> {
                        disconnect();
                        return Behaviors.same();
                    })
                    .build();
        }

        private Behavior<Command> connect(Port m) throws IOException {
            Domain domain = dom0.domains().apply(device.frontDom());
            int guestPort;
            try {
                guestPort = Integer.parseInt(m.value().orElse("").strip());
            } catch (NumberFormatException e) {
                // UNTRUSTED: no usable port; the console stays disconnected.
                return Behaviors.same();
            }
            if (domain == null) {
                return Behaviors.same();
            }
            DomId fdom = DomId.of(device.frontDom());
            GrantMapping map = dom0.grants().mapGrantRef(DomId.DOM0, fdom,
                    new GrantRef(GnttabOp.GNTTAB_RESERVED_CONSOLE), GnttabOp.GNTMAP_host_map);
            if (map.status() != GrantStatus.GNTST_okay) {
                return Behaviors.same();
            }
            mapping = map;
            int port = dom0.evtchns().bindInterdomain(DomId.DOM0, fdom, EvtchnPort.of(guestPort));
            if (port < 0) {
                return Behaviors.same();
            }
            localPort = port;
            ActorRef<Command> self = context.getSelf();
            dom0.events().bind(localPort, () -> self.tell(new Event()));
            back = new ConsoleBack(domain, map.page(),
                    () -> dom0.evtchns().send(DomId.DOM0, EvtchnPort.of(localPort)),
                    ConsoleBack.Settings.defaults(logDir));
            input = bytes -> self.tell(new Input(bytes));
            dom0.consoleInputs().register(device.frontDom(), input);
            xs.write(device.backPath() + "/state", XenbusState.XenbusStateConnected.node());
            // Nothing more is read or watched: the connection goes, as xenconsoled needs none per domain.
            xs.close();
            back.onEvent();
            scheduleFlush();
            return Behaviors.same();
        }

        /** Output reaches the log file within a second; an idle console holds no timer. */
        private void scheduleFlush() {
            if (!timers.isTimerActive(FLUSH)) {
                timers.startSingleTimer(FLUSH, new Flush(), Duration.ofSeconds(1));
            }
        }

        private void offerInput() {
            while (back != null && !pendingInput.isEmpty()) {
                byte[] head = pendingInput.poll();
                int taken = back.input(head);
                pendingBytes -= taken;
                if (taken < head.length) {
                    pendingInput.addFirst(Arrays.copyOfRange(head, taken, head.length));
                    return;
                }
            }
        }

        private void disconnect() {
            if (input != null) {
                dom0.consoleInputs().unregister(device.frontDom(), input);
            }
            if (back != null) {
                back.close();
                back = null;
            }
            if (localPort > 0) {
                dom0.events().unbind(localPort);
                dom0.evtchns().close(DomId.DOM0, EvtchnPort.of(localPort));
                localPort = 0;
            }
            if (mapping != null) {
                dom0.grants().unmapGrantRef(DomId.DOM0, mapping.handle());
                mapping = null;
            }
            xs.close();
        }
    }
}
