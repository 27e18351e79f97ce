package io.xenon.runtime.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The xl-network-configuration(5) grammar, as {@code tools/xl/xl_parse.c: parse_nic_config}
 * reads it: the spec is cut at commas (empty pieces are skipped, as {@code strtok} does),
 * leading spaces are dropped, and each piece is {@code key=value}, {@code trusted} or
 * {@code untrusted}. A key given twice keeps its last value.
 *
 * <p>As in xl, an unknown key is reported and skipped, {@code netdev} is taken as the
 * deprecated spelling of {@code gatewaydev}, and {@code accel} is ignored. XEN-DIFF: xl only
 * prints a message for a bad {@code type} or {@code mac} and goes on with what it read; Xenon
 * refuses them, as it refuses a {@code devid} or {@code mtu} with anything but digits (xl's
 * {@code strtoul} takes {@code "1500x"} as 1500) and an {@code mtu} outside 68..65535, the
 * range of an Ethernet MTU.
 *
 * <p>UNTRUSTED: specs come from the user; numbers are bounded before they are converted and
 * every check is linear in the spec's length.
 */
final class VifSpecParser {

    /** Keys xl's vif parser knows (COLO and the like) that Xenon has no use for. */
    private static final Set<String> NOT_USED = Set.of("forwarddev",
            "colo_sock_mirror_id", "colo_sock_mirror_ip", "colo_sock_mirror_port",
            "colo_sock_compare_sec_in_id", "colo_sock_compare_sec_in_ip", "colo_sock_compare_sec_in_port",
            "colo_sock_redirector0_id", "colo_sock_redirector0_ip", "colo_sock_redirector0_port",
            "colo_sock_redirector1_id", "colo_sock_redirector1_ip", "colo_sock_redirector1_port",
            "colo_sock_redirector2_id", "colo_sock_redirector2_ip", "colo_sock_redirector2_port",
            "colo_sock_compare_pri_in_id", "colo_sock_compare_pri_in_ip", "colo_sock_compare_pri_in_port",
            "colo_sock_compare_notify_id", "colo_sock_compare_notify_ip", "colo_sock_compare_notify_port",
            "colo_filter_mirror_queue", "colo_filter_mirror_outdev", "colo_filter_redirector0_queue",
            "colo_filter_redirector0_indev", "colo_filter_redirector0_outdev", "colo_filter_redirector1_queue",
            "colo_filter_redirector1_indev", "colo_filter_redirector1_outdev", "colo_compare_pri_in",
            "colo_compare_sec_in", "colo_compare_out", "colo_compare_notify_dev",
            "colo_sock_sec_redirector0_id", "colo_sock_sec_redirector0_ip", "colo_sock_sec_redirector0_port",
            "colo_sock_sec_redirector1_id", "colo_sock_sec_redirector1_ip", "colo_sock_sec_redirector1_port",
            "colo_filter_sec_redirector0_queue", "colo_filter_sec_redirector0_indev",
            "colo_filter_sec_redirector0_outdev", "colo_filter_sec_redirector1_queue",
            "colo_filter_sec_redirector1_indev", "colo_filter_sec_redirector1_outdev",
            "colo_filter_sec_rewriter0_queue", "colo_checkpoint_host", "colo_checkpoint_port");

    private final String spec;
    private final Position at;
    private final List<ConfigWarning> warnings;

    private String mac;
    private String bridge;
    private String ip;
    private String type;
    private String model;
    private String vifname;
    private String script;
    private String backend;
    private VifSpec.RateLimit rate;
    private String gatewaydev;
    private Integer devid;
    private int mtu = 1500;
    private String vlan;
    private Boolean trusted;

    private VifSpecParser(String spec, Position at, XlConf host, List<ConfigWarning> warnings) {
        this.spec = spec;
        this.at = at;
        this.warnings = warnings;
        this.bridge = host.vifDefaultBridge();
        this.script = host.vifDefaultScript();
        this.backend = host.vifDefaultBackend();
        this.gatewaydev = host.vifDefaultGatewaydev();
    }

