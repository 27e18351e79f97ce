package io.xenon.runtime.config;

import java.util.Locale;

/**
 * The xl-pci-configuration(5) grammar, as {@code tools/libs/util/libxlu_pci.c:
 * xlu_pci_parse_spec_string} reads it: an optional positional {@code BDF[@VSLOT]} first, then
 * {@code key=value} pairs separated by commas. A BDF is {@code [DDDD:]BB:SS.F} in hex, with
 * domain up to ffff, bus up to ff, slot up to 1f and function up to 7 or {@code *}; a VSLOT is
 * hex up to 1f. Exactly one of a BDF (positional or {@code bdf=}) and {@code name=} must be
 * given; an unknown key is an error.
 *
 * <p>XEN-DIFF: xl reads {@code permissive}, {@code msitranslate}, {@code seize} and
 * {@code power_mgmt} with {@code atoi} (so {@code yes} is 0) and ignores anything after a
 * {@code bdf=} or {@code vslot=} value; Xenon wants a whole integer and a whole BDF or slot.
 *
 * <p>UNTRUSTED: specs come from the user; hex fields longer than eight digits are refused
 * before they are converted.
 */
final class PciSpecParser {

    private final String spec;
    private final Position at;

    private PciSpecParser(String spec, Position at) {
        this.spec = spec;
        this.at = at;
    }

    /** Parses a spec; the four flags start from the config's {@code pci_*} defaults. */
    static PciSpec parse(String spec, Position at, PciSpec.Defaults defaults) throws ConfigException {
        return new PciSpecParser(spec, at).parse(defaults);
    }

    private PciSpec parse(PciSpec.Defaults d) throws ConfigException {
        int[] bdf = bdf(spec, 0);
        Integer vslot = null;
        String name = null;
        String rdmPolicy = null;
        boolean permissive = d.permissive();
        boolean msitranslate = d.msitranslate();
        boolean seize = d.seize();
        boolean powerMgmt = d.powerMgmt();
        int p = 0;
        if (bdf != null) {
            p = bdf[4];
            if (p < spec.length() && spec.charAt(p) == '@') {
                int end = spec.indexOf(',', p);
                end = end < 0 ? spec.length() : end;
                vslot = vslot(spec.substring(p + 1, end));
                p = end;
            }
            if (p < spec.length() && spec.charAt(p) != ',') {
                throw error("expected ',' or the end after the BDF but found " + Describe.quoted(spec.substring(p)));
            }
            p = Math.min(p + 1, spec.length());
        }
        while (p < spec.length()) {
            int comma = spec.indexOf(',', p);
            int end = comma < 0 ? spec.length() : comma;
            String item = spec.substring(p, end);
            p = comma < 0 ? end : end + 1;
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw error("expected a BDF ([DDDD:]BB:SS.F) or key=value but found " + Describe.quoted(item));
            }
            String key = item.substring(0, eq);
            String value = item.substring(eq + 1);
            switch (key) {
                case "bdf" -> {
                    bdf = bdf(value, 0);
                    if (bdf == null || bdf[4] != value.length()) {
                        throw error("expected bdf=[DDDD:]BB:SS.F (hex; slot up to 1f, function 0-7 or *) but found "
                                + Describe.quoted(value));
                    }
                }
                case "vslot" -> vslot = vslot(value);
                case "permissive" -> permissive = flag(key, value);
                case "msitranslate" -> msitranslate = flag(key, value);
                case "seize" -> seize = flag(key, value);
                case "power_mgmt" -> powerMgmt = flag(key, value);
                case "rdm_policy" -> {
                    rdmPolicy = value.toLowerCase(Locale.ROOT);
                    if (!rdmPolicy.equals("strict") && !rdmPolicy.equals("relaxed")) {
                        throw error("expected rdm_policy=strict or rdm_policy=relaxed but found " + Describe.quoted(value));
                    }
                }
                case "name" -> name = value;
                default -> throw error("expected a key bdf, vslot, permissive, msitranslate, seize, power_mgmt,"
                        + " rdm_policy or name but found " + Describe.quoted(key));
            }
        }
        if ((bdf != null) == (name != null)) {
            throw error("expected exactly one of a BDF ([DDDD:]BB:SS.F) and name= but found "
                    + (bdf == null ? "neither" : "both"));
        }
        if (bdf == null) {
            return new PciSpec(-1, -1, -1, -1, vslot, permissive, msitranslate, seize, powerMgmt, rdmPolicy, name, spec);
        }
        return new PciSpec(bdf[0], bdf[1], bdf[2], bdf[3], vslot, permissive, msitranslate, seize, powerMgmt,
                rdmPolicy, null, spec);
    }

    /**
     * A BDF at {@code i}: {domain, bus, dev, func (-1 for *), end}, or null. Like libxlu, the
     * colons in the leading run of hex digits and colons tell whether a domain is present.
     */
    static int[] bdf(String s, int i) {
        int j = i;
        int colons = 0;
        while (j < s.length() && (isHex(s.charAt(j)) || s.charAt(j) == ':')) {
            colons += s.charAt(j) == ':' ? 1 : 0;
            j++;
        }
        if (colons != 1 && colons != 2) {
            return null;
        }
        int[] r = new int[5];
        int p = i;
        long[] field = new long[3];
        for (int f = 0; f < colons + 1; f++) {
            long[] h = hex(s, p);
            if (h == null) {
                return null;
            }
            field[f] = h[0];
            p = (int) h[1];
            char sep = f < colons ? ':' : '.';
            if (p >= s.length() || s.charAt(p) != sep) {
                return null;
            }
            p++;
        }
        long domain = colons == 2 ? field[0] : 0;
        long bus = field[colons - 1];
        long dev = field[colons];
        if (domain > 0xffff || bus > 0xff || dev > 0x1f) {
            return null;
        }
        if (p < s.length() && s.charAt(p) == '*') {
            r[3] = -1;
            p++;
        } else {
            long[] h = hex(s, p);
            if (h == null || h[0] > 7) {
                return null;
            }
            r[3] = (int) h[0];
            p = (int) h[1];
        }
        r[0] = (int) domain;
        r[1] = (int) bus;
        r[2] = (int) dev;
        r[4] = p;
        return r;
    }

    /** One to eight hex digits at {@code i}: {value, end}, or null. */
    private static long[] hex(String s, int i) {
        int j = i;
        while (j < s.length() && j - i < 9 && isHex(s.charAt(j))) {
            j++;
        }
        if (j == i || j - i > 8) {
            return null;
        }
        return new long[] {Long.parseLong(s.substring(i, j), 16), j};
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private int vslot(String value) throws ConfigException {
        long[] h = hex(value, 0);
        if (h == null || h[1] != value.length() || h[0] > 0x1f) {
            throw error("expected a virtual slot in hex from 0 to 1f but found " + Describe.quoted(value));
        }
        return (int) h[0];
    }

    private boolean flag(String key, String value) throws ConfigException {
        if (!value.matches("[+-]?[0-9]{1,9}")) {
            throw error("expected " + key + "=0 or " + key + "=1 but found " + Describe.quoted(value));
        }
        return Integer.parseInt(value) != 0;
    }

    private ConfigException error(String message) {
        return new ConfigException(at, "pci " + Describe.quoted(spec) + ": " + message);
    }
}
