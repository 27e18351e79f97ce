package io.xenon.toolstack.daemon;

import io.xenon.actors.HypervisorActor;
import io.xenon.actors.xenstore.DeviceInfo;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.network.Capture;
import io.xenon.network.Networks;
import io.xenon.network.port.Port;
import io.xenon.toolstack.api.Requests;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.Materializer;

/**
 * The daemon's side of {@code xl network-capture}: finds the vif's port in the host's networks
 * and captures it into a pcap file for the seconds asked.
 */
final class NetworkCaptures {

    /** A refused capture, with what to tell the user. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final Duration ASK = Duration.ofSeconds(10);

    private final ActorSystem<HypervisorActor.Command> system;

    NetworkCaptures(ActorSystem<HypervisorActor.Command> system) {
        this.system = system;
    }

    /** Captures vif {@code devid} of {@code dom}; fails with {@link Refused} saying why it cannot. */
    CompletionStage<Requests.CaptureResponse> capture(String dom, String devid, Requests.CaptureRequest body) {
        if (body.file() == null || body.file().isBlank() || !Path.of(body.file()).isAbsolute()) {
            return CompletableFuture.failedFuture(new Refused("the capture file must be an absolute path"));
        }
        if (body.seconds() < 1 || body.seconds() > Capture.MAX_DURATION.toSeconds()) {
            return CompletableFuture.failedFuture(new Refused("a capture lasts 1 to "
                    + Capture.MAX_DURATION.toSeconds() + " seconds"));
        }
        CompletionStage<XenStoreActor.DeviceList> vifs = AskPattern.ask(system,
                r -> new HypervisorActor.ListDevices(dom, "vif", r), ASK, system.scheduler());
        CompletionStage<HypervisorActor.Dom0Services> dom0 = AskPattern.ask(system, HypervisorActor.GetDom0::new, ASK,
                system.scheduler());
        return vifs.thenCombine(dom0, (list, services) -> {
            if (list.error() != null) {
                throw new Refused(list.error());
            }
            DeviceInfo vif = list.devices().stream().filter(v -> Integer.toString(v.devid()).equals(devid))
                    .findFirst().orElseThrow(() -> new Refused("domain " + dom + " has no vif " + devid));
            // netback names the port as vif-bridge names the interface: vifname, else vif<domid>.<devid>.
            String name = vif.vifname() != null && !vif.vifname().isBlank() ? vif.vifname().strip()
                    : "vif" + vif.frontendId() + "." + vif.devid();
            Optional<Port> port = services.services().get(Networks.class).flatMap(n -> n.port(name));
            return port.orElseThrow(() -> new Refused("no network port " + name + " (is the vif connected?)"));
        }).thenCompose(port -> {
            try {
                return Capture.run(port, Path.of(body.file()), Duration.ofSeconds(body.seconds()),
                        Materializer.matFromSystem(system))
                        .thenApply(r -> new Requests.CaptureResponse(port.name(), body.file(), r.frames(), r.missed()));
            } catch (IOException e) {
                throw new Refused("cannot write " + body.file() + ": " + e.getMessage());
            }
        });
    }
}
