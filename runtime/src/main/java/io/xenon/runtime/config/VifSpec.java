package io.xenon.runtime.config;

import java.util.List;

/**
 * One {@code vif = [ ... ]} entry, per xl-network-configuration(5). Every key is optional, so
 * {@code ''} is a valid vif.
 *
 * @param mac        six colon-separated hex bytes in lower case, or null for a random one under 00:16:3e
 * @param bridge     the network to join (default xl.conf's {@code vif.default.bridge}, else {@code xenbr0})
 * @param ip         the address handed to the hotplug script, or null
 * @param type       {@code vif} or {@code ioemu}, or null for the default
 * @param model      the emulated NIC model, or null
 * @param vifname    the backend interface name, or null for {@code vif<domid>.<devid>}
 * @param script     the hotplug script (default xl.conf's {@code vif.default.script}), or null for
 *                   libxl's {@code vif-bridge}
 * @param backend    the backend domain (name or id), default xl.conf's {@code vif.default.backend},
 *                   else {@code 0}
 * @param rate       the rate limit, or null for none
 * @param gatewaydev {@code gatewaydev} (or the deprecated {@code netdev}), default xl.conf's
 *                   {@code vif.default.gatewaydev}, or null
 * @param devid      a forced device id, or null for the index in the list
 * @param mtu        the MTU, 68 to 65535 (default 1500)
 * @param vlan       the {@code vlan} value as written (checked as the hotplug script checks it), or null
 * @param trusted    {@code trusted} / {@code untrusted}, or null when unset
 * @param spec       the entry as written
 */
public record VifSpec(
        String mac,
        String bridge,
        String ip,
        String type,
        String model,
        String vifname,
        String script,
        String backend,
        RateLimit rate,
        String gatewaydev,
        Integer devid,
        int mtu,
        String vlan,
        Boolean trusted,
        String spec) {

    /**
     * Parses one vif spec string, as found in {@code vif = [ ... ]} or given to
     * {@code xl network-attach}.
     *
     * @param at       where the spec is, for messages
     * @param host     the host's xl.conf, whose {@code vif.default.*} settings are the defaults
     * @param warnings receives what xl would print but accept (unknown or deprecated keys)
     * @throws ConfigException naming the spec and what is wrong with it
     */
    public static VifSpec parse(String spec, Position at, XlConf host, List<ConfigWarning> warnings)
            throws ConfigException {
        return VifSpecParser.parse(spec, at, host, warnings);
    }

    /**
     * A vif's {@code rate=}: credit-based, {@code bytesPerInterval} bytes every
     * {@code intervalMicros} µs (libxlu_vif.c; the default interval is 50 ms).
     */
    public record RateLimit(long bytesPerInterval, long intervalMicros) {

        /** Parses {@code RATE/s} or {@code RATE/s@INTERVAL}, exactly as libxlu_vif.c computes it. */
        public static RateLimit parse(String rate, Position at) throws ConfigException {
            return VifRate.parse(rate, at);
        }
    }
}
