package io.xenon.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.xenon.actors.HostSettings;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.guest.GuestLoader;
import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainType;
import io.xenon.runtime.domain.DomainInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** An in-process host for benchmarks: the hypervisor's actor system, no API, no Kamon reporter. */
final class BenchHost implements AutoCloseable {

    private final ActorSystem<HypervisorActor.Command> system;
    private final Path stateDir;

    BenchHost(String memory, int pcpus) throws java.io.IOException {
        stateDir = Files.createTempDirectory("xenon-bench");
        Config config = ConfigFactory.parseString("""
                xenon.state-dir = "%s"
                xenon.host.memory = %s
                xenon.host.pcpus = %d
                xenon.dom0.memory = 1G
                pekko.loglevel = WARNING
                """.formatted(stateDir, memory, pcpus)).withFallback(ConfigFactory.load());
        HostSettings settings = HostSettings.from(config);
        system = ActorSystem.create(HypervisorActor.create(settings, new GuestLoader(BenchHost.class.getClassLoader())),
                "bench", settings.pekkoOverrides().withFallback(config));
    }

    Path stateDir() {
        return stateDir;
    }

    ActorSystem<HypervisorActor.Command> system() {
        return system;
    }

    static DomainConfig config(String name, String kernel, long memoryMiB) {
        return new DomainConfig(name, DomainType.PV, memoryMiB, memoryMiB, 1, 1, null, null, 256, 0,
                Action.DESTROY, Action.DESTROY, Action.DESTROY, Action.DESTROY, Action.SOFT_RESET, kernel, null, null,
                null, null, null, List.of(), List.of(), List.of(), 64, 1023, Map.of(), List.of(), "<bench>");
    }

    Reply create(DomainConfig config) throws Exception {
        return AskPattern.<HypervisorActor.Command, Reply>ask(system, r -> new HypervisorActor.CreateDomain(config, false, r),
                Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    Reply destroy(String dom) throws Exception {
        return AskPattern.<HypervisorActor.Command, Reply>ask(system, r -> new HypervisorActor.DestroyDomain(dom, r),
                Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    List<DomainInfo> list() throws Exception {
        return AskPattern.<HypervisorActor.Command, HypervisorActor.DomainList>ask(system, HypervisorActor.ListDomains::new,
                Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS).domains();
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
