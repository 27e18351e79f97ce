package io.xenon.toolstack.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.CpuAffinity;
import io.xenon.runtime.config.DiskSpec;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.PciSpec;
import io.xenon.runtime.config.VifSpec;
import java.util.BitSet;
import java.util.Locale;

/**
 * A domain config as libxl's {@code libxl_domain_config_gen_json} writes it, which is what
 * {@code xl create -n} and {@code xl list -l} print: {@code c_info}, {@code b_info},
 * {@code disks}, {@code nics}, {@code pcidevs} and the {@code on_*} actions, field names from
 * {@code libxl_types.idl}, enums as libxl's lower-case names, bitmaps as arrays of set bits,
 * defbools as {@code "True"} / {@code "False"}, and fields at their default left out, as libxl
 * leaves them out.
 */
public final class LibxlJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** yajl's beautified layout: four-space indent, {@code "key": value}, one array item a line. */
    private static final ObjectWriter YAJL = yajlWriter();

    private LibxlJson() {
    }

    /**
     * The config as libxl's JSON, with affinities resolved on a host of {@code nrCpus} pCPUs.
     */
    public static ObjectNode render(DomainConfig c, int nrCpus) {
        ObjectNode root = NODES.objectNode();
        root.set("c_info", createInfo(c));
        root.set("b_info", buildInfo(c, nrCpus));
        if (!c.disks().isEmpty()) {
            ArrayNode disks = root.putArray("disks");
            c.disks().forEach(d -> disks.add(disk(d)));
        }
        if (!c.vifs().isEmpty()) {
            ArrayNode nics = root.putArray("nics");
            for (int i = 0; i < c.vifs().size(); i++) {
                nics.add(nic(c.vifs().get(i), i));
            }
        }
        if (!c.pcis().isEmpty()) {
            ArrayNode pcis = root.putArray("pcidevs");
            c.pcis().forEach(p -> pcis.add(pci(p)));
        }
        root.put("on_poweroff", action(c.onPoweroff()));
        root.put("on_reboot", action(c.onReboot()));
        root.put("on_watchdog", action(c.onWatchdog()));
        root.put("on_crash", action(c.onCrash()));
        root.put("on_soft_reset", action(c.onSoftReset()));
        return root;
    }

    /** {@code json} in yajl's beautified layout, as xl prints it. */
    public static String write(JsonNode json) {
        try {
            return YAJL.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    private static ObjectNode createInfo(DomainConfig c) {
        ObjectNode n = NODES.objectNode();
        n.put("type", c.type().cfgName());
        n.put("name", c.name());
        if (c.uuid() != null) {
            n.put("uuid", c.uuid().toString());
        }
        n.put("run_hotplug_scripts", "True");
        return n;
    }

    private static ObjectNode buildInfo(DomainConfig c, int nrCpus) {
        ObjectNode n = NODES.objectNode();
        n.put("max_vcpus", c.maxvcpus());
        ArrayNode avail = n.putArray("avail_vcpus");
        for (int i = 0; i < c.vcpus(); i++) {
            avail.add(i);
        }
        affinity(n, "vcpu_hard_affinity", c.cpus(), c.maxvcpus(), nrCpus);
        affinity(n, "vcpu_soft_affinity", c.cpusSoft(), c.maxvcpus(), nrCpus);
        n.put("max_memkb", c.maxmemMiB() * 1024);
        n.put("target_memkb", c.memoryMiB() * 1024);
        if (c.cpuWeight() != 256 || c.cap() != 0) {
            ObjectNode sched = n.putObject("sched_params");
            if (c.cpuWeight() != 256) {
                sched.put("weight", c.cpuWeight());
            }
            if (c.cap() != 0) {
                sched.put("cap", c.cap());
            }
        }
        n.put("event_channels", c.maxEventChannels());
        n.put("max_grant_frames", c.maxGrantFrames());
        putIfSet(n, "kernel", c.kernel());
        String cmdline = c.commandLine();
        putIfSet(n, "cmdline", cmdline.isEmpty() ? null : cmdline);
        putIfSet(n, "ramdisk", c.ramdisk());
        n.putObject("type." + c.type().cfgName());
        return n;
    }

    private static void affinity(ObjectNode n, String key, CpuAffinity affinity, int vcpus, int nrCpus) {
        if (affinity == null) {
            return;
        }
        ArrayNode all = n.putArray(key);
        for (int v = 0; v < vcpus; v++) {
            all.add(bitmap(affinity.mask(v, nrCpus)));
        }
    }

    private static ArrayNode bitmap(BitSet bits) {
        ArrayNode a = NODES.arrayNode();
        bits.stream().forEach(a::add);
        return a;
    }

    private static ObjectNode disk(DiskSpec d) {
        ObjectNode n = NODES.objectNode();
        backend(n, d.backend());
        putIfSet(n, "pdev_path", d.target());
        n.put("vdev", d.vdev());
        putIfSet(n, "backend", d.backendType());
        n.put("format", d.format());
        putIfSet(n, "script", d.script());
        if (d.cdrom()) {
            n.put("removable", 1);
        }
        n.put("readwrite", d.readwrite() ? 1 : 0);
        if (d.cdrom()) {
            n.put("is_cdrom", 1);
        }
        if (d.directIoSafe()) {
            n.put("direct_io_safe", true);
        }
        if (d.discard() != null) {
            n.put("discard_enable", defbool(d.discard()));
        }
        if (!"xen".equals(d.specification())) {
            n.put("specification", d.specification());
        }
        if (!d.trusted()) {
            n.put("trusted", defbool(false));
        }
        return n;
    }

    private static ObjectNode nic(VifSpec v, int index) {
        ObjectNode n = NODES.objectNode();
        backend(n, v.backend());
        n.put("devid", v.devid() == null ? index : v.devid());
        if (v.mtu() != 1500) {
            n.put("mtu", v.mtu());
        }
        putIfSet(n, "model", v.model());
        putIfSet(n, "mac", v.mac());
        putIfSet(n, "ip", v.ip());
        putIfSet(n, "bridge", v.bridge());
        putIfSet(n, "ifname", v.vifname());
        putIfSet(n, "script", v.script());
        if (v.type() != null) {
            n.put("nictype", "ioemu".equals(v.type()) ? "vif_ioemu" : "vif");
        }
        if (v.rate() != null) {
            n.put("rate_bytes_per_interval", v.rate().bytesPerInterval());
            n.put("rate_interval_usecs", v.rate().intervalMicros());
        }
        putIfSet(n, "gatewaydev", v.gatewaydev());
        if (v.trusted() != null) {
            n.put("trusted", defbool(v.trusted()));
        }
        return n;
    }

    private static ObjectNode pci(PciSpec p) {
        ObjectNode n = NODES.objectNode();
        if (p.name() != null) {
            n.put("name", p.name());
        } else {
            n.put("func", Math.max(p.func(), 0));
            n.put("dev", p.dev());
            n.put("bus", p.bus());
            n.put("domain", p.domain());
            if (p.allFunctions()) {
                n.put("vfunc_mask", 0xff);
            }
        }
        if (p.vslot() != null) {
            n.put("vdevfn", p.vslot() << 3);
        }
        putIfTrue(n, "msitranslate", p.msitranslate());
        putIfTrue(n, "power_mgmt", p.powerMgmt());
        putIfTrue(n, "permissive", p.permissive());
        putIfTrue(n, "seize", p.seize());
        putIfSet(n, "rdm_policy", p.rdmPolicy());
        return n;
    }

    /** {@code backend_domid} for a numeric backend, else {@code backend_domname}; domain 0 is the default. */
    private static void backend(ObjectNode n, String backend) {
        if (backend == null || backend.equals("0")) {
            return;
        }
        if (backend.chars().allMatch(Character::isDigit) && backend.length() <= 5) {
            n.put("backend_domid", Integer.parseInt(backend));
        } else {
            n.put("backend_domname", backend);
        }
    }

    /** libxl's {@code libxl_action_on_shutdown} name, e.g. {@code coredump_restart}. */
    static String action(Action a) {
        return a == Action.RENAME_RESTART ? "restart_rename" : a.name().toLowerCase(Locale.ROOT);
    }

    private static String defbool(boolean b) {
        return b ? "True" : "False";
    }

    private static void putIfSet(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static void putIfTrue(ObjectNode n, String key, boolean value) {
        if (value) {
            n.put(key, true);
        }
    }

    private static ObjectWriter yajlWriter() {
        DefaultIndenter indent = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indent);
        printer.indentArraysWith(indent);
        return Json.mapper().writer(printer);
    }
}
