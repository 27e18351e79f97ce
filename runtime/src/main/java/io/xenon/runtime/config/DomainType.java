package io.xenon.runtime.config;

import java.util.Locale;

/** The xl.cfg {@code type}: paravirtualised, PVH, or fully virtualised ({@code libxl_domain_type}). */
public enum DomainType {
    PV("pv"),
    PVH("pvh"),
    HVM("hvm");

    private final String cfgName;

    DomainType(String cfgName) {
        this.cfgName = cfgName;
    }

    public String cfgName() {
        return cfgName;
    }

    /** The type for an xl.cfg spelling, or null. */
    public static DomainType ofCfgName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (DomainType t : values()) {
            if (t.cfgName.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
