package io.xenon.toolstack.xl;

import com.fasterxml.jackson.core.type.TypeReference;
import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.ApiException;
import io.xenon.toolstack.api.CpupoolView;
import io.xenon.toolstack.api.Requests;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scheduler commands ({@code xl_sched.c}): sched-credit. Option checks and messages are
 * {@code main_sched_credit}'s, and so is their exit status ({@code EXIT_FAILURE}); the range
 * checks are the daemon's, with libxl's messages.
 */
@Command(name = "xl")
final class SchedCommands {

    /** {@code libxl_scheduler_to_string(LIBXL_SCHEDULER_CREDIT)}. */
    private static final String CREDIT = "credit";

    private final Xl xl;

    SchedCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "sched-credit", description = "Get/set credit scheduler parameters.",
            customSynopsis = "xl sched-credit [-d <Domain> [-w[=WEIGHT]|-c[=CAP]]] [-s [-t TSLICE] [-r RATELIMIT]"
                    + " [-m DELAY]] [-p CPUPOOL]")
    int schedCredit(
            @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", description = "Domain to modify") String dom,
            @Option(names = {"-w", "--weight"}, paramLabel = "WEIGHT",
                    description = "Weight (int)") Integer weight,
            @Option(names = {"-c", "--cap"}, paramLabel = "CAP", description = "Cap (int)") Integer cap,
            @Option(names = {"-p", "--cpupool"}, paramLabel = "CPUPOOL",
                    description = "Restrict output to CPUPOOL") String cpupool,
            @Option(names = {"-s", "--schedparam"}, description = "Query / modify scheduler parameters")
            boolean schedparam,
            @Option(names = {"-t", "--tslice_ms"}, paramLabel = "TSLICE",
                    description = "Set the timeslice, in milliseconds") Integer tslice,
            @Option(names = {"-r", "--ratelimit_us"}, paramLabel = "RLIMIT",
                    description = "Set the scheduling rate limit, in microseconds") Integer ratelimit,
            @Option(names = {"-m", "--migration_delay_us"}, paramLabel = "DLY",
                    description = "Set the migration delay, in microseconds") Integer migrationDelay)
            throws Exception {
        if ((cpupool != null || schedparam) && (dom != null || weight != null || cap != null)) {
            throw new XlException("Specifying a cpupool or schedparam is not allowed with domain options.", 1);
        }
        if (dom == null && (weight != null || cap != null)) {
            throw new XlException("Must specify a domain.", 1);
        }
        if (!schedparam && (tslice != null || ratelimit != null || migrationDelay != null)) {
            throw new XlException("Must specify schedparam to set schedule parameter values.", 1);
        }
        if (schedparam) {
            // An unknown pool is the daemon's 404, whose message is xl's "unknown cpupool 'P'".
            if (tslice == null && ratelimit == null && migrationDelay == null) {
                xl.out.println(Formats.schedCreditPool(
                        xl.client().get(Api.schedCreditPool(cpupool), Requests.PoolParamsView.class)));
            } else {
                xl.client().post(Api.schedCreditPool(cpupool),
                        new Requests.PoolParamsRequest(tslice, ratelimit, migrationDelay), Requests.PoolParamsView.class);
            }
        } else if (dom == null) {
            poolsOutput(cpupool);
        } else if (weight == null && cap == null) {
            Requests.SchedParamsView d = xl.client().get(Api.domain(dom, "sched"), Requests.SchedParamsView.class);
            xl.out.println(Formats.SCHED_CREDIT_HEADER);
            xl.out.println(Formats.schedCreditRow(d));
        } else {
            xl.client().post(Api.domain(dom, "sched"), new Requests.SchedParamsRequest(weight, cap),
                    Requests.Message.class);
        }
        return 0;
    }

    /**
     * {@code sched_domain_output}: for each credit pool ({@code cpupool} only, if not null), its
     * parameters line, the header, and the rows of the domains in that pool. Pools run by another
     * scheduler are left out.
     */
    private void poolsOutput(String cpupool) throws Exception {
        Requests.CpupoolList list = xl.client().get(Api.CPUPOOLS, Requests.CpupoolList.class);
        CpupoolView only = null;
        if (cpupool != null) {
            only = CpupoolCommands.find(list.pools(), cpupool);
            if (only == null) {
                throw new XlException("unknown cpupool '" + cpupool + "'");
            }
        }
        List<Requests.SchedParamsView> domains = xl.client().get(Api.SCHED_CREDIT,
                new TypeReference<List<Requests.SchedParamsView>>() { });
        for (String line : poolsOutput(list, only, domains, this::poolLine)) {
            xl.out.println(line);
        }
    }

    /** What fetches one pool's parameters line. */
    @FunctionalInterface
    interface PoolLine {
        String of(CpupoolView pool) throws ApiException;
    }

    /**
     * The lines of {@code xl sched-credit [-p POOL]}: for each credit pool of {@code list}
     * ({@code only}, if not null) its {@code pool} line, the header, then the rows of
     * {@code domains} that are in it. A domain the list places in no pool is in Pool-0.
     */
    static List<String> poolsOutput(Requests.CpupoolList list, CpupoolView only,
            List<Requests.SchedParamsView> domains, PoolLine pool) throws ApiException {
        String pool0 = list.pools().isEmpty() ? null : list.pools().get(0).name();
        List<String> lines = new ArrayList<>();
        for (CpupoolView p : list.pools()) {
            if (!CREDIT.equals(p.sched()) || (only != null && p.poolid() != only.poolid())) {
                continue;
            }
            lines.add(pool.of(p));
            lines.add(Formats.SCHED_CREDIT_HEADER);
            for (Requests.SchedParamsView d : domains) {
                String in = list.domainPools() == null ? null : list.domainPools().get(d.domid());
                if (p.name().equals(in != null ? in : pool0)) {
                    lines.add(Formats.schedCreditRow(d));
                }
            }
        }
        return lines;
    }

    /** {@code sched_credit_pool_output}, with xl's line for parameters it cannot get. */
    private String poolLine(CpupoolView p) throws ApiException {
        try {
            return Formats.schedCreditPool(xl.client().get(Api.schedCreditPool(p.name()),
                    Requests.PoolParamsView.class));
        } catch (ApiException e) {
            if (e.status() == 0) {
                throw e;
            }
            return "Cpupool " + p.name() + ": [sched params unavailable]";
        }
    }
}
