package io.xenon.toolstack.daemon;

import com.typesafe.config.Config;
import io.xenon.abi.ShutdownReason;
import io.xenon.actors.HostSettings;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.guest.GuestLoader;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.monitoring.MetricsRoute;
import io.xenon.monitoring.Monitoring;
import io.xenon.runtime.domain.DomainInfo;
import io.xenon.toolstack.api.StateDir;
import io.xenon.toolstack.xenstore.XsSocketServer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Xenon host: the hypervisor's actor system, the REST API and the Prometheus endpoint
 * on loopback, and the state directory that holds their port and token files.
 *
 * <p>Stopping (SIGTERM, or {@link #stop()}) runs Pekko's coordinated shutdown: the API stops
 * taking requests, every DomU is shut down gracefully ({@code xenon.daemon.on-stop = shutdown},
 * bounded by {@code stop-timeout}) or destroyed at once ({@code destroy}), then the files that
 * advertise the daemon are removed and Kamon stops. Nothing is left running.
 */
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final ActorSystem<HypervisorActor.Command> system;
    private final StateDir stateDir;
    private final int apiPort;
    private final int metricsPort;
    private final FileChannel lockChannel;

    private Daemon(ActorSystem<HypervisorActor.Command> system, StateDir stateDir, int apiPort, int metricsPort,
            FileChannel lockChannel) {
        this.system = system;
        this.stateDir = stateDir;
        this.apiPort = apiPort;
        this.metricsPort = metricsPort;
        this.lockChannel = lockChannel;
    }

    /**
     * Starts a host from {@code config}; {@code baseDir} resolves relative autostart paths.
     *
     * @throws IllegalStateException if another daemon holds the state directory or a port is taken
     */
    public static Daemon start(Config config, Path baseDir) throws IOException {
        HostSettings settings = HostSettings.from(config);
        long startNanos = System.nanoTime();
        StateDir stateDir = new StateDir(settings.stateDir());
        Files.createDirectories(stateDir.root());
        for (String sub : List.of("logs", "dump", "images", "save", "console")) {
            Files.createDirectories(stateDir.resolve(sub));
        }
        FileChannel lock = FileChannel.open(stateDir.resolve("xenon.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = lock.tryLock();
        if (held == null) {
            lock.close();
            throw new IllegalStateException("another Xenon daemon is using " + stateDir.root());
        }
        Monitoring.start(config);
        Config pekko = settings.pekkoOverrides().withFallback(config);
        ActorSystem<HypervisorActor.Command> system = ActorSystem.create(
                HypervisorActor.create(settings, new GuestLoader(Daemon.class.getClassLoader())), "xenon", pekko);
        String token = HexFormat.of().formatHex(randomBytes());
        Daemon daemon;
        try {
            ApiServer api = new ApiServer(system, settings, token, startNanos);
            String host = config.getString("xenon.api.host");
            ServerBinding apiBinding = Http.get(system).newServerAt(host, config.getInt("xenon.api.port"))
                    .bind(api.route()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            ServerBinding metricsBinding = Http.get(system).newServerAt(config.getString("xenon.metrics.host"),
                    config.getInt("xenon.metrics.port")).bind(MetricsRoute.route()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            daemon = new Daemon(system, stateDir, apiBinding.localAddress().getPort(),
                    metricsBinding.localAddress().getPort(), lock);
            stateDir.writeFile(StateDir.TOKEN_FILE, token + "\n", true);
            stateDir.writeFile(StateDir.PORT_FILE, daemon.apiPort + "\n", false);
            stateDir.writeFile(StateDir.METRICS_PORT_FILE, daemon.metricsPort + "\n", false);
            stateDir.writeFile(StateDir.PID_FILE, ProcessHandle.current().pid() + "\n", false);
            ActorRef<XenStoreActor.Command> xenstored = AskPattern.<HypervisorActor.Command,
                    ActorRef<XenStoreActor.Command>>ask(system, HypervisorActor.GetXenStore::new,
                    Duration.ofSeconds(10), system.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            XsSocketServer xenstoreSocket = new XsSocketServer(stateDir.resolve(StateDir.XENSTORED_SOCKET), xenstored,
                    system.scheduler());
            xenstoreSocket.start();
            daemon.registerShutdown(config, apiBinding, metricsBinding, xenstoreSocket);
        } catch (Exception e) {
            system.terminate();
            lock.close();
            throw new IllegalStateException("cannot start the API: " + e.getMessage(), e);
        }
        LOG.info("Xenon up: API on 127.0.0.1:{}, metrics on {}:{}, state in {}", daemon.apiPort,
                config.getString("xenon.metrics.host"), daemon.metricsPort, stateDir.root());
        daemon.autostart(config.getStringList("xenon.autostart"), baseDir);
        return daemon;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    public int apiPort() {
        return apiPort;
    }

    public int metricsPort() {
        return metricsPort;
    }

    public StateDir stateDir() {
        return stateDir;
    }

    public ActorSystem<HypervisorActor.Command> system() {
        return system;
    }

    /** Stops the daemon as SIGTERM does and waits for it. */
    public void stop() {
        system.terminate();
        awaitTermination();
    }

    /** Blocks until the actor system has stopped. */
    public void awaitTermination() {
        try {
            system.getWhenTerminated().toCompletableFuture().get();
        } catch (Exception e) {
            LOG.warn("waiting for termination: {}", e.toString());
        }
    }

    private void autostart(List<String> files, Path baseDir) {
        for (Autostart.Entry e : Autostart.read(files, baseDir)) {
            if (e.error() != null) {
                LOG.error("autostart: {}", e.error());
                continue;
            }
            CompletionStage<Reply> reply = AskPattern.ask(system,
                    r -> new HypervisorActor.CreateDomain(e.config(), false, r), Duration.ofSeconds(15),
                    system.scheduler());
            reply.whenComplete((r, err) -> {
                if (r instanceof Reply.Created c) {
                    LOG.info("autostart: {} is domain {}", e.file(), c.domid());
                } else {
                    LOG.error("autostart: {}: {}", e.file(), err != null ? err.toString() : ((Reply.Rejected) r).reason());
                }
            });
        }
    }

    private void registerShutdown(Config config, ServerBinding api, ServerBinding metrics,
            XsSocketServer xenstoreSocket) {
        CoordinatedShutdown cs = CoordinatedShutdown.get(Adapter.toClassic(system));
        Duration stopTimeout = config.getDuration("xenon.daemon.stop-timeout");
        boolean graceful = config.getString("xenon.daemon.on-stop").equals("shutdown");
        cs.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "unbind-api", () -> api.unbind()
                .thenCompose(d -> metrics.unbind()).thenApply(d -> Done.getInstance()));
        cs.addTask(CoordinatedShutdown.PhaseServiceStop(), "stop-domains",
                () -> stopDomains(graceful, stopTimeout).thenApply(d -> Done.getInstance()));
        cs.addTask(CoordinatedShutdown.PhaseActorSystemTerminate(), "release-state-dir", () -> {
            xenstoreSocket.close();
            for (String f : List.of(StateDir.PORT_FILE, StateDir.TOKEN_FILE, StateDir.METRICS_PORT_FILE,
                    StateDir.PID_FILE)) {
                try {
                    Files.deleteIfExists(stateDir.resolve(f));
                } catch (IOException e) {
                    LOG.warn("cannot remove {}: {}", f, e.toString());
                }
            }
            Monitoring.stop();
            try {
                lockChannel.close();
            } catch (IOException e) {
                LOG.warn("cannot release the state-dir lock: {}", e.toString());
            }
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }

    /** Shuts every DomU down (gracefully first, if configured), then destroys what is left. */
    private CompletionStage<Reply> stopDomains(boolean graceful, Duration timeout) {
        CompletionStage<?> first = CompletableFuture.completedFuture(null);
        if (graceful) {
            first = AskPattern.<HypervisorActor.Command, HypervisorActor.DomainList>ask(system,
                    HypervisorActor.ListDomains::new, Duration.ofSeconds(5), system.scheduler())
                    .thenCompose(list -> CompletableFuture.allOf(list.domains().stream()
                            .filter(d -> d.id().value() != 0 && !d.shutdown())
                            .map(d -> shutdownOne(d, timeout))
                            .toArray(CompletableFuture[]::new)));
        }
        return first.exceptionally(e -> null).thenCompose(x -> AskPattern.<HypervisorActor.Command, Reply>ask(system,
                HypervisorActor.StopAll::new, timeout.plusSeconds(5), system.scheduler()));
    }

    private CompletableFuture<Reply> shutdownOne(DomainInfo d, Duration timeout) {
        return AskPattern.<HypervisorActor.Command, Reply>ask(system,
                r -> new HypervisorActor.ShutdownDomain(Integer.toString(d.id().value()), ShutdownReason.POWEROFF, true, r),
                timeout, system.scheduler()).toCompletableFuture().exceptionally(e -> new Reply.Done("timed out"));
    }
}
