package io.xenon.runtime.config;

import java.util.Locale;

/**
 * What the toolstack does when a domain shuts down for a given reason: the xl.cfg
 * {@code on_poweroff}, {@code on_reboot}, {@code on_watchdog}, {@code on_crash} and
 * {@code on_soft_reset} values ({@code libxl_action_on_shutdown}, numbered as libxl does).
 */
public enum Action {
    DESTROY(1, "destroy"),
    RESTART(2, "restart"),
    RENAME_RESTART(3, "rename-restart"),
    PRESERVE(4, "preserve"),
    COREDUMP_DESTROY(5, "coredump-destroy"),
    COREDUMP_RESTART(6, "coredump-restart"),
    SOFT_RESET(7, "soft-reset");

    private final int libxlValue;
    private final String cfgName;

    Action(int libxlValue, String cfgName) {
        this.libxlValue = libxlValue;
        this.cfgName = cfgName;
    }

    public int libxlValue() {
        return libxlValue;
    }

    /** The spelling in xl.cfg, e.g. {@code coredump-restart}. */
    public String cfgName() {
        return cfgName;
    }

    /** Whether this action writes a core dump first. */
    public boolean dumpsCore() {
        return this == COREDUMP_DESTROY || this == COREDUMP_RESTART;
    }

    /** Whether a new domain is started from the same config afterwards. */
    public boolean restarts() {
        return this == RESTART || this == RENAME_RESTART || this == COREDUMP_RESTART;
    }

    /** The action for an xl.cfg spelling (case-insensitive), or null if it names none. */
    public static Action ofCfgName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Action a : values()) {
            if (a.cfgName.equals(n)) {
                return a;
            }
        }
        return null;
    }
}
