package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsWire;

/**
 * XenStore path rules ({@code canonicalize} and {@code is_child} in C xenstored, and
 * {@code docs/misc/xenstore.txt}): allowed characters, relative paths, length limits, parents and
 * base names.
 */
final class XsPaths {

    private XsPaths() {
    }

    static final String ROOT = "/";
    static final String INTRODUCE_DOMAIN = "@introduceDomain";
    static final String RELEASE_DOMAIN = "@releaseDomain";
    private static final String LOCAL_DOMAIN = "/local/domain/";

    /** A domain's home, against which its relative paths resolve: {@code /local/domain/<domid>}. */
    static String home(int domid) {
        return LOCAL_DOMAIN + Integer.toUnsignedString(domid);
    }

    /** Whether a path given by a client is relative (to be shown back to it relative). */
    static boolean isRelative(String raw) {
        return !raw.startsWith("/") && !raw.startsWith("@");
    }

    /**
     * The absolute path a client means, or EINVAL: only {@code [A-Za-z0-9-/_@]}, no {@code @}
     * start unless special paths are allowed (watches, permissions), no trailing slash except the
     * root, no doubled slash, at most {@code pathMax} characters below a domain's home for an
     * unprivileged client and {@link XsWire#XENSTORE_ABS_PATH_MAX} in all.
     */
    // UNTRUSTED: raw comes straight from a request payload.
    // XEN-DIFF: C lets Dom0 use any length its 4096-byte payload can carry; we cap every absolute
    // path at XENSTORE_ABS_PATH_MAX so that no node name outgrows what xs_wire.h documents.
    static String canonicalize(String raw, int domid, boolean privileged, boolean allowSpecial, int pathMax) {
        if (raw == null || !validChars(raw) || (raw.startsWith("@") && !allowSpecial)) {
            throw new XsException(XsError.EINVAL);
        }
        String name = isRelative(raw) ? home(domid) + "/" + raw : raw;
        if ((name.endsWith("/") && !name.equals(ROOT)) || name.contains("//")
                || name.length() > XsWire.XENSTORE_ABS_PATH_MAX
                || (!privileged && name.length() - localOffset(name) > pathMax)) {
            throw new XsException(XsError.EINVAL);
        }
        return name;
    }

    /** Length of a leading {@code /local/domain/<up to 5 digits>/}, or 0. */
    private static int localOffset(String name) {
        if (!name.startsWith(LOCAL_DOMAIN)) {
            return 0;
        }
        int i = LOCAL_DOMAIN.length();
        int digits = 0;
        while (i < name.length() && digits < 5 && Character.isDigit(name.charAt(i))) {
            i++;
            digits++;
        }
        return digits > 0 && i < name.length() && name.charAt(i) == '/' ? i + 1 : 0;
    }

    private static boolean validChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '/' || c == '_' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The parent of a path other than the root ({@code get_parent}); a special path's is the root. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? ROOT : path.substring(0, slash);
    }

    /** The last component of a path other than the root. */
    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The path of a child ({@code child_name}). */
    static String child(String parent, String name) {
        return parent.equals(ROOT) ? ROOT + name : parent + "/" + name;
    }

    /** Whether {@code path} is {@code ancestor} or below it ({@code is_child}); everything is below the root. */
    static boolean isAtOrBelow(String path, String ancestor) {
        if (ancestor.equals(ROOT)) {
            return true;
        }
        return path.startsWith(ancestor)
                && (path.length() == ancestor.length() || path.charAt(ancestor.length()) == '/');
    }
}
