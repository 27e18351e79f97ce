package io.xenon.runtime.config;

/**
 * One {@code pci = [ ... ]} entry, per xl-pci-configuration(5).
 *
 * @param domain      PCI segment (default 0)
 * @param bus         bus number
 * @param dev         device (slot) number
 * @param func        function number, or -1 for {@code *} (all functions)
 * @param vslot       the virtual slot, or null
 * @param permissive  {@code permissive=}
 * @param msitranslate {@code msitranslate=}
 * @param seize       {@code seize=}
 * @param powerMgmt   {@code power_mgmt=}
 * @param rdmPolicy   {@code rdm_policy=} ({@code strict} or {@code relaxed}), or null
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
}
