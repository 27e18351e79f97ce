package io.xenon.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a {@link DomainConfig} from an xl.cfg(5) file, giving each key the meaning and default
 * {@code tools/xl/xl_parse.c: parse_config_data} (and libxl's defaulting behind it) gives it.
 * This is what {@code xl create} does with a config file and its {@code key=value} arguments.
 *
 * <p>Keys Xenon does not interpret are kept, in file order, in {@link DomainConfig#unknown()},
 * each with a warning that says whether Xen knows the key (and Xenon does not use it) or not.
 *
 * <p>XEN-DIFF: where xl warns and carries on as if the key were absent (a value of the wrong
 * kind, a number out of range), Xenon refuses the config: see {@link Values}. {@code vcpus}
 * must be at least 1 (xl turns 0 into one vCPU).
 */
public final class DomainConfigs {

    private static final long MAX_MIB = Long.MAX_VALUE >> 20;
    private static final Set<String> INTERPRETED = Set.of("name", "type", "builder", "memory", "maxmem",
            "vcpus", "maxvcpus", "cpus", "cpus_soft", "cpu_weight", "cap", "on_poweroff", "on_reboot",
            "on_watchdog", "on_crash", "on_soft_reset", "kernel", "ramdisk", "cmdline", "root", "extra", "uuid",
            "disk", "vif", "pci", "pci_permissive", "pci_msitranslate", "pci_seize", "pci_power_mgmt",
            "max_grant_frames", "max_event_channels");

    /** Keys kept in {@link DomainConfig#unknown()} that Xenon nonetheless reads (see {@link DomainConfig#pool()}). */
    private static final Set<String> USED_AS_WRITTEN = Set.of("pool");

    private final CfgFile cfg;
    private final XlConf host;
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private DomainConfigs(CfgFile cfg, XlConf host) {
        this.cfg = cfg;
        this.host = host;
    }

    /** Reads a domain config with xl's built-in host defaults (an empty xl.conf). */
    public static DomainConfig read(String text, String sourceName, List<String> overrides) throws ConfigException {
        return read(text, sourceName, overrides, XlConf.defaults());
    }

    /**
     * Reads a domain config.
     *
     * @param text       the xl.cfg text
     * @param sourceName the file name to show in messages
     * @param overrides  {@code key=value} settings from the command line; they follow the file,
     *                   so they win (positions in them read {@code <command line>:N:column})
     * @param host       the host's xl.conf, for the defaults it sets ({@code vif.default.*},
     *                   {@code max_grant_frames})
     */
    public static DomainConfig read(String text, String sourceName, List<String> overrides, XlConf host)
            throws ConfigException {
        return fromCfg(XlCfg.parse(text, sourceName, overrides), host);
    }

    /** Reads a domain config file (UTF-8, at most 1 MiB) with xl's built-in host defaults. */
    public static DomainConfig read(Path file, List<String> overrides) throws ConfigException {
        return read(file, overrides, XlConf.defaults());
    }

    /** Reads a domain config file (UTF-8, at most 1 MiB). */
    public static DomainConfig read(Path file, List<String> overrides, XlConf host) throws ConfigException {
        return read(XlCfg.readFile(file), file.toString(), overrides, host);
    }

    /** Gives an already parsed config its meaning. */
    public static DomainConfig fromCfg(CfgFile cfg, XlConf host) throws ConfigException {
        return new DomainConfigs(cfg, host).build();
    }

    private CfgFile.Entry entry(String key) {
        return cfg.entry(key).orElse(null);
    }

    private String string(String key) throws ConfigException {
        CfgFile.Entry e = entry(key);
        return e == null ? null : Values.string(e);
    }

    private Long number(String key, long min, long max) throws ConfigException {
        CfgFile.Entry e = entry(key);
        return e == null ? null : Values.number(e, min, max);
    }

    private DomainConfig build() throws ConfigException {
        DomainType type = DomainTypes.of(cfg, warnings);
        String name = string("name");
        if (name == null || name.isEmpty()) {
            Position at = name == null ? new Position(cfg.source(), 1, 1) : entry("name").value().position();
            throw new ConfigException(at, "expected name = \"NAME\": every domain must have a name");
        }
        UUID uuid = uuid();
        int cpuWeight = (int) or(number("cpu_weight", 1, 65535), 256);
        int cap = (int) or(number("cap", 0, 65535), 0);

        Long memory = number("memory", 1, MAX_MIB);
        Long maxmem = number("maxmem", 1, MAX_MIB);
        long memoryMiB = memory != null ? memory : maxmem != null ? maxmem : 32;
        long maxmemMiB = maxmem != null ? maxmem : memoryMiB;
        if (maxmemMiB < memoryMiB) {
            throw new ConfigException(entry("maxmem").value().position(), "maxmem: expected at least memory ("
                    + memoryMiB + " MiB) but found " + maxmemMiB);
        }
        int vcpus = (int) or(number("vcpus", 1, Integer.MAX_VALUE), 1);
        int maxvcpus = (int) or(number("maxvcpus", 0, Integer.MAX_VALUE), 0);
        if (maxvcpus == 0) {
            maxvcpus = vcpus;
        }
        if (maxvcpus < vcpus) {
            throw new ConfigException(entry("maxvcpus").value().position(), "maxvcpus: expected at least vcpus ("
                    + vcpus + ") but found " + maxvcpus);
        }
        CpuAffinity cpus = affinity("cpus");
        CpuAffinity cpusSoft = affinity("cpus_soft");
        int maxGrantFrames = (int) or(number("max_grant_frames", 1, Integer.MAX_VALUE),
                host.maxGrantFrames() != null ? host.maxGrantFrames() : 64);
        Action onPoweroff = action("on_poweroff", Action.DESTROY);
        Action onReboot = action("on_reboot", Action.RESTART);
        Action onWatchdog = action("on_watchdog", Action.DESTROY);
        Action onCrash = action("on_crash", Action.DESTROY);
        Action onSoftReset = action("on_soft_reset", Action.SOFT_RESET);
        List<PciSpec> pcis = pcis();
        int maxEventChannels = (int) or(number("max_event_channels", 1, Integer.MAX_VALUE), 1023);

        String kernel = string("kernel");
        String ramdisk = string("ramdisk");
        String cmdline = string("cmdline");
        String root = string("root");
        String extra = string("extra");
        if (cmdline != null && (root != null || extra != null)) {
            warnings.add(new ConfigWarning(entry("cmdline").position(),
                    "ignoring root= and extra= in favour of cmdline="));
        }
        if (type != DomainType.HVM && kernel == null && !cfg.contains("bootloader") && !cfg.contains("firmware")) {
            throw new ConfigException(new Position(cfg.source(), 1, 1), "expected kernel = \"PATH\" (or a"
                    + " bootloader) for a " + type.cfgName() + " guest but found neither");
        }
        List<DiskSpec> disks = disks();
        List<VifSpec> vifs = vifs();
        Map<String, CfgValue> unknown = unknown();
        return new DomainConfig(name, type, memoryMiB, maxmemMiB, vcpus, maxvcpus, cpus, cpusSoft, cpuWeight, cap,
                onPoweroff, onReboot, onWatchdog, onCrash, onSoftReset, kernel, ramdisk, cmdline, root, extra, uuid,
                disks, vifs, pcis, maxGrantFrames, maxEventChannels, unknown, warnings, cfg.source());
    }

    private static long or(Long value, long fallback) {
        return value != null ? value : fallback;
    }

    private UUID uuid() throws ConfigException {
        String text = string("uuid");
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new ConfigException(entry("uuid").value().position(), "uuid: expected"
                    + " xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (32 hex digits) but found " + Describe.quoted(text));
        }
        return UUID.fromString(text);
    }

    /** {@code cpus} / {@code cpus_soft}: one CPULIST for every vCPU, or a list of one per vCPU. */
    private CpuAffinity affinity(String key) throws ConfigException {
        CfgFile.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        boolean perVcpu = e.value() instanceof CfgValue.Lst;
        List<CfgValue> items = perVcpu ? Values.atoms((CfgValue.Lst) e.value(), key) : List.of(e.value());
        List<String> specs = new ArrayList<>();
        for (CfgValue item : items) {
            String spec = Values.text(item);
            if (!CpuList.isWellFormed(spec)) {
                throw new ConfigException(item.position(), key + ": expected a CPULIST such as \"all\", \"0-3,5,^1\""
                        + " or \"nodes:0\" but found " + Describe.quoted(spec));
            }
            specs.add(spec);
        }
        return new CpuAffinity(specs, perVcpu);
    }

    private Action action(String key, Action fallback) throws ConfigException {
        String name = string(key);
        if (name == null) {
            return fallback;
        }
        Action a = Action.ofCfgName(name);
        if (a == null || !a.cfgName().equals(name)) {
            List<String> names = new ArrayList<>();
            for (Action each : Action.values()) {
                names.add(each.cfgName());
            }
            throw new ConfigException(entry(key).value().position(), key + ": expected one of "
                    + String.join(", ", names) + " but found " + Describe.quoted(name));
        }
        return a;
    }

    /** The string items of a device list ({@code disk}, {@code vif}, {@code pci}); empty if absent. */
    private List<CfgValue> deviceList(String key) throws ConfigException {
        CfgFile.Entry e = entry(key);
        return e == null ? List.of() : Values.atoms(Values.list(e), key);
    }

    private List<DiskSpec> disks() throws ConfigException {
        List<DiskSpec> disks = new ArrayList<>();
        for (CfgValue item : deviceList("disk")) {
            disks.add(DiskSpec.parse(List.of(Values.text(item)), item.position(), warnings));
        }
        return disks;
    }

    private List<VifSpec> vifs() throws ConfigException {
        List<VifSpec> vifs = new ArrayList<>();
        for (CfgValue item : deviceList("vif")) {
            vifs.add(VifSpec.parse(Values.text(item), item.position(), host, warnings));
        }
        return vifs;
    }

    private List<PciSpec> pcis() throws ConfigException {
        PciSpec.Defaults defaults = new PciSpec.Defaults(flag("pci_permissive"), flag("pci_msitranslate"),
                flag("pci_seize"), flag("pci_power_mgmt"));
        List<PciSpec> pcis = new ArrayList<>();
        for (CfgValue item : deviceList("pci")) {
            pcis.add(PciSpec.parse(Values.text(item), item.position(), defaults));
        }
        return pcis;
    }

    private boolean flag(String key) throws ConfigException {
        CfgFile.Entry e = entry(key);
        return e != null && Values.bool(e);
    }

    private Map<String, CfgValue> unknown() {
        Map<String, CfgValue> unknown = new LinkedHashMap<>();
        for (CfgFile.Entry e : cfg.inForce()) {
            if (INTERPRETED.contains(e.key())) {
                continue;
            }
            unknown.put(e.key(), e.value());
            if (USED_AS_WRITTEN.contains(e.key())) {
                continue;
            }
            warnings.add(new ConfigWarning(e.position(), XenKeys.isXlCfgKey(e.key())
                    ? e.key() + " is an xl.cfg key that is not used by Xenon; kept as written"
                    : "unknown key " + e.key() + ": xl.cfg has no such key; kept as written"));
        }
        return unknown;
    }
}
