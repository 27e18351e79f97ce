package io.xenon.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cpupool definition, xlcpupool.cfg(5), as {@code tools/xl/xl_cpupool.c: main_cpupoolcreate}
 * reads it for {@code xl cpupool-create}.
 *
 * @param name     {@code name}; from a file without one, the file's name, as xl does
 * @param sched    {@code sched} in lower case ({@code credit}, {@code credit2}, {@code rtds},
 *                 {@code arinc653}, {@code null} or {@code fair}), or null for the scheduler of Pool-0
 * @param nodes    {@code nodes}: the NUMA nodes whose free CPUs join the pool; empty if not given
 * @param cpus     {@code cpus} as a CPULIST ({@code ["2", "3"]} becomes {@code "2,3"}), or null
 *                 if not given; ignored, as by xl, when {@code nodes} is given. With neither, xl
 *                 takes the first free CPU.
 * @param file     every entry as written
 * @param warnings what was accepted but reported
 */
public record CpupoolConfig(String name, String sched, List<Integer> nodes, String cpus, CfgFile file,
        List<ConfigWarning> warnings) {

    /** XEN-DIFF: {@code fair}, Xenon's round robin, is a scheduler a pool may have too. */
    private static final Set<String> SCHEDULERS = Set.of("credit", "credit2", "rtds", "arinc653", "null", "fair");
    private static final Set<String> KEYS = Set.of("name", "sched", "nodes", "cpus");

    public CpupoolConfig {
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads a cpupool config. {@code overrides} are {@code key=value} settings from the command
     * line, read after the text as {@code xl cpupool-create} does.
     */
    public static CpupoolConfig read(String text, String sourceName, List<String> overrides) throws ConfigException {
        return read(XlCfg.parse(text, sourceName, overrides), null);
    }

    /** Reads a cpupool config file (UTF-8, at most 1 MiB); without a name, the pool takes the file's. */
    public static CpupoolConfig read(Path file, List<String> overrides) throws ConfigException {
        CfgFile cfg = XlCfg.parse(XlCfg.readFile(file), file.toString(), overrides);
        Path base = file.getFileName();
        return read(cfg, base == null ? null : base.toString());
    }

    private static CpupoolConfig read(CfgFile cfg, String fileName) throws ConfigException {
        List<ConfigWarning> warnings = new ArrayList<>();
        CfgFile.Entry nameEntry = cfg.entry("name").orElse(null);
        String name = nameEntry != null ? Values.string(nameEntry) : fileName;
        if (name == null || name.isEmpty()) {
            throw new ConfigException(new Position(cfg.source(), 1, 1),
                    "expected name = \"NAME\": the cpupool must have a name");
        }
        String sched = null;
        CfgFile.Entry schedEntry = cfg.entry("sched").orElse(null);
        if (schedEntry != null) {
            sched = Values.string(schedEntry).toLowerCase(Locale.ROOT);
            if (!SCHEDULERS.contains(sched)) {
                throw new ConfigException(schedEntry.value().position(), "sched: expected credit, credit2, rtds,"
                        + " arinc653, null or fair but found " + Describe.quoted(Values.string(schedEntry)));
            }
        }
        List<Integer> nodes = new ArrayList<>();
        CfgFile.Entry nodesEntry = cfg.entry("nodes").orElse(null);
        if (nodesEntry != null) {
            // XEN-DIFF: xl reads nodes only as a list; a single number, which xlcpupool.cfg(5)
            // allows, is accepted here too.
            for (CfgValue item : items(nodesEntry)) {
                nodes.add(index(item, "nodes", "a NUMA node number"));
            }
        }
        String cpus = null;
        CfgFile.Entry cpusEntry = cfg.entry("cpus").orElse(null);
        if (cpusEntry != null) {
            cpus = cpus(cpusEntry);
            if (nodesEntry != null) {
                warnings.add(new ConfigWarning(cpusEntry.position(), "cpus is ignored when nodes is given, as xl does"));
            }
        }
        for (CfgFile.Entry e : cfg.inForce()) {
            if (!KEYS.contains(e.key())) {
                warnings.add(new ConfigWarning(e.position(), e.key() + ": not an xlcpupool.cfg key; ignored"));
            }
        }
        return new CpupoolConfig(name, sched, nodes, cpus, cfg, warnings);
    }

    private static List<CfgValue> items(CfgFile.Entry e) throws ConfigException {
        return e.value() instanceof CfgValue.Lst list ? Values.atoms(list, e.key()) : List.of(e.value());
    }

    /** A list of CPU numbers (xl reads each with {@code atoi}), or a CPULIST string. */
    private static String cpus(CfgFile.Entry e) throws ConfigException {
        if (e.value() instanceof CfgValue.Lst list) {
            List<String> numbers = new ArrayList<>();
            for (CfgValue item : Values.atoms(list, "cpus")) {
                numbers.add(Integer.toString(index(item, "cpus", "a CPU number")));
            }
            return numbers.isEmpty() ? null : String.join(",", numbers);
        }
        String spec = Values.string(e);
        if (!CpuList.isWellFormed(spec)) {
            throw new ConfigException(e.value().position(), "cpus: expected a CPULIST such as \"0-3,5,^1\" or"
                    + " \"nodes:0\" but found " + Describe.quoted(spec));
        }
        return spec;
    }

    private static int index(CfgValue item, String key, String what) throws ConfigException {
        String text = Values.text(item).trim();
        if (!text.matches("[0-9]{1,9}")) {
            throw new ConfigException(item.position(), key + ": expected " + what + " but found " + Describe.quoted(text));
        }
        return Integer.parseInt(text);
    }
}
