package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.DomainView;
import io.xenon.toolstack.api.HostView;
import io.xenon.toolstack.api.Requests;
import io.xenon.toolstack.api.VcpuView;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The vCPU commands ({@code xl_vcpu.c}): vcpu-list, vcpu-pin and vcpu-set. Messages are xl's. */
@Command(name = "xl")
final class VcpuCommands {

    private final Xl xl;

    VcpuCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "vcpu-list", description = "List the VCPUs for all/some domains.",
            customSynopsis = "xl vcpu-list [Domain, ...]")
    int vcpuList(@Parameters(arity = "0..*", paramLabel = "Domain") List<String> doms) throws Exception {
        DomainCommands domains = new DomainCommands(xl);
        List<DomainView> list = new ArrayList<>();
        if (doms == null || doms.isEmpty()) {
            list.addAll(domains.all());
        } else {
            for (String d : doms) {
                list.add(domains.one(d));
            }
        }
        int nrCpus = xl.client().get(Api.HOST, HostView.class).nrCpus();
        xl.out.println(Formats.VCPU_HEADER);
        for (DomainView d : list) {
            for (VcpuView v : d.vcpus()) {
                xl.out.println(Formats.vcpuRow(d, v, nrCpus));
            }
        }
        return 0;
    }

    @Command(name = "vcpu-pin", description = "Set which CPUs a VCPU can use.",
            customSynopsis = "xl vcpu-pin [-f|--force] <Domain> <VCPU|all> <Hard affinity|-|all> <Soft affinity|-|all>")
    int vcpuPin(
            // A guest kernel's temporary pinning (SCHEDOP_pin_override) is what -f removes in Xen;
            // Xenon's guests never pin themselves, so there is none to remove and -f changes nothing.
            @Option(names = {"-f", "--force"}, description = "Remove a temporary pinning done by the guest")
            boolean force,
            @Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "VCPU") String vcpu,
            @Parameters(index = "2", paramLabel = "Hard") String hard,
            @Parameters(index = "3", arity = "0..1", paramLabel = "Soft") String soft) throws Exception {
        String id = vcpuArg(vcpu);
        if (id == null) {
            throw new XlException("Error: Invalid argument " + vcpu + " as VCPU.");
        }
        xl.client().post(Api.domain(dom, "vcpus/" + id + "/affinity"),
                new Requests.AffinityRequest(keepOrList(hard), keepOrList(soft)), Requests.Message.class);
        return 0;
    }

    @Command(name = "vcpu-set", description = "Set the number of active VCPUs allowed for the domain.",
            customSynopsis = "xl vcpu-set [option] <Domain> <vCPUs>")
    int vcpuSet(@Option(names = {"-i", "--ignore-host"},
                    description = "Don't limit the vCPU based on the host CPU count") boolean ignoreHost,
            @Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "vCPUs") String count) throws Exception {
        long n = vcpuCount(count);
        if (n < 0) {
            throw new XlException("Error: Invalid argument.");
        }
        if (!ignoreHost) {
            int hostCpus = xl.client().get(Api.HOST, HostView.class).nrCpus();
            int online = new DomainCommands(xl).one(dom).vcpuOnline();
            if (n > online && n > hostCpus) {
                throw new XlException("You are overcommmitting! You have " + hostCpus + " physical CPUs and want "
                        + n + " vCPUs! Aborting, use --ignore-host to continue");
            }
        }
        xl.client().post(Api.domain(dom, "vcpus"), new Requests.VcpusRequest((int) n), Requests.Message.class);
        return 0;
    }

    /**
     * {@code vcpu-pin}'s VCPU argument as {@code main_vcpupin} reads it ({@code strtol}, then
     * {@code all}): the vCPU number or {@code all} for the API path, or null if it is neither.
     */
    static String vcpuArg(String vcpu) {
        if (vcpu.equals("all")) {
            return "all";
        }
        int end = 0;
        if (end < vcpu.length() && (vcpu.charAt(end) == '+' || vcpu.charAt(end) == '-')) {
            end++;
        }
        int digits = end;
        while (end < vcpu.length() && Character.isDigit(vcpu.charAt(end))) {
            end++;
        }
        if (end == digits || end - digits > 9) {
            return null;
        }
        long id = Long.parseLong(vcpu.substring(0, end));
        return id < 0 ? null : Long.toString(id);
    }

    /** An affinity argument: {@code -} (or absent) leaves it as it is, else the CPULIST. */
    static String keepOrList(String arg) {
        return arg == null || arg.equals("-") ? null : arg;
    }

    /**
     * {@code vcpuset}'s count ({@code strtoul}, at most {@code INT_MAX}): the leading digits, or
     * -1 if there are none.
     */
    static long vcpuCount(String count) {
        int end = 0;
        while (end < count.length() && Character.isDigit(count.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 10) {
            return -1;
        }
        long n = Long.parseLong(count.substring(0, end));
        return n > Integer.MAX_VALUE ? -1 : n;
    }
}
