package io.xenon.toolstack.xl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.ConfigWarning;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.ApiException;
import io.xenon.toolstack.api.DomainView;
import io.xenon.toolstack.api.Json;
import io.xenon.toolstack.api.LibxlJson;
import io.xenon.toolstack.api.Requests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The domain life-cycle and information commands ({@code xl_vmcontrol.c}, {@code xl_info.c}):
 * create, list, destroy, shutdown, reboot, pause, unpause, rename, domid, domname, dump-core,
 * uptime. Messages are xl's.
 */
@Command(name = "xl")
final class DomainCommands {

    /** A config file bigger than this is refused before it is read. */
    static final long MAX_CONFIG_BYTES = 1 << 20;

    private static final TypeReference<List<DomainView>> DOMAINS = new TypeReference<>() {
    };

    private final Xl xl;

    DomainCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "create", description = "Create a domain from config file <filename>.",
            customSynopsis = "xl create <ConfigFile> [options] [vars]")
    int create(
            @Option(names = "-p", description = "Leave the domain paused after it is created.") boolean paused,
            @Option(names = "-n", description = "Dry run: print the parsed configuration as JSON; create nothing.") boolean dryRun,
            @Option(names = "-c", description = "Connect to the console after the domain is created.") boolean console,
            @Option(names = "-q", description = "Quiet.") boolean quiet,
            @Option(names = "-F", description = "Run in the foreground (accepted; Xenon's daemon supervises the domain).") boolean foreground,
            @Option(names = "-d", description = "Print the parsed configuration on stderr while creating.") boolean debug,
            @Option(names = "-f", paramLabel = "FILE", description = "Use the given configuration file.") String file,
            @Parameters(paramLabel = "ARG", description = "The config file (unless -f), then key=value settings.") List<String> args)
            throws Exception {
        List<String> rest = new ArrayList<>(args == null ? List.of() : args);
        if (file == null && !rest.isEmpty() && !rest.get(0).contains("=")) {
            file = rest.remove(0);
        }
        if (file == null) {
            throw new XlException("xl create: no config file given (xl create <ConfigFile> [key=value ...])");
        }
        for (String r : rest) {
            if (!r.contains("=")) {
                throw new XlException("xl create: '" + r + "' is not a key=value setting");
            }
        }
        String text = readConfig(file);
        if (!quiet) {
            xl.err.println("Parsing config from " + file);
        }
        if (dryRun || debug) {
            DomainConfig config;
            try {
                config = DomainConfigs.read(text, file, rest);
            } catch (ConfigException e) {
                throw new XlException(e.getMessage());
            }
            if (!quiet) {
                config.warnings().forEach(w -> xl.err.println(warning(w)));
            }
            String json = LibxlJson.write(LibxlJson.render(config, Runtime.getRuntime().availableProcessors()));
            (dryRun ? xl.out : xl.err).println(json);
            if (dryRun) {
                return 0;
            }
        }
        Requests.CreateResponse created = xl.client().post(Api.DOMAINS,
                new Requests.CreateRequest(text, file, rest, paused), Requests.CreateResponse.class);
        if (!quiet && !debug && created.warnings() != null) {
            created.warnings().forEach(w -> xl.err.println("WARNING: " + w));
        }
        if (console) {
            return new ConsoleCommand(xl).attach(String.valueOf(created.domid()));
        }
        return 0;
    }

    private static String warning(ConfigWarning w) {
        return "WARNING: " + w;
    }

    private static String readConfig(String file) throws XlException {
        Path path = Path.of(file);
        try {
            if (Files.size(path) > MAX_CONFIG_BYTES) {
                throw new XlException("Failed to read config file: " + file + ": larger than "
                        + (MAX_CONFIG_BYTES >> 10) + " KiB");
            }
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new XlException("Failed to read config file: " + file + ": No such file or directory");
        } catch (IOException e) {
            throw new XlException("Failed to read config file: " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "list", description = "List information about all/some domains.",
            customSynopsis = "xl list [options] [Domain]")
    int list(
            @Option(names = {"-l", "--long"}, description = "Output all VM details (JSON).") boolean details,
            @Option(names = {"-v", "--verbose"}, description = "Prints out UUIDs and security context.") boolean verbose,
            @Option(names = {"-Z", "--context"}, description = "Prints out security context.") boolean context,
            @Option(names = {"-c", "--cpupool"}, description = "Prints the cpupool the domain belongs to.") boolean cpupool,
            @Option(names = {"-n", "--numa"}, description = "Prints out NUMA node affinity.") boolean numa,
            @Parameters(arity = "0..1", paramLabel = "Domain") String dom) throws Exception {
        List<DomainView> domains = dom == null ? all() : List.of(one(dom));
        if (details) {
            ArrayNode array = Json.mapper().createArrayNode();
            for (DomainView d : domains) {
                try {
                    array.add(xl.client().get(Api.domain(String.valueOf(d.domid()), "config"), JsonNode.class));
                } catch (ApiException e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                }
            }
            xl.out.println(LibxlJson.write(array));
            return 0;
        }
        StringBuilder header = new StringBuilder(Formats.LIST_HEADER);
        if (verbose) {
            header.append(Formats.LIST_VERBOSE_HEADER);
        }
        if (context && !verbose) {
            header.append("   Security Label");
        }
        if (cpupool) {
            header.append("         Cpupool");
        }
        if (numa) {
            header.append(" NODE Affinity");
        }
        xl.out.println(header);
        Requests.CpupoolList poolList = cpupool ? new CpupoolCommands(xl).pools() : null;
        Map<Integer, String> pools = cpupool ? poolList.domainPools() : null;
        // A domain whose vCPUs the scheduler has not met yet is in Pool-0, whatever its name now.
        String pool0 = cpupool ? poolList.pools().get(0).name() : null;
        for (DomainView d : domains) {
            StringBuilder row = new StringBuilder(Formats.listRow(d, verbose));
            if (context && !verbose) {
                row.append(String.format(Locale.ROOT, " %16s", "-"));
            }
            if (cpupool) {
                row.append(String.format(Locale.ROOT, "%16s", pools.getOrDefault(d.domid(), pool0)));
            }
            if (numa) {
                row.append(" all");
            }
            xl.out.println(row);
        }
        return 0;
    }

    @Command(name = "destroy", description = "Terminate a domain immediately.",
            customSynopsis = "xl destroy [-f] <Domain>")
    int destroy(@Option(names = "-f", description = "Allow domain 0 to be destroyed.") boolean force,
            @Parameters(paramLabel = "Domain") String dom) throws Exception {
        xl.client().post(Api.domain(dom, "destroy"), null, Requests.Message.class);
        return 0;
    }

    @Command(name = "shutdown", description = "Issue a shutdown signal to a domain.",
            customSynopsis = "xl shutdown [options] <-a|Domain>")
    int shutdown(
            @Option(names = {"-a", "--all"}, description = "Shutdown all guest domains.") boolean all,
            @Option(names = {"-w", "--wait"}, description = "Wait for guest(s) to shutdown.") boolean wait,
            @Option(names = "-F", description = "Fall back to ACPI power events (accepted; PV guests only here).") boolean fallback,
            @Parameters(arity = "0..1", paramLabel = "Domain") String dom) throws Exception {
        return shutdownOrReboot("shutdown", "Shutting down", all, wait, dom);
    }

    @Command(name = "reboot", description = "Issue a reboot signal to a domain.",
            customSynopsis = "xl reboot [options] <-a|Domain>")
    int reboot(
            @Option(names = {"-a", "--all"}, description = "Reboot all guest domains.") boolean all,
            @Option(names = {"-w", "--wait"}, description = "Wait for guest(s) to reboot.") boolean wait,
            @Option(names = "-F", description = "Fall back to ACPI reset events (accepted; PV guests only here).") boolean fallback,
            @Parameters(arity = "0..1", paramLabel = "Domain") String dom) throws Exception {
        return shutdownOrReboot("reboot", "Rebooting", all, wait, dom);
    }

    private int shutdownOrReboot(String action, String verb, boolean all, boolean wait, String dom) throws Exception {
        if (all == (dom != null)) {
            throw new XlException("xl " + action + ": give either -a or one domain", 2);
        }
        List<DomainView> targets = new ArrayList<>();
        if (all) {
            all().stream().filter(d -> d.domid() != 0 && !d.dying()).forEach(targets::add);
        } else {
            targets.add(one(dom));
        }
        for (DomainView d : targets) {
            xl.err.println(verb + " domain " + d.domid());
            if (action.equals("shutdown")) {
                xl.client().post(Api.domain(String.valueOf(d.domid()), "shutdown"),
                        new Requests.ShutdownRequest(false), Requests.Message.class);
            } else {
                xl.client().post(Api.domain(String.valueOf(d.domid()), "reboot"), null, Requests.Message.class);
            }
        }
        if (wait && !targets.isEmpty()) {
            waitForShutdown(targets);
        }
        return 0;
    }

    /** {@code wait_for_domain_deaths}: until each domain has shut down or is gone. */
    private void waitForShutdown(List<DomainView> targets) throws Exception {
        xl.err.println("Waiting for " + targets.size() + " domains");
        List<DomainView> left = new ArrayList<>(targets);
        while (!left.isEmpty()) {
            for (var it = left.iterator(); it.hasNext();) {
                DomainView d = it.next();
                try {
                    DomainView now = xl.client().get(Api.domain(String.valueOf(d.domid())), DomainView.class);
                    if (now.shutdown()) {
                        xl.err.println("Domain " + d.domid() + " has been shut down, reason code "
                                + (now.shutdownCode() == null ? 0 : now.shutdownCode()));
                        it.remove();
                    }
                } catch (ApiException e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                    xl.err.println("Domain " + d.domid() + " has been destroyed.");
                    it.remove();
                }
            }
            if (!left.isEmpty()) {
                Thread.sleep(200);
            }
        }
    }

    @Command(name = "pause", description = "Pause execution of a domain.", customSynopsis = "xl pause <Domain>")
    int pause(@Parameters(paramLabel = "Domain") String dom) throws Exception {
        xl.client().post(Api.domain(dom, "pause"), null, Requests.Message.class);
        return 0;
    }

    @Command(name = "unpause", description = "Unpause a paused domain.", customSynopsis = "xl unpause <Domain>")
    int unpause(@Parameters(paramLabel = "Domain") String dom) throws Exception {
        xl.client().post(Api.domain(dom, "unpause"), null, Requests.Message.class);
        return 0;
    }

    @Command(name = "rename", description = "Rename a domain.", customSynopsis = "xl rename <Domain> <NewDomainName>")
    int rename(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "NewDomainName") String name) throws Exception {
        xl.client().post(Api.domain(dom, "rename"), new Requests.RenameRequest(name), Requests.Message.class);
        return 0;
    }

    @Command(name = "domid", description = "Convert a domain name to domain id.", customSynopsis = "xl domid <DomainName>")
    int domid(@Parameters(paramLabel = "DomainName") String name) throws Exception {
        for (DomainView d : all()) {
            if (d.name().equals(name)) {
                xl.out.println(d.domid());
                return 0;
            }
        }
        throw new XlException("Can't get domid of domain name '" + name + "', maybe this domain does not exist.");
    }

    @Command(name = "domname", description = "Convert a domain id to domain name.", customSynopsis = "xl domname <DomainId>")
    int domname(@Parameters(paramLabel = "DomainId") String id) throws Exception {
        long domid;
        try {
            domid = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new XlException("Invalid domain id.");
        }
        for (DomainView d : all()) {
            if (d.domid() == domid) {
                xl.out.println(d.name());
                return 0;
            }
        }
        throw new XlException("Can't get domain name of domain id '" + domid + "', maybe this domain does not exist.");
    }

    @Command(name = "dump-core", description = "Core dump a domain.", customSynopsis = "xl dump-core <Domain> [filename]")
    int dumpCore(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", arity = "0..1", paramLabel = "filename") String file) throws Exception {
        String path = file == null ? null : Path.of(file).toAbsolutePath().toString();
        Requests.Message m = xl.client().post(Api.domain(dom, "dump-core"), new Requests.DumpRequest(path),
                Requests.Message.class);
        if (m.message() != null && !m.message().isEmpty()) {
            xl.err.println(m.message());
        }
        return 0;
    }

    @Command(name = "uptime", description = "Print uptime for all/some domains.", customSynopsis = "xl uptime [-s] [Domain]")
    int uptime(@Option(names = "-s", description = "Uptime in short format.") boolean shortMode,
            @Parameters(arity = "0..*", paramLabel = "Domain") List<String> doms) throws Exception {
        List<DomainView> domains = new ArrayList<>();
        if (doms == null || doms.isEmpty()) {
            domains.addAll(all());
        } else {
            for (String d : doms) {
                domains.add(one(d));
            }
        }
        String now = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        if (!shortMode) {
            xl.out.println(Formats.UPTIME_HEADER);
        }
        for (DomainView d : domains) {
            xl.out.println(shortMode ? Formats.uptimeShortRow(d, now) : Formats.uptimeRow(d));
        }
        return 0;
    }

    List<DomainView> all() throws ApiException {
        return xl.client().get(Api.DOMAINS, DOMAINS);
    }

    DomainView one(String dom) throws ApiException {
        return xl.client().get(Api.domain(dom), DomainView.class);
    }
}
