package io.xenon.toolstack.xl;

import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.CpuList;
import io.xenon.runtime.config.CpupoolConfig;
import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.ApiException;
import io.xenon.toolstack.api.CpupoolView;
import io.xenon.toolstack.api.HostView;
import io.xenon.toolstack.api.Requests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The cpupool commands ({@code xl_cpupool.c}): cpupool-create, -list, -destroy, -rename,
 * -cpu-add, -cpu-remove, -migrate and -numa-split. Messages are xl's.
 *
 * <p>XEN-DIFF: a refusal is one line on stderr, xl's message followed by the hypervisor's reason,
 * and exits 1; xl prints libxl's log lines first and exits 0 when cpu-add or cpu-remove fail
 * part way. Xenon adds or removes a cpu list all at once or not at all.
 */
@Command(name = "xl")
final class CpupoolCommands {

    private final Xl xl;

    CpupoolCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "cpupool-create", description = "Create a new CPU pool.",
            customSynopsis = "xl cpupool-create [options] [<ConfigFile>] [Variable=value ...]")
    int create(@Option(names = {"-f", "--defconfig"}, paramLabel = "FILE",
                    description = "Use the given configuration file.") String file,
            @Option(names = {"-n", "--dryrun"}, description = "Dry run - prints the resulting configuration.")
                    boolean dryrun,
            @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args) throws Exception {
        List<String> overrides = new ArrayList<>();
        for (String a : args == null ? List.<String>of() : args) {
            if (a.contains("=")) {
                overrides.add(a);
            } else if (file == null) {
                file = a;
            } else {
                throw new XlException("xl cpupool-create: more than one config file (see xl help cpupool-create)");
            }
        }
        if (file == null && overrides.stream().noneMatch(o -> o.strip().startsWith("name"))) {
            throw new XlException("Missing cpupool name!");
        }
        CpupoolConfig config;
        try {
            config = file != null ? CpupoolConfig.read(Path.of(file), overrides)
                    : CpupoolConfig.read("", "command line", overrides);
        } catch (ConfigException e) {
            throw new XlException("Failed to parse config file: " + e.getMessage());
        }
        List<CpupoolView> pools = pools().pools();
        if (pools.stream().anyMatch(p -> p.name().equals(config.name()))) {
            throw new XlException("Pool name \"" + config.name() + "\" already exists");
        }
        HostView host = xl.client().get(Api.HOST, HostView.class);
        String sched = config.sched() != null ? config.sched() : host.xenScheduler();
        BitSet free = freeCpus(pools, host.nrCpus());
        BitSet cpus = new BitSet();
        if (!config.nodes().isEmpty()) {
            // Xenon's host is one NUMA node, node 0.
            if (config.nodes().contains(0)) {
                cpus.or(free);
            }
            if (cpus.isEmpty()) {
                throw new XlException("no free cpu found");
            }
        } else if (config.cpus() != null) {
            cpus = parseCpus(config.cpus(), host.nrCpus());
            for (int c = cpus.nextSetBit(0); c >= 0; c = cpus.nextSetBit(c + 1)) {
                if (!free.get(c)) {
                    throw new XlException("cpu " + c + " illegal or not free");
                }
            }
        }
        xl.out.println("Using config file \"" + (file != null ? file : "command line") + "\"");
        xl.out.println("cpupool name:   " + config.name());
        xl.out.println("scheduler:      " + sched);
        xl.out.println("number of cpus: " + cpus.cardinality());
        if (!dryrun) {
            try {
                xl.client().post(Api.CPUPOOLS, new Requests.CpupoolCreateRequest(config.name(), sched,
                        cpus.stream().boxed().toList()), Requests.Message.class);
            } catch (ApiException e) {
                throw new XlException("error on creating cpupool: " + e.getMessage());
            }
        }
        return 0;
    }

    @Command(name = "cpupool-list", description = "List CPU pools on host.",
            customSynopsis = "xl cpupool-list [-c|--cpus] [<CPU Pool>]")
    int list(@Option(names = {"-c", "--cpus"}, description = "Output list of CPUs used by a pool.") boolean cpus,
            @Parameters(arity = "0..1", paramLabel = "CPU Pool") String pool) throws Exception {
        List<CpupoolView> pools = pools().pools();
        CpupoolView only = null;
        if (pool != null) {
            only = find(pools, pool);
            if (only == null) {
                throw new XlException("Pool '" + pool + "' does not exist");
            }
        }
        xl.out.println(Formats.cpupoolHeader(cpus));
        for (CpupoolView p : pools) {
            if (only == null || p.poolid() == only.poolid()) {
                xl.out.println(Formats.cpupoolRow(p, cpus));
            }
        }
        return 0;
    }

    @Command(name = "cpupool-destroy", description = "Deactivates a CPU pool.",
            customSynopsis = "xl cpupool-destroy <CPU Pool>")
    int destroy(@Parameters(index = "0", paramLabel = "CPU Pool") String pool) throws Exception {
        CpupoolView p = known(pool);
        try {
            xl.client().post(Api.cpupool(p.name(), "destroy"), null, Requests.Message.class);
        } catch (ApiException e) {
            throw new XlException("Can't destroy cpupool '" + pool + "': " + e.getMessage());
        }
        return 0;
    }

    @Command(name = "cpupool-rename", description = "Renames a CPU pool.",
            customSynopsis = "xl cpupool-rename <CPU Pool> <new name>")
    int rename(@Parameters(index = "0", paramLabel = "CPU Pool") String pool,
            @Parameters(index = "1", paramLabel = "new name") String name) throws Exception {
        CpupoolView p = known(pool);
        try {
            xl.client().post(Api.cpupool(p.name(), "rename"), new Requests.RenameRequest(name), Requests.Message.class);
        } catch (ApiException e) {
            throw new XlException("Can't rename cpupool '" + pool + "': " + e.getMessage());
        }
        return 0;
    }

    /**
     * {@code main_cpupoolnumasplit}: one pool per NUMA node, Pool-0 becoming the first node's.
     * Only from a host with Pool-0 alone: Pool-0 takes the free pCPUs of node 0 and is renamed
     * {@code Pool-node0}, and Domain-0 keeps no more vCPUs online than the node has pCPUs.
     * Xenon's host is one NUMA node, node 0, so there is no other node to make a pool for.
     */
    @Command(name = "cpupool-numa-split", description = "Splits up the machine into one CPU pool per NUMA node.",
            customSynopsis = "xl cpupool-numa-split")
    int numaSplit() throws Exception {
        List<CpupoolView> pools;
        try {
            pools = pools().pools();
        } catch (ApiException e) {
            if (e.status() == 0) {
                throw e;
            }
            throw new XlException("error getting cpupool info");
        }
        if (pools.size() > 1) {
            throw new XlException("splitting not possible, already cpupools in use");
        }
        CpupoolView pool0 = pools.get(0);
        HostView host = xl.client().get(Api.HOST, HostView.class);
        BitSet free = freeCpus(pools, host.nrCpus());
        if (!free.isEmpty()) {
            try {
                xl.client().post(Api.cpupool(pool0.name(), "cpus/add"),
                        new Requests.CpusRequest(free.stream().boxed().toList()), Requests.Message.class);
            } catch (ApiException e) {
                throw new XlException("error on adding cpu to Pool 0: " + e.getMessage());
            }
        }
        try {
            xl.client().post(Api.cpupool(pool0.name(), "rename"), new Requests.RenameRequest("Pool-node0"),
                    Requests.Message.class);
        } catch (ApiException e) {
            throw new XlException("error on renaming Pool 0: " + e.getMessage());
        }
        int nodeCpus = host.nrCpus();
        if (dom0VcpusOnline() > nodeCpus) {
            try {
                xl.client().post(Api.domain("0", "vcpus"), new Requests.VcpusRequest(nodeCpus), Requests.Message.class);
            } catch (ApiException e) {
                throw new XlException("error on removing vcpus for Domain-0: " + e.getMessage());
            }
            for (int i = 0; i < 10 && dom0VcpusOnline() > nodeCpus; i++) {
                Thread.sleep(1000);
            }
            if (dom0VcpusOnline() > nodeCpus) {
                throw new XlException("failed to offline vcpus");
            }
        }
        return 0;
    }

    private int dom0VcpusOnline() throws Exception {
        try {
            return new DomainCommands(xl).one("0").vcpuOnline();
        } catch (ApiException e) {
            if (e.status() == 0) {
                throw e;
            }
            throw new XlException("error on getting info for Domain-0");
        }
    }

    @Command(name = "cpupool-cpu-add", description = "Adds a CPU to a CPU pool.",
            customSynopsis = "xl cpupool-cpu-add <CPU Pool> <CPU nr>|node:<node nr>")
    int cpuAdd(@Parameters(index = "0", paramLabel = "CPU Pool") String pool,
            @Parameters(index = "1", paramLabel = "CPUs") String cpus) throws Exception {
        BitSet set = parseCpus(cpus, xl.client().get(Api.HOST, HostView.class).nrCpus());
        CpupoolView p = known(pool);
        try {
            xl.client().post(Api.cpupool(p.name(), "cpus/add"), new Requests.CpusRequest(set.stream().boxed().toList()),
                    Requests.Message.class);
        } catch (ApiException e) {
            throw new XlException("some cpus may not have been added to " + pool + ": " + e.getMessage());
        }
        return 0;
    }

    @Command(name = "cpupool-cpu-remove", description = "Removes a CPU from a CPU pool.",
            customSynopsis = "xl cpupool-cpu-remove <CPU Pool> <CPU nr>|node:<node nr>")
    int cpuRemove(@Parameters(index = "0", paramLabel = "CPU Pool") String pool,
            @Parameters(index = "1", paramLabel = "CPUs") String cpus) throws Exception {
        BitSet set = parseCpus(cpus, xl.client().get(Api.HOST, HostView.class).nrCpus());
        CpupoolView p = known(pool);
        try {
            xl.client().post(Api.cpupool(p.name(), "cpus/remove"),
                    new Requests.CpusRequest(set.stream().boxed().toList()), Requests.Message.class);
        } catch (ApiException e) {
            throw new XlException("Some cpus may have not or only partially been removed from '" + pool + "': "
                    + e.getMessage());
        }
        return 0;
    }

    @Command(name = "cpupool-migrate", description = "Moves a domain into a CPU pool.",
            customSynopsis = "xl cpupool-migrate <Domain> <CPU Pool>")
    int migrate(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "CPU Pool") String pool) throws Exception {
        try {
            new DomainCommands(xl).one(dom);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new XlException("unknown domain '" + dom + "'");
            }
            throw e;
        }
        CpupoolView p = known(pool);
        xl.client().post(Api.domain(dom, "cpupool"), new Requests.PoolRequest(p.name()), Requests.Message.class);
        return 0;
    }

    Requests.CpupoolList pools() throws ApiException {
        return xl.client().get(Api.CPUPOOLS, Requests.CpupoolList.class);
    }

    /** The pool named {@code ref}, or whose id it is ({@code libxl_cpupool_qualifier_to_cpupoolid}). */
    static CpupoolView find(List<CpupoolView> pools, String ref) {
        for (CpupoolView p : pools) {
            if (p.name().equals(ref)) {
                return p;
            }
        }
        for (CpupoolView p : pools) {
            if (String.valueOf(p.poolid()).equals(ref)) {
                return p;
            }
        }
        return null;
    }

    private CpupoolView known(String ref) throws Exception {
        CpupoolView p = find(pools().pools(), ref);
        if (p == null) {
            throw new XlException("unknown cpupool '" + ref + "'");
        }
        return p;
    }

    private static BitSet freeCpus(List<CpupoolView> pools, int nrCpus) {
        BitSet free = new BitSet();
        free.set(0, nrCpus);
        for (CpupoolView p : pools) {
            p.cpus().forEach(free::clear);
        }
        return free;
    }

    /** {@code parse_cpurange}. */
    private static BitSet parseCpus(String spec, int nrCpus) throws XlException {
        try {
            return CpuList.parse(spec, nrCpus);
        } catch (IllegalArgumentException e) {
            throw new XlException(e.getMessage());
        }
    }
}
