package io.xenon.runtime.config;

/**
 * One {@code pci = [ ... ]} entry, per xl-pci-configuration(5) (libxl's {@code libxl_device_pci}).
 *
 * @param domain      PCI segment (default 0); -1 for a device given by {@code name=}
 * @param bus         bus number; -1 for a device given by {@code name=}
 * @param dev         device (slot) number; -1 for a device given by {@code name=}
 * @param func        function number, or -1 for {@code *} (all functions) or a device given by {@code name=}
 * @param vslot       the virtual slot, or null
 * @param permissive  {@code permissive=} (default: the config's {@code pci_permissive})
 * @param msitranslate {@code msitranslate=} (default: {@code pci_msitranslate})
 * @param seize       {@code seize=} (default: {@code pci_seize})
 * @param powerMgmt   {@code power_mgmt=} (default: {@code pci_power_mgmt})
 * @param rdmPolicy   {@code rdm_policy=} ({@code strict} or {@code relaxed}), or null to follow
 *                    the domain's {@code rdm} policy
 * @param name        {@code name=} given instead of a BDF, or null
 * @param spec        the entry as written
 */
public record PciSpec(
        int domain,
        int bus,
        int dev,
        int func,
        Integer vslot,
        boolean permissive,
        boolean msitranslate,
        boolean seize,
        boolean powerMgmt,
        String rdmPolicy,
        String name,
        String spec) {

    /** The config-wide {@code pci_permissive}, {@code pci_msitranslate}, {@code pci_seize} and {@code pci_power_mgmt}. */
    public record Defaults(boolean permissive, boolean msitranslate, boolean seize, boolean powerMgmt) {

        /** All off, as xl has them when the config does not set them. */
        public static final Defaults NONE = new Defaults(false, false, false, false);
    }

    /**
     * Parses one PCI spec string, as found in {@code pci = [ ... ]} or given to
     * {@code xl pci-attach}.
     *
     * @throws ConfigException naming the spec and what is wrong with it
     */
    public static PciSpec parse(String spec, Position at, Defaults defaults) throws ConfigException {
        return PciSpecParser.parse(spec, at, defaults);
    }

    /** Whether every function of the device is meant ({@code BB:SS.*}). */
    public boolean allFunctions() {
        return name == null && func == -1;
    }

    /** The BDF as {@code dddd:bb:ss.f} ({@code .*} for all functions), or null for a device given by name. */
    public String bdf() {
        if (name != null) {
            return null;
        }
        return String.format("%04x:%02x:%02x.%s", domain, bus, dev, func < 0 ? "*" : Integer.toString(func));
    }
}
