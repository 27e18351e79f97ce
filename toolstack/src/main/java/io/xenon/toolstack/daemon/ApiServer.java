package io.xenon.toolstack.daemon;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xenon.abi.ShutdownReason;
import io.xenon.actors.HostSettings;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.sched.SchedulerActor;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.drivers.DeviceStats;
import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.ConfigWarning;
import io.xenon.runtime.config.CpuList;
import io.xenon.runtime.config.DiskSpec;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.config.Position;
import io.xenon.runtime.config.VifSpec;
import io.xenon.runtime.config.XlConf;
import io.xenon.toolstack.api.CpupoolView;
import io.xenon.toolstack.api.DeviceView;
import io.xenon.toolstack.api.Json;
import io.xenon.toolstack.api.LibxlJson;
import io.xenon.toolstack.api.Requests;
import io.xenon.toolstack.api.TopView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The REST API ({@link io.xenon.toolstack.api.Api}): each route checks the bearer token, asks the
 * hypervisor through its public protocol, and answers JSON. Bad input is a 400 with the parser's
 * {@code file:line:column} message; an unknown domain is a 404; a refusal is a 409.
 */
final class ApiServer extends AllDirectives {

    /** Above any host's pCPU count: a pCPU number this large or negative stands for "no such pCPU". */
    private static final int MAX_CPU = 4096;

    private static final Duration ASK = Duration.ofSeconds(15);
    private static final Duration LONG_ASK = Duration.ofMinutes(10);
    private final ActorSystem<HypervisorActor.Command> system;
    private final NetworkCaptures captures;
    private final HostSettings settings;
    private final byte[] token;
    private final long startNanos;

    ApiServer(ActorSystem<HypervisorActor.Command> system, HostSettings settings, String token, long startNanos) {
        this.system = system;
        this.captures = new NetworkCaptures(system);
        this.settings = settings;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
        this.startNanos = startNanos;
    }

    Route route() {
        return optionalHeaderValueByName("Authorization", auth -> {
            if (auth.isEmpty() || !MessageDigest.isEqual(token, auth.get().getBytes(StandardCharsets.US_ASCII))) {
                return error(StatusCodes.UNAUTHORIZED, "missing or wrong bearer token (see api.token in the state directory)");
            }
            return pathPrefix("v1", () -> concat(
                    path("host", () -> get(this::host)),
                    path("top", () -> get(this::top)),
                    pathPrefix(segment("sched").slash("credit"), () -> concat(
                            pathEnd(() -> get(() -> schedParams(null))),
                            path("pool", () -> parameterOptional("pool", pool -> concat(
                                    get(() -> poolParams(pool.orElse(null),
                                            new Requests.PoolParamsRequest(null, null, null))),
                                    post(() -> entity(Jackson.unmarshaller(Json.mapper(),
                                            Requests.PoolParamsRequest.class),
                                            body -> poolParams(pool.orElse(null), body)))))))),
                    path("dmesg", () -> get(() -> parameterOptional("clear",
                            clear -> dmesg(clear.map("true"::equals).orElse(false))))),
                    pathPrefix("cpupools", this::cpupoolRoutes),
                    pathPrefix("domains", () -> concat(
                            pathEnd(() -> concat(get(this::list), post(this::create))),
                            pathPrefix(segment(), this::domainRoutes)))));
        });
    }

