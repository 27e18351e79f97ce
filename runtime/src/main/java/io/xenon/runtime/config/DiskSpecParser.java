package io.xenon.runtime.config;

import java.util.List;

/**
 * The xl-disk-configuration(5) grammar, as {@code tools/libs/util/libxlu_disk_l.l} and
 * {@code libxlu_disk.c} implement it. A spec is scanned item by item; at each place every rule
 * below is tried and, as in flex, the longest match wins, the earlier rule on a tie (a rule's
 * trailing context counts towards its length but is not consumed):
 *
 * <pre>
 *   [ \t\n]+                      skipped
 *   KEY=[^,]*,?                   format access backend backendtype specification vdev script
 *                                 devtype (cdrom|disk) colo-host colo-port colo-export
 *                                 active-disk hidden-disk, and Xenon's size
 *   FLAG,?                        cdrom direct-io-safe discard no-discard colo no-colo trusted
 *                                 untrusted grant_usage=1 grant_usage=0
 *   target=.*                     the rest of the spec: must come last
 *   [a-z][-a-z0-9]*=[^,],?        an unknown parameter: an error
 *   PREFIX:/.*                    deprecated prefixes: raw: qcow: qcow2: vhd: set the format,
 *                                 iscsi: nbd: enbd: drbd: the script, tapdisk: tap: tap2: aio:
 *                                 ioemu: file: phy: are ignored; other [a-z][a-z0-9]*: an error
 *   [^=,]*,|[^=,]+,?              positional: target, format, vdev, access in turn
 * </pre>
 *
 * <p>A string parameter may be given once (an empty one may be given again), an enumerated
 * one more than once only with the same value. A cdrom is always read-only; a cdrom without a
 * target has format {@code empty}.
 *
 * <p>XEN-DIFF: {@code size=N[K|M|G|T]} (1024-based; plain N is bytes) sizes an image Xenon
 * creates when the target does not exist; xl knows no such parameter. An empty vdev, which xl
 * passes on for libxl to reject, is refused here.
 *
 * <p>UNTRUSTED: specs come from the user; every scan is linear in the spec's length.
 */
final class DiskSpecParser {

    private static final String[] VALUE_KEYS = {
        "format", "devtype", "access", "backend", "backendtype", "specification", "vdev", "script",
        "colo-host", "colo-port", "colo-export", "active-disk", "hidden-disk", "size"};
    private static final String[] FLAGS = {
        "cdrom", "direct-io-safe", "discard", "no-discard", "colo", "no-colo", "trusted", "untrusted",
        "grant_usage=1", "grant_usage=0"};
    private static final String[] FORMAT_PREFIXES = {"raw", "qcow", "qcow2", "vhd"};
    private static final String[] SCRIPT_PREFIXES = {"iscsi", "nbd", "enbd", "drbd"};
    private static final String[] IGNORED_PREFIXES = {"tapdisk", "tap", "tap2", "aio", "ioemu", "file", "phy"};

    private final String spec;
    private final Position at;
    private final List<ConfigWarning> warnings;

    private String target;
    private boolean targetByName;
    private String format;
    private String vdev;
    private boolean readwrite = true;
    private boolean accessSet;
    private boolean cdrom;
    private String backend;
    private String backendType;
    private String script;
    private boolean directIoSafe;
    private Boolean discard;
    private boolean trusted = true;
    private String specification;
    private Long sizeBytes;
    private boolean hadDeprecatedPrefix;

    private DiskSpecParser(String spec, Position at, List<ConfigWarning> warnings) {
        this.spec = spec;
        this.at = at;
        this.warnings = warnings;
    }

    /**
     * Parses one disk from one or more spec strings (more than one when {@code xl block-attach}
     * gets several arguments; they describe the same disk).
     */
    static DiskSpec parse(List<String> parts, Position at, List<ConfigWarning> warnings) throws ConfigException {
        DiskSpecParser p = new DiskSpecParser(String.join(",", parts), at, warnings);
        for (String part : parts) {
            p.scan(part);
        }
        return p.finish();
    }

