package io.xenon.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The host-wide xl settings of xl.conf(5) ({@code /etc/xen/xl.conf}), read as
 * {@code tools/xl/xl.c: parse_global_config} reads them. Every entry is kept in {@link #file()};
 * the ones that matter are exposed, with xl's defaults when absent.
 *
 * <p>Like xl, a setting with a value it cannot use (an unknown {@code autoballoon}, a list where
 * a string belongs) is reported as a warning and the default is kept; only a file that does
 * not parse is refused.
 *
 * @param autoballoon          {@code autoballoon}: on, off or auto (default auto); {@code "1"}
 *                             and {@code "0"} are accepted for on and off, as xl does
 * @param runHotplugScripts    {@code run_hotplug_scripts} (default true)
 * @param lockfile             {@code lockfile} (default {@code /var/lock/xl})
 * @param vifDefaultScript     {@code vif.default.script} (or the deprecated {@code vifscript}),
 *                             or null for libxl's {@code vif-bridge}
 * @param vifDefaultBridge     {@code vif.default.bridge} (or the deprecated {@code defaultbridge}),
 *                             default {@code xenbr0}
 * @param vifDefaultBackend    {@code vif.default.backend} (default {@code 0})
 * @param vifDefaultGatewaydev {@code vif.default.gatewaydev}, or null
 * @param blkdevStart          {@code blkdev_start} (default {@code xvda})
 * @param claimMode            {@code claim_mode} (default true)
 * @param outputFormat         {@code output_format}: json (default) or sxp
 * @param domidPolicy          {@code domid_policy}: xen (default) or random
 * @param maxGrantFrames       {@code max_grant_frames}, the default for domains, or null for Xen's (64)
 * @param maxMaptrackFrames    {@code max_maptrack_frames}, or null for Xen's default
 * @param maxGrantVersion      {@code max_grant_version}, or null for the highest Xen supports
 * @param vmCpumask            {@code vm.cpumask}, a CPULIST every guest's hard affinity is
 *                             limited to, or null for all CPUs
 * @param vmPvCpumask          {@code vm.pv.cpumask}, the same for PV guests, or null
 * @param vmHvmCpumask         {@code vm.hvm.cpumask}, the same for HVM and PVH guests, or null
 * @param file                 every entry as written
 * @param warnings             what was accepted but reported
 */
public record XlConf(
        Autoballoon autoballoon,
        boolean runHotplugScripts,
        String lockfile,
        String vifDefaultScript,
        String vifDefaultBridge,
        String vifDefaultBackend,
        String vifDefaultGatewaydev,
        String blkdevStart,
        boolean claimMode,
        OutputFormat outputFormat,
        DomidPolicy domidPolicy,
        Integer maxGrantFrames,
        Integer maxMaptrackFrames,
        Integer maxGrantVersion,
        String vmCpumask,
        String vmPvCpumask,
        String vmHvmCpumask,
        CfgFile file,
        List<ConfigWarning> warnings) {

    /** xl.conf's {@code autoballoon}. */
    public enum Autoballoon { ON, OFF, AUTO }

    /** xl.conf's {@code output_format}. */
    public enum OutputFormat { JSON, SXP }

    /** xl.conf's {@code domid_policy}. */
    public enum DomidPolicy { XEN, RANDOM }

    private static final Set<String> KNOWN = Set.of("autoballoon", "run_hotplug_scripts", "lockfile",
            "vifscript", "vif.default.script", "defaultbridge", "vif.default.bridge", "vif.default.gatewaydev",
            "vif.default.backend", "output_format", "blkdev_start", "claim_mode", "remus.default.netbufscript",
            "colo.default.proxyscript", "max_grant_frames", "max_maptrack_frames", "max_grant_version",
            "domid_policy", "vm.cpumask", "vm.pv.cpumask", "vm.hvm.cpumask");

    public XlConf {
        warnings = List.copyOf(warnings);
    }

    /** The settings of an empty xl.conf: xl's defaults. */
    public static XlConf defaults() {
        return new XlConf(Autoballoon.AUTO, true, "/var/lock/xl", null, "xenbr0", "0", null, "xvda", true,
                OutputFormat.JSON, DomidPolicy.XEN, null, null, null, null, null, null,
                new CfgFile("<defaults>", List.of(), List.of()), List.of());
    }

    /** Reads an xl.conf file (UTF-8, at most 1 MiB). */
    public static XlConf read(Path file) throws ConfigException {
        return read(XlCfg.readFile(file), file.toString());
    }

    /** Reads xl.conf text; {@code sourceName} names it in messages. */
    public static XlConf read(String text, String sourceName) throws ConfigException {
        return new Reader(XlCfg.parse(text, sourceName)).read();
    }

    /** Reads the settings leniently: a value xl would not use is a warning and the default stays. */
    private static final class Reader {
        private final CfgFile cfg;
        private final List<ConfigWarning> warnings = new ArrayList<>();

        Reader(CfgFile cfg) {
            this.cfg = cfg;
        }

        XlConf read() {
            XlConf d = defaults();
            Autoballoon autoballoon = d.autoballoon();
            String balloon = string("autoballoon");
            if (balloon != null) {
                switch (balloon) {
                    case "on", "1" -> autoballoon = Autoballoon.ON;
                    case "off", "0" -> autoballoon = Autoballoon.OFF;
                    case "auto" -> autoballoon = Autoballoon.AUTO;
                    default -> warn("autoballoon", "expected \"on\", \"off\" or \"auto\" but found "
                            + Describe.quoted(balloon) + "; using \"auto\"");
                }
            }
            String script = deprecated("vifscript", "vif.default.script");
            String bridge = deprecated("defaultbridge", "vif.default.bridge");
            OutputFormat format = d.outputFormat();
            String out = string("output_format");
            if ("sxp".equals(out)) {
                format = OutputFormat.SXP;
            } else if (out != null && !out.equals("json")) {
                warn("output_format", "expected \"json\" or \"sxp\" but found " + Describe.quoted(out) + "; using json");
            }
            DomidPolicy policy = d.domidPolicy();
            String domid = string("domid_policy");
            if ("random".equals(domid)) {
                policy = DomidPolicy.RANDOM;
            } else if (domid != null && !domid.equals("xen")) {
                warn("domid_policy", "expected \"xen\" or \"random\" but found " + Describe.quoted(domid) + "; using xen");
            }
            for (CfgFile.Entry e : cfg.inForce()) {
                if (!KNOWN.contains(e.key())) {
                    warnings.add(new ConfigWarning(e.position(), e.key() + ": not an xl.conf setting; ignored"));
                }
            }
            return new XlConf(autoballoon, bool("run_hotplug_scripts", d.runHotplugScripts()),
                    or(string("lockfile"), d.lockfile()), or(script, d.vifDefaultScript()),
                    or(bridge, d.vifDefaultBridge()), or(string("vif.default.backend"), d.vifDefaultBackend()),
                    string("vif.default.gatewaydev"), or(string("blkdev_start"), d.blkdevStart()),
                    bool("claim_mode", d.claimMode()), format, policy, count("max_grant_frames"),
                    count("max_maptrack_frames"), count("max_grant_version"), cpumask("vm.cpumask"),
                    cpumask("vm.pv.cpumask"), cpumask("vm.hvm.cpumask"), cfg, warnings);
        }

        private static String or(String value, String fallback) {
            return value != null ? value : fallback;
        }

        private String deprecated(String old, String key) {
            String value = string(old);
            if (value != null) {
                warn(old, "deprecated, please switch to " + key);
            }
            String current = string(key);
            return current != null ? current : value;
        }

        private String string(String key) {
            CfgFile.Entry e = cfg.entry(key).orElse(null);
            if (e == null) {
                return null;
            }
            try {
                return Values.string(e);
            } catch (ConfigException ex) {
                warnings.add(new ConfigWarning(ex.position(), ex.detail() + "; ignored"));
                return null;
            }
        }

        private boolean bool(String key, boolean fallback) {
            Long n = number(key, Long.MIN_VALUE, Long.MAX_VALUE);
            return n == null ? fallback : n != 0;
        }

        private Integer count(String key) {
            Long n = number(key, 0, Integer.MAX_VALUE);
            return n == null ? null : n.intValue();
        }

        private Long number(String key, long min, long max) {
            CfgFile.Entry e = cfg.entry(key).orElse(null);
            if (e == null) {
                return null;
            }
            try {
                return Values.number(e, min, max);
            } catch (ConfigException ex) {
                warnings.add(new ConfigWarning(ex.position(), ex.detail() + "; ignored"));
                return null;
            }
        }

        private String cpumask(String key) {
            String mask = string(key);
            if (mask != null && !CpuList.isWellFormed(mask)) {
                warn(key, "expected a CPULIST such as \"0-7\" or \"all,^1\" but found " + Describe.quoted(mask)
                        + "; ignored");
                return null;
            }
            return mask;
        }

        private void warn(String key, String message) {
            CfgFile.Entry e = cfg.entry(key).orElseThrow();
            warnings.add(new ConfigWarning(e.value().position(), key + ": " + message));
        }
    }
}
