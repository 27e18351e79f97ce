package io.xenon.bench;

import io.xenon.actors.Reply;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: the time from {@code xl create}'s command reaching the hypervisor until the new domain is
 * created, unpaused, and its kernel has booted on vCPU 0 ({@link #createToRunning}); beside it, the
 * same shape done with bare Pekko: an ask to a parent that spawns a child, which answers
 * ({@link #bareActorSpawnAndAsk}). Each created domain is destroyed outside the measurement.
 */
@State(Scope.Benchmark)
public class DomainCreateBenchmark {

    private static final String KERNEL = "java:" + BootProbe.class.getName();

    private BenchHost host;
    private ActorRef<Ping> spawner;
    private final AtomicInteger seq = new AtomicInteger();
    private int lastDomid = -1;

    /** The reference actor's message. */
    public record Ping(ActorRef<String> replyTo) {
    }

    private static final Behavior<Ping> ECHO_ONCE = Behaviors.receive(Ping.class).onMessage(Ping.class, p -> {
        p.replyTo().tell("pong");
        return Behaviors.stopped();
    }).build();

    /** Spawns a child per request; the child answers and stops. */
    private static final Behavior<Ping> SPAWNER = Behaviors.setup(ctx -> Behaviors.receive(Ping.class)
            .onMessage(Ping.class, p -> {
                ctx.spawnAnonymous(ECHO_ONCE).tell(p);
                return Behaviors.same();
            })
            .build());

    @Setup(Level.Trial)
    public void boot() throws Exception {
        host = new BenchHost("64G", 2);
        spawner = host.system().systemActorOf(SPAWNER, "spawner", Props.empty());
    }

    @TearDown(Level.Trial)
    public void shutdown() throws Exception {
        host.close();
    }

    @Benchmark
    public int createToRunning() throws Exception {
        Reply r = host.create(BenchHost.config("b" + seq.incrementAndGet(), KERNEL, 128));
        if (!(r instanceof Reply.Created c)) {
            throw new IllegalStateException("create failed: " + r);
        }
        lastDomid = c.domid().value();
        CountDownLatch booted = BootProbe.expect(lastDomid);
        if (!booted.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("domain " + lastDomid + " did not boot");
        }
        return lastDomid;
    }

    @TearDown(Level.Invocation)
    public void destroyCreated() throws Exception {
        if (lastDomid >= 0) {
            host.destroy(Integer.toString(lastDomid));
            BootProbe.forget(lastDomid);
            lastDomid = -1;
        }
    }

    @Benchmark
    public String bareActorSpawnAndAsk() throws Exception {
        return AskPattern.<Ping, String>ask(spawner, Ping::new, Duration.ofSeconds(10), host.system().scheduler())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