    /** One rule's match at a place: how far it reaches (for choosing) and how much it consumes. */
    private record Match(int rule, int length, int consumed) {
    }

    private void scan(String s) throws ConfigException {
        int i = 0;
        int eol = -1;
        int stop = -1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                i++;
                continue;
            }
            // UNTRUSTED: where the line ends and where the next '=' or ',' is are found once
            // and reused while the scan is short of them, so no spec costs quadratic time.
            if (eol < i) {
                eol = lineEnd(s, i);
            }
            if (stop < i) {
                stop = i;
                while (stop < s.length() && s.charAt(stop) != '=' && s.charAt(stop) != ',') {
                    stop++;
                }
            }
            Match m = longest(s, i, eol, stop);
            apply(s, i, m);
            i += m.consumed();
        }
    }

    private static int lineEnd(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isLowerOrDigit(char c) {
        return isLower(c) || (c >= '0' && c <= '9');
    }

    /**
     * The rules in flex's order; the longest match wins and the first rule on a tie. {@code eol}
     * is where the line ends, for the rules whose context runs to it, and {@code stop} where the
     * next {@code =} or {@code ,} is, which ends a positional parameter.
     */
    private static Match longest(String s, int i, int eol, int stop) {
        Match best = null;
        int rule = 0;
        for (String key : VALUE_KEYS) {
            best = better(best, keyValue(s, i, key, rule++));
        }
        for (String flag : FLAGS) {
            if (s.startsWith(flag, i)) {
                int len = flag.length() + (commaAt(s, i + flag.length()) ? 1 : 0);
                best = better(best, new Match(rule, len, len));
            }
            rule++;
        }
        if (s.startsWith("target=", i)) {
            int len = eol - i;
            best = better(best, new Match(rule, len, len));
        }
        rule++;
        best = better(best, unknownParameter(s, i, rule++));
        for (String[] prefixes : new String[][] {FORMAT_PREFIXES, SCRIPT_PREFIXES, IGNORED_PREFIXES}) {
            for (String prefix : prefixes) {
                if (s.startsWith(prefix + ":", i)) {
                    best = better(best, new Match(rule, eol - i, prefix.length() + 1));
                }
            }
            rule++;
        }
        best = better(best, otherPrefix(s, i, eol, rule++));
        best = better(best, positional(s, i, stop, rule++));
        return best != null ? best : new Match(rule, 1, s.length() - i);
    }

    private static Match better(Match best, Match m) {
        if (m == null) {
            return best;
        }
        return best == null || m.length() > best.length() ? m : best;
    }

    private static boolean commaAt(String s, int i) {
        return i < s.length() && s.charAt(i) == ',';
    }

    private static Match keyValue(String s, int i, String key, int rule) {
        if (!s.startsWith(key + "=", i)) {
            return null;
        }
        int j = i + key.length() + 1;
        while (j < s.length() && s.charAt(j) != ',') {
            j++;
        }
        int len = j - i + (commaAt(s, j) ? 1 : 0);
        return new Match(rule, len, len);
    }

    private static Match unknownParameter(String s, int i, int rule) {
        if (i >= s.length() || !isLower(s.charAt(i))) {
            return null;
        }
        int j = i + 1;
        while (j < s.length() && (isLowerOrDigit(s.charAt(j)) || s.charAt(j) == '-')) {
            j++;
        }
        if (j + 1 >= s.length() || s.charAt(j) != '=' || s.charAt(j + 1) == ',') {
            return null;
        }
        int len = j + 2 - i + (commaAt(s, j + 2) ? 1 : 0);
        return new Match(rule, len, len);
    }

    private static Match otherPrefix(String s, int i, int eol, int rule) {
        if (!isLower(s.charAt(i))) {
            return null;
        }
        int j = i + 1;
        while (j < s.length() && isLowerOrDigit(s.charAt(j))) {
            j++;
        }
        if (j >= s.length() || s.charAt(j) != ':') {
            return null;
        }
        int consumed = j + 1 - i;
        int context = 0;
        if (j + 1 < s.length() && !isLowerOrDigit(s.charAt(j + 1))) {
            context = s.charAt(j + 1) == '\n' ? 1 + lineEnd(s, j + 2) - (j + 2) : eol - (j + 1);
        }
        return new Match(rule, consumed + context, consumed);
    }

    private static Match positional(String s, int i, int j, int rule) {
        if (commaAt(s, j)) {
            return new Match(rule, j + 1 - i, j + 1 - i);
        }
        return j > i ? new Match(rule, j - i, j - i) : null;
    }

    private void apply(String s, int i, Match m) throws ConfigException {
        String token = s.substring(i, i + m.consumed());
        String value = token.endsWith(",") ? token.substring(0, token.length() - 1) : token;
        String afterEquals = value.substring(value.indexOf('=') + 1);
        int rule = m.rule();
        if (rule < VALUE_KEYS.length) {
            keyed(VALUE_KEYS[rule], afterEquals);
            return;
        }
        rule -= VALUE_KEYS.length;
        if (rule < FLAGS.length) {
            flag(FLAGS[rule]);
            return;
        }
        switch (rule - FLAGS.length) {
            case 0 -> {
                target = saved("target", target, afterEquals);
                targetByName = true;
            }
            case 1 -> throw error("expected a known parameter but found " + Describe.quoted(value));
            case 2 -> {
                hadDeprecatedPrefix = true;
                setFormat(value.substring(0, value.length() - 1));
            }
            case 3 -> {
                hadDeprecatedPrefix = true;
                script = saved("script", script, "block-" + value.substring(0, value.length() - 1));
            }
            case 4 -> hadDeprecatedPrefix = true;
            case 5 -> throw error("expected a known prefix (raw: qcow: qcow2: vhd: iscsi: nbd: enbd: drbd:"
                    + " tapdisk: tap: tap2: aio: ioemu: file: phy:) but found " + Describe.quoted(value));
            case 6 -> positional(value);
            default -> throw error("expected key=value, a flag or a positional parameter but found "
                    + Describe.quoted(s.substring(i)));
        }
    }

    private void keyed(String key, String value) throws ConfigException {
        switch (key) {
            case "format" -> setFormat(value);
            case "devtype" -> {
                if (!value.equals("cdrom") && !value.equals("disk")) {
                    throw error("expected devtype=cdrom or devtype=disk but found " + Describe.quoted(value));
                }
                cdrom = value.equals("cdrom");
            }
            case "access" -> setAccess(value);
            case "backend" -> backend = saved("backend", backend, value);
            case "backendtype" -> backendType = oneOf("backendtype", backendType, value,
                    "phy", "qdisk", "standalone", "tap");
            case "specification" -> specification = oneOf("specification", specification, value, "xen", "virtio");
            case "vdev" -> vdev = saved("vdev", vdev, value);
            case "script" -> script = saved("script", script, value);
            case "size" -> setSize(value);
            case "colo-port" -> {
                if (!value.matches("[1-9][0-9]{0,8}")) {
                    throw error("expected a port number for colo-port but found " + Describe.quoted(value));
                }
                notUsed(key);
            }
            default -> notUsed(key);
        }
    }

    private void flag(String flag) {
        switch (flag) {
            case "cdrom" -> cdrom = true;
            case "direct-io-safe" -> directIoSafe = true;
            case "discard" -> discard = Boolean.TRUE;
            case "no-discard" -> discard = Boolean.FALSE;
            case "trusted" -> trusted = true;
            case "untrusted" -> trusted = false;
            default -> notUsed(flag);
        }
    }

    private void notUsed(String what) {
        warnings.add(new ConfigWarning(at, "disk " + Describe.quoted(spec) + ": " + what
                + " is an xl disk parameter that Xenon does not use; ignored"));
    }

    private void positional(String value) throws ConfigException {
        if (target == null) {
            target = value;
        } else if (!hadDeprecatedPrefix && format == null) {
            if (target.isEmpty() && vdevAndDevtype(value)) {
                format = "empty";
            } else {
                setFormat(value);
            }
        } else if (vdev == null) {
            if (!vdevAndDevtype(value)) {
                vdev = value;
            }
        } else if (!accessSet) {
            accessSet = true;
            setAccess(value);
        } else {
            throw error("expected at most four positional parameters (target, format, vdev, access)"
                    + " but found " + Describe.quoted(value) + " as a fifth");
        }
    }

    /** The deprecated {@code vdev:devtype} form ({@code hdc:cdrom}); false if there is no colon. */
    private boolean vdevAndDevtype(String value) throws ConfigException {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        vdev = saved("vdev", vdev, value.substring(0, colon));
        String type = value.substring(colon + 1);
        if (!type.equals("cdrom") && !type.equals("disk")) {
            throw error("expected cdrom or disk after the ':' of " + Describe.quoted(value)
                    + " but found " + Describe.quoted(type));
        }
        cdrom = type.equals("cdrom");
        return true;
    }

    private void setFormat(String value) throws ConfigException {
        String f = value.isEmpty() ? "raw" : value;
        format = oneOf("format", format, f, "raw", "qcow", "qcow2", "vhd", "empty", "qed");
    }

    private void setAccess(String value) throws ConfigException {
        switch (value) {
            case "r", "ro" -> readwrite = false;
            case "", "w", "rw" -> readwrite = true;
            default -> throw error("expected access ro, r, rw or w but found " + Describe.quoted(value));
        }
    }

    private void setSize(String value) throws ConfigException {
        String expected = "expected size=N with an optional K, M, G or T (1024-based) but found ";
        if (!value.matches("[0-9]{1,19}[KMGTkmgt]?")) {
            throw error(expected + Describe.quoted(value));
        }
        char unit = Character.toUpperCase(value.charAt(value.length() - 1));
        int shift = switch (unit) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n == 0 || n > (Long.MAX_VALUE >> shift)) {
                throw error(expected + Describe.quoted(value) + " (it must be more than 0 and below 8 EiB)");
            }
            if (sizeBytes != null) {
                throw error("size specified twice: expected each parameter at most once");
            }
            sizeBytes = n << shift;
        } catch (NumberFormatException e) {
            throw error(expected + Describe.quoted(value));
        }
    }

    /** An enumerated parameter: one of the allowed values, and never two different ones. */
    private String oneOf(String name, String current, String value, String... allowed) throws ConfigException {
        if (!List.of(allowed).contains(value)) {
            throw error("expected " + name + " " + String.join(", ", allowed) + " but found " + Describe.quoted(value));
        }
        if (current != null && !current.equals(value)) {
            throw error(name + " specified twice, as " + Describe.quoted(current) + " and "
                    + Describe.quoted(value) + ": expected each parameter at most once");
        }
        return value;
    }

    /** A string parameter: given once, though an empty one may be given again. */
    private String saved(String name, String current, String value) throws ConfigException {
        if (current != null && !current.isEmpty()) {
            throw error(name + " specified twice, as " + Describe.quoted(current) + " and "
                    + Describe.quoted(value) + ": expected each parameter at most once");
        }
        return value;
    }

    private DiskSpec finish() throws ConfigException {
        String f = format == null ? "raw" : format;
        boolean rw = readwrite;
        if (cdrom) {
            rw = false;
            if (target == null || target.isEmpty()) {
                f = "empty";
            }
        }
        if (vdev == null || vdev.isEmpty()) {
            String hint = targetByName && target.contains(",")
                    ? " (target= takes the rest of the spec, commas included, so it must come last)" : "";
            throw error("expected a vdev (such as xvda, hda, sda or d0p1) but found none" + hint);
        }
        if (target == null && !cdrom) {
            throw error("expected a target (a path) but found none; only a cdrom may have no target");
        }
        return new DiskSpec(target == null || target.isEmpty() ? null : target, f, vdev, rw, cdrom,
                backend == null || backend.isEmpty() ? "0" : backend, backendType, script, directIoSafe,
                discard, trusted, specification == null ? "xen" : specification, sizeBytes, spec);
    }

    private ConfigException error(String message) {
        return new ConfigException(at, "disk " + Describe.quoted(spec) + ": " + message);
    }
}