    static VifSpec parse(String spec, Position at, XlConf host, List<ConfigWarning> warnings) throws ConfigException {
        VifSpecParser p = new VifSpecParser(spec, at, host, warnings);
        for (String piece : spec.split(",")) {
            String token = piece.replaceFirst("^ +", "");
            if (!token.isEmpty()) {
                p.token(token);
            }
        }
        return new VifSpec(p.mac, p.bridge, p.ip, p.type, p.model, p.vifname, p.script, p.backend, p.rate,
                p.gatewaydev, p.devid, p.mtu, p.vlan, p.trusted, spec);
    }

    private void token(String token) throws ConfigException {
        int eq = token.indexOf('=');
        if (eq < 0) {
            switch (token) {
                case "trusted" -> trusted = Boolean.TRUE;
                case "untrusted" -> trusted = Boolean.FALSE;
                default -> warn(Describe.quoted(token) + " is not a vif parameter; ignored, as xl does");
            }
            return;
        }
        String key = token.substring(0, eq);
        String value = token.substring(eq + 1);
        switch (key) {
            case "type" -> {
                if (!value.equals("vif") && !value.equals("ioemu")) {
                    throw error("expected type=vif or type=ioemu but found " + Describe.quoted(value));
                }
                type = value;
            }
            case "mac" -> mac = mac(value);
            case "bridge" -> bridge = value;
            case "ip" -> ip = value;
            case "script" -> script = value;
            case "backend" -> backend = value;
            case "vifname" -> vifname = value;
            case "model" -> model = value;
            case "rate" -> rate = rate(value);
            case "gatewaydev" -> gatewaydev = value;
            case "netdev" -> {
                warn("netdev is deprecated, please use gatewaydev instead");
                gatewaydev = value;
            }
            case "devid" -> devid = (int) digits("devid", value, 0, Integer.MAX_VALUE);
            case "mtu" -> mtu = (int) digits("mtu", value, 68, 65535);
            case "vlan" -> {
                String problem = VifVlan.problem(value);
                if (problem != null) {
                    throw error("vlan " + Describe.quoted(value) + ": " + problem);
                }
                vlan = value;
            }
            case "accel" -> warn("the accel parameter for vifs is not supported; ignored, as xl does");
            default -> {
                if (NOT_USED.contains(key)) {
                    warn(key + " is an xl vif parameter that Xenon does not use; ignored");
                } else {
                    warn(Describe.quoted(token) + " is not a vif parameter; ignored, as xl does");
                }
            }
        }
    }

    private VifSpec.RateLimit rate(String value) throws ConfigException {
        try {
            return VifRate.parse(value, at);
        } catch (ConfigException e) {
            throw error(e.detail());
        }
    }

    /** Six hex bytes separated by colons (or hyphens), returned as {@code xx:xx:xx:xx:xx:xx}. */
    private String mac(String value) throws ConfigException {
        if (!value.matches("[0-9A-Fa-f]{1,2}([:-][0-9A-Fa-f]{1,2}){5}")) {
            throw error("expected mac=XX:XX:XX:XX:XX:XX (six hex bytes separated by colons) but found "
                    + Describe.quoted(value));
        }
        StringBuilder sb = new StringBuilder();
        for (String b : value.split("[:-]")) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(b.length() == 1 ? "0" : "").append(b.toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private long digits(String key, String value, long min, long max) throws ConfigException {
        String expected = "expected " + key + "= and a decimal number from " + min + " to " + max + " but found ";
        if (!value.matches("[0-9]{1,10}")) {
            throw error(expected + Describe.quoted(value));
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw error(expected + n);
        }
        return n;
    }

    private void warn(String message) {
        warnings.add(new ConfigWarning(at, "vif " + Describe.quoted(spec) + ": " + message));
    }

    private ConfigException error(String message) {
        return new ConfigException(at, "vif " + Describe.quoted(spec) + ": " + message);
    }
}
