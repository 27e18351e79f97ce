package io.xenon.toolstack.xl;

import com.fasterxml.jackson.core.type.TypeReference;
import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.Requests;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scheduler commands ({@code xl_sched.c}): sched-credit. Option checks and messages are
 * {@code main_sched_credit}'s; the range checks are the daemon's, with libxl's messages.
 */
@Command(name = "xl")
final class SchedCommands {

    private final Xl xl;

    SchedCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "sched-credit", description = "Get/set credit scheduler parameters.",
            customSynopsis = "xl sched-credit [-d <Domain> [-w[=WEIGHT]|-c[=CAP]]] [-s [-t TSLICE] [-r RATELIMIT]]")
    int schedCredit(
            @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", description = "Domain to modify") String dom,
            @Option(names = {"-w", "--weight"}, paramLabel = "WEIGHT",
                    description = "Weight (int)") Integer weight,
            @Option(names = {"-c", "--cap"}, paramLabel = "CAP", description = "Cap (int)") Integer cap,
            @Option(names = {"-s", "--schedparam"}, description = "Query / modify scheduler parameters")
            boolean schedparam,
            @Option(names = {"-t", "--tslice_ms"}, paramLabel = "TSLICE",
                    description = "Set the timeslice, in milliseconds") Integer tslice,
            @Option(names = {"-r", "--ratelimit_us"}, paramLabel = "RLIMIT",
                    description = "Set the scheduling rate limit, in microseconds") Integer ratelimit)
            throws Exception {
        if (schedparam && (dom != null || weight != null || cap != null)) {
            throw new XlException("Specifying a cpupool or schedparam is not allowed with domain options.", 2);
        }
        if (dom == null && (weight != null || cap != null)) {
            throw new XlException("Must specify a domain.", 2);
        }
        if (!schedparam && (tslice != null || ratelimit != null)) {
            throw new XlException("Must specify schedparam to set schedule parameter values.", 2);
        }
        if (schedparam) {
            Requests.PoolParamsView pool = tslice == null && ratelimit == null
                    ? xl.client().get(Api.SCHED_CREDIT_POOL, Requests.PoolParamsView.class)
                    : xl.client().post(Api.SCHED_CREDIT_POOL, new Requests.PoolParamsRequest(tslice, ratelimit),
                            Requests.PoolParamsView.class);
            if (tslice == null && ratelimit == null) {
                xl.out.println(Formats.schedCreditPool(pool));
            }
        } else if (dom == null) {
            xl.out.println(Formats.schedCreditPool(
                    xl.client().get(Api.SCHED_CREDIT_POOL, Requests.PoolParamsView.class)));
            xl.out.println(Formats.SCHED_CREDIT_HEADER);
            for (Requests.SchedParamsView d : xl.client().get(Api.SCHED_CREDIT,
                    new TypeReference<List<Requests.SchedParamsView>>() { })) {
                xl.out.println(Formats.schedCreditRow(d));
            }
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
}
