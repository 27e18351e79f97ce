package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.DomainView;
import io.xenon.toolstack.api.HostView;
import io.xenon.toolstack.api.VcpuView;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The vCPU commands ({@code xl_vcpu.c}): vcpu-list. */
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
}