    private Route domainRoutes(String dom) {
        return concat(
                pathEnd(() -> get(() -> domain(dom))),
                path("config", () -> get(() -> config(dom))),
                path("console", () -> get(() -> console(dom))),
                path("pause", () -> post(() -> simple(r -> new HypervisorActor.PauseDomain(dom, r)))),
                path("unpause", () -> post(() -> simple(r -> new HypervisorActor.UnpauseDomain(dom, r)))),
                path("destroy", () -> post(() -> simple(r -> new HypervisorActor.DestroyDomain(dom, r)))),
                path("reboot", () -> post(() -> simple(
                        r -> new HypervisorActor.ShutdownDomain(dom, ShutdownReason.REBOOT, false, r)))),
                path("shutdown", () -> post(() -> shutdown(dom))),
                path("rename", () -> post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.RenameRequest.class),
                        body -> simple(r -> new HypervisorActor.RenameDomain(dom, body.name(), r))))),
                pathPrefix("devices", () -> pathPrefix(segment(), kind -> concat(
                        pathEnd(() -> concat(get(() -> devices(dom, kind)), post(() -> entity(
                                Jackson.unmarshaller(Json.mapper(), Requests.AttachRequest.class),
                                body -> attach(dom, kind, body))))),
                        path(segment().slash("detach"), dev -> post(() -> simple(
                                r -> new HypervisorActor.DetachDevice(dom, kind, dev, r)))),
                        path(segment().slash("capture"), dev -> post(() -> entity(
                                Jackson.unmarshaller(Json.mapper(), Requests.CaptureRequest.class),
                                body -> capture(dom, dev, body))))))),
                path(segment("memory").slash("target"), () -> post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.MemoryRequest.class),
                        body -> simple(r -> new HypervisorActor.SetMemoryTarget(dom, body.kib(), r))))),
                path(segment("memory").slash("max"), () -> post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.MemoryRequest.class),
                        body -> simple(r -> new HypervisorActor.SetMaxMemory(dom, body.kib(), r))))),
                path("sched", () -> concat(get(() -> schedParams(dom)), post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.SchedParamsRequest.class),
                        body -> simple(r -> new HypervisorActor.SetSchedParams(dom, body.weight(), body.cap(), r)))))),
                path("vcpus", () -> post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.VcpusRequest.class),
                        body -> simple(r -> new HypervisorActor.SetVcpus(dom, body.count(), r))))),
                path(segment("vcpus").slash(segment()).slash("affinity"), vcpu -> post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.AffinityRequest.class),
                        body -> affinity(dom, vcpu, body)))),
                path("cpupool", () -> post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.PoolRequest.class),
                        body -> simple(r -> new HypervisorActor.MigrateToPool(dom, body.pool(), r))))),
                path("dump-core", () -> post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.DumpRequest.class),
                        body -> simple(r -> new HypervisorActor.DumpCore(dom, body.file(), r))))));
    }

    private Route cpupoolRoutes() {
        return concat(
                pathEnd(() -> concat(get(this::cpupools), post(() -> entity(
                        Jackson.unmarshaller(Json.mapper(), Requests.CpupoolCreateRequest.class),
                        body -> simple(r -> new HypervisorActor.ForScheduler(new SchedulerActor.CreatePool(
                                body.name(), body.sched() == null ? settings.scheduler() : body.sched(),
                                cpus(body.cpus()), r))))))),
                pathPrefix(segment(), pool -> concat(
                        path("rename", () -> post(() -> entity(
                                Jackson.unmarshaller(Json.mapper(), Requests.RenameRequest.class),
                                body -> simple(r -> new HypervisorActor.ForScheduler(
                                        new SchedulerActor.RenamePool(pool, body.name(), r)))))),
                        path("destroy", () -> post(() -> simple(r -> new HypervisorActor.ForScheduler(
                                new SchedulerActor.DestroyPool(pool, r))))),
                        path(segment("cpus").slash("add"), () -> post(() -> entity(
                                Jackson.unmarshaller(Json.mapper(), Requests.CpusRequest.class),
                                body -> simple(r -> new HypervisorActor.ForScheduler(
                                        new SchedulerActor.AddPoolCpus(pool, cpus(body.cpus()), r)))))),
                        path(segment("cpus").slash("remove"), () -> post(() -> entity(
                                Jackson.unmarshaller(Json.mapper(), Requests.CpusRequest.class),
                                body -> simple(r -> new HypervisorActor.ForScheduler(
                                        new SchedulerActor.RemovePoolCpus(pool, cpus(body.cpus()), r)))))))));
    }

    private Route cpupools() {
        CompletionStage<SchedulerActor.PoolList> list = AskPattern.ask(system,
                r -> new HypervisorActor.ForScheduler(new SchedulerActor.ListPools(r)), ASK, system.scheduler());
        return onSuccess(list, l -> ok(new Requests.CpupoolList(l.pools().stream()
                .map(p -> new CpupoolView(p.id(), p.name(), p.scheduler(), p.cpus(), p.domains())).toList(),
                l.domainPools())));
    }

    /** UNTRUSTED: the request's pCPU numbers; the scheduler refuses any the host lacks. */
    private static BitSet cpus(List<Integer> cpus) {
        BitSet set = new BitSet();
        for (Integer cpu : cpus == null ? List.<Integer>of() : cpus) {
            if (cpu == null || cpu < 0 || cpu >= MAX_CPU) {
                set.set(MAX_CPU);
            } else {
                set.set(cpu);
            }
        }
        return set;
    }

    private Route host() {
        CompletionStage<HypervisorActor.HostInfo> info = AskPattern.ask(system, HypervisorActor.GetHostInfo::new, ASK,
                system.scheduler());
        CompletionStage<SchedulerActor.PoolList> pools = AskPattern.ask(system,
                r -> new HypervisorActor.ForScheduler(new SchedulerActor.ListPools(r)), ASK, system.scheduler());
        return onSuccess(info.thenCombine(pools, (h, p) -> Views.host(h, p, settings, startNanos)), this::ok);
    }

    private Route top() {
        CompletionStage<HypervisorActor.HostInfo> info = AskPattern.ask(system, HypervisorActor.GetHostInfo::new, ASK,
                system.scheduler());
        CompletionStage<TopView> top = domains().thenCombine(info,
                (list, host) -> TopViews.top(list.domains(), host, DeviceStats.sample(),
                        System.currentTimeMillis(), System.nanoTime()));
        return onSuccess(top, this::ok);
    }

    private Route dmesg(boolean clear) {
        CompletionStage<HypervisorActor.Dmesg> text = AskPattern.ask(system,
                r -> new HypervisorActor.ReadDmesg(clear, r), ASK, system.scheduler());
        return onSuccess(text, t -> ok(new Requests.DmesgText(new String(t.text(), StandardCharsets.UTF_8))));
    }

    private Route list() {
        return onSuccess(domains(), list -> ok(list.domains().stream()
                .map(d -> Views.domain(d, settings.pcpus(), startNanos)).toList()));
    }

    private Route domain(String dom) {
        return onSuccess(detail(dom), d -> d.error() != null ? error(StatusCodes.NOT_FOUND, d.error())
                : ok(Views.domain(d.info(), settings.pcpus(), startNanos)));
    }

    private Route config(String dom) {
        return onSuccess(detail(dom), d -> {
            if (d.error() != null) {
                return error(StatusCodes.NOT_FOUND, d.error());
            }
            if (d.config() == null) {
                return error(StatusCodes.NOT_FOUND, "Domain-0 has no domain config");
            }
            // The live name and uuid: a rename or a generated uuid is what libxl would report.
            DomainConfig live = d.config().withName(d.info().name()).withUuid(d.info().uuid());
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("domid", d.info().id().value());
            body.set("config", LibxlJson.render(live, settings.pcpus()));
            return ok(body);
        });
    }

    private Route console(String dom) {
        CompletionStage<HypervisorActor.ConsoleReply> reply = AskPattern.ask(system,
                r -> new HypervisorActor.OpenConsole(dom, r), ASK, system.scheduler());
        return onSuccess(reply, c -> c.error() != null ? error(StatusCodes.NOT_FOUND, c.error())
                : handleWebSocketMessages(ConsoleSocket.flow(c.log(), c.input())));
    }

    /** {@code dom} null: every domain, as a list; else that domain's parameters. */
    private Route schedParams(String dom) {
        CompletionStage<HypervisorActor.SchedParamsList> list = AskPattern.ask(system,
                r -> new HypervisorActor.GetSchedParams(dom, r), ASK, system.scheduler());
        return onSuccess(list, l -> {
            if (l.error() != null) {
                return error(StatusCodes.NOT_FOUND, l.error());
            }
            List<Requests.SchedParamsView> views = l.domains().stream()
                    .map(p -> new Requests.SchedParamsView(p.name(), p.id().value(), p.weight(), p.cap())).toList();
            return dom == null ? ok(views) : ok(views.get(0));
        });
    }

    /**
     * The parameters of the pool named or numbered {@code pool} (null: Pool-0), changed first
     * where the body has a value. An unknown pool is a 404, a value out of range a 400.
     */
    private Route poolParams(String pool, Requests.PoolParamsRequest body) {
        CompletionStage<SchedulerActor.PoolParams> params = AskPattern.ask(system,
                r -> new HypervisorActor.SchedPoolParams(pool, body.tsliceMs(), body.ratelimitUs(),
                        body.migrationDelayUs(), r), ASK, system.scheduler());
        return onSuccess(params, p -> p.error() != null
                ? error(p.pool() == null ? StatusCodes.NOT_FOUND : StatusCodes.BAD_REQUEST, p.error())
                : ok(new Requests.PoolParamsView(p.pool(), p.scheduler(), p.tsliceMs(), p.ratelimitUs(),
                        p.migrationDelayUs())));
    }

    /** {@code vcpu} is a number or {@code all}; the CPULISTs are parsed for this host's pCPUs. */
    private Route affinity(String dom, String vcpu, Requests.AffinityRequest body) {
        int id;
        BitSet hard;
        BitSet soft;
        try {
            id = vcpu.equals("all") ? -1 : Integer.parseInt(vcpu);
            hard = body.hard() == null ? null : CpuList.parse(body.hard(), settings.pcpus());
            soft = body.soft() == null ? null : CpuList.parse(body.soft(), settings.pcpus());
        } catch (IllegalArgumentException e) {
            return error(StatusCodes.BAD_REQUEST, e instanceof NumberFormatException
                    ? "Error: Invalid argument " + vcpu + " as VCPU." : e.getMessage());
        }
        return simple(r -> new HypervisorActor.SetVcpuAffinity(dom, id, hard, soft, r));
    }

    private Route devices(String dom, String kind) {
        CompletionStage<XenStoreActor.DeviceList> list = AskPattern.ask(system,
                r -> new HypervisorActor.ListDevices(dom, kind, r), ASK, system.scheduler());
        return onSuccess(list, l -> l.error() != null ? error(StatusCodes.NOT_FOUND, l.error())
                : ok(l.devices().stream().map(d -> new DeviceView(d.kind(), d.devid(), d.backendId(), d.frontendId(),
                        d.state(), d.evtch(), d.ringRef(), d.txRingRef(), d.rxRingRef(), d.backend(), d.mac(), d.vdev(),
                        d.backState())).toList()));
    }

    private Route capture(String dom, String devid, Requests.CaptureRequest body) {
        CompletionStage<Requests.CaptureResponse> done = captures.capture(dom, devid, body);
        return withRequestTimeout(Duration.ofSeconds(Math.max(1, body.seconds()) + 30L), () -> onComplete(done, t -> {
            if (t.isSuccess()) {
                return complete(StatusCodes.OK, t.get(), Jackson.marshaller(Json.mapper()));
            }
            Throwable e = t.failed().get();
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            return error(cause instanceof NetworkCaptures.Refused ? StatusCodes.BAD_REQUEST
                    : StatusCodes.INTERNAL_SERVER_ERROR, cause.getMessage());
        }));
    }

    private Route attach(String dom, String kind, Requests.AttachRequest body) {
        List<String> spec = body.spec() == null ? List.of() : body.spec();
        List<ConfigWarning> warnings = new ArrayList<>();
        try {
            if (kind.equals("vif")) {
                VifSpec vif = VifSpec.parse(String.join(",", spec), new Position("<network-attach>", 1, 1),
                        XlConf.defaults(), warnings);
                return simple(r -> new HypervisorActor.AttachNic(dom, vif, r));
            }
            if (kind.equals("vbd")) {
                DiskSpec disk = DiskSpec.parse(spec, new Position("<block-attach>", 1, 1), warnings);
                return simple(r -> new HypervisorActor.AttachDisk(dom, disk, r));
            }
        } catch (ConfigException e) {
            return error(StatusCodes.BAD_REQUEST, e.getMessage());
        }
        return error(StatusCodes.BAD_REQUEST, "cannot attach a device of kind \"" + kind + "\"");
    }

    private Route create() {
        return entity(Jackson.unmarshaller(Json.mapper(), Requests.CreateRequest.class), body -> {
            if (body.config() == null) {
                return error(StatusCodes.BAD_REQUEST, "no config given");
            }
            DomainConfig config;
            try {
                config = DomainConfigs.read(body.config(), body.source() == null ? "<request>" : body.source(),
                        body.overrides() == null ? List.of() : body.overrides());
            } catch (ConfigException e) {
                return error(StatusCodes.BAD_REQUEST, e.getMessage());
            }
            List<String> warnings = config.warnings().stream().map(ConfigWarning::toString).toList();
            CompletionStage<Reply> reply = AskPattern.ask(system,
                    r -> new HypervisorActor.CreateDomain(config, body.paused(), r), ASK, system.scheduler());
            return onSuccess(reply, r -> r instanceof Reply.Created c
                    ? complete(StatusCodes.CREATED, new Requests.CreateResponse(c.domid().value(), c.name(), warnings),
                            Jackson.marshaller(Json.mapper()))
                    : reply(r));
        });
    }

    private Route shutdown(String dom) {
        return entity(Jackson.unmarshaller(Json.mapper(), Requests.ShutdownRequest.class), body -> {
            boolean wait = body.waitForShutdown();
            CompletionStage<Reply> reply = AskPattern.ask(system,
                    r -> new HypervisorActor.ShutdownDomain(dom, ShutdownReason.POWEROFF, wait, r),
                    wait ? LONG_ASK : ASK, system.scheduler());
            return onSuccess(reply, this::reply);
        });
    }

    private Route simple(Function<ActorRef<Reply>, HypervisorActor.Command> command) {
        CompletionStage<Reply> reply = AskPattern.ask(system, command::apply, ASK, system.scheduler());
        return onSuccess(reply, this::reply);
    }

    private Route reply(Reply r) {
        if (r instanceof Reply.Rejected rejected) {
            return error(switch (rejected.kind()) {
                case NO_SUCH_DOMAIN -> StatusCodes.NOT_FOUND;
                case INVALID -> StatusCodes.BAD_REQUEST;
                case CONFLICT -> StatusCodes.CONFLICT;
            }, rejected.reason());
        }
        if (r instanceof Reply.Created c) {
            return ok(new Requests.CreateResponse(c.domid().value(), c.name(), List.of()));
        }
        return ok(new Requests.Message(((Reply.Done) r).message()));
    }

    private CompletionStage<HypervisorActor.DomainList> domains() {
        return AskPattern.ask(system, HypervisorActor.ListDomains::new, ASK, system.scheduler());
    }

    private CompletionStage<HypervisorActor.DomainDetail> detail(String dom) {
        return AskPattern.ask(system, r -> new HypervisorActor.GetDomain(dom, r), ASK, system.scheduler());
    }

    private <T> Route ok(T body) {
        return complete(StatusCodes.OK, body, Jackson.marshaller(Json.mapper()));
    }

    private Route error(StatusCode status, String message) {
        return complete(status, new Requests.ApiError(message), Jackson.marshaller(Json.mapper()));
    }
}
