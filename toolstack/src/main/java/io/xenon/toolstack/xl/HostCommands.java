package io.xenon.toolstack.xl;

import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.HostView;
import io.xenon.toolstack.api.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The host commands ({@code xl_info.c}): info and dmesg. */
@Command(name = "xl")
final class HostCommands {

    private final Xl xl;

    HostCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "info", description = "Get information about Xen host.", customSynopsis = "xl info [-n] [name]")
    int info(@Option(names = {"-n", "--numa"}, description = "List host NUMA topology information.") boolean numa,
            @Parameters(arity = "0..1", paramLabel = "name", description = "Print only this item's value.") String name)
            throws Exception {
        HostView host = xl.client().get(Api.HOST, HostView.class);
        List<String> lines = Formats.info(host);
        if (numa) {
            int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("free_cpus ")).findFirst().orElseThrow()) + 1;
            List<String> topology = new ArrayList<>();
            topology.add("cpu_topology           :");
            topology.add("cpu:    core    socket     node");
            for (int cpu = 0; cpu < host.nrCpus(); cpu++) {
                topology.add(String.format(Locale.ROOT, "%3d:    %4d     %4d     %4d", cpu, cpu, 0, 0));
            }
            topology.add("device topology        :");
            topology.add("device           node");
            topology.add("No device topology data available");
            topology.add("numa_info              :");
            topology.add("node:    memsize    memfree    distances");
            topology.add(String.format(Locale.ROOT, "%4d:    %6d     %6d      %d", 0,
                    host.totalMemory(), host.freeMemory(), 10));
            lines.addAll(at, topology);
        } else if (name != null) {
            lines = Formats.infoSelect(lines, name);
        }
        lines.forEach(xl.out::println);
        return 0;
    }

    @Command(name = "dmesg", description = "Read and/or clear dmesg buffer.", customSynopsis = "xl dmesg [-c]")
    int dmesg(@Option(names = {"-c", "--clear"}, description = "Clear dmesg buffer as well as printing it.") boolean clear)
            throws Exception {
        Requests.DmesgText text = xl.client().get(Api.DMESG + "?clear=" + clear, Requests.DmesgText.class);
        xl.out.print(text.text());
        return 0;
    }
}
