package io.xenon.runtime.xenstore;

import io.xenon.abi.Xen;
import io.xenon.abi.xenstore.XsError;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.abi.xenstore.XsWire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one {@code xs_wire.h} request into one reply: the table of handlers of C xenstored's
 * {@code process_message} ({@code wire_funcs[]}), with its payload parsing and its checks that
 * come before any handler (unknown type, privileged-only type, unknown transaction).
 */
// UNTRUSTED: everything in a request (type, ids, payload) is the client's choice.
final class XsRequests {

    /** Types only the control domain may send ({@code XS_FLAG_PRIV}). */
    private static final Set<XsType> PRIVILEGED = EnumSet.of(XsType.XS_CONTROL, XsType.XS_INTRODUCE,
            XsType.XS_RELEASE, XsType.XS_IS_DOMAIN_INTRODUCED, XsType.XS_RESUME, XsType.XS_SET_TARGET);

    /** Types that ignore the header's transaction id ({@code XS_FLAG_NOTID}). */
    private static final Set<XsType> NO_TRANSACTION = EnumSet.of(XsType.XS_WATCH, XsType.XS_UNWATCH);

    private static final byte[] OK = {'O', 'K', 0};

    private final XenStore store;
    private final XsOperations ops;
    private final XsWatches watches;
    private final XsQuota quota;
    private final XsMetrics metrics;

    XsRequests(XenStore store, XsOperations ops, XsWatches watches, XsQuota quota, XsMetrics metrics) {
        this.store = store;
        this.ops = ops;
        this.watches = watches;
        this.quota = quota;
        this.metrics = metrics;
    }

    XsMessage handle(XsConnection c, XsMessage req) {
        XsType type = req.type();
        metrics.op(type);
        try {
            byte[] reply = dispatch(c, type, req);
            if (reply.length > XsWire.XENSTORE_PAYLOAD_MAX) {
                throw new XsException(XsError.E2BIG);
            }
            return XsMessage.ok(req, reply);
        } catch (XsException e) {
            metrics.error(e.error());
            return XsMessage.error(req, e.error());
        }
    }

    // XEN-DIFF: C xenstored drops a client whose header announces more than XENSTORE_PAYLOAD_MAX
    // bytes; the transport should do the same before calling handle, which answers E2BIG if one
    // gets through.
    private byte[] dispatch(XsConnection c, XsType type, XsMessage req) {
        byte[] p = req.payload();
        if (p.length > XsWire.XENSTORE_PAYLOAD_MAX) {
            throw new XsException(XsError.E2BIG);
        }
        if (type == null) {
            throw new XsException(XsError.ENOSYS);
        }
        if (PRIVILEGED.contains(type) && !c.privileged()) {
            throw new XsException(XsError.EACCES);
        }
        XsTransaction t = null;
        if (!NO_TRANSACTION.contains(type) && req.txId() != 0) {
            t = c.transaction(req.txId());
            if (t == null) {
                throw new XsException(XsError.ENOENT);
            }
        }
        switch (type) {
            case XS_READ:
                return ops.read(c, t, oneArg(p)).clone();
            case XS_DIRECTORY:
                return join(ops.directory(c, t, oneArg(p)));
            case XS_DIRECTORY_PART: {
                List<String> args = exactly(p, 2);
                return ops.directoryPart(c, t, args.get(0), Integer.toUnsignedLong(atoi(args.get(1))));
            }
            case XS_WRITE: {
                int nul = indexOfNul(p);
                if (nul < 0) {
                    throw new XsException(XsError.EINVAL);
                }
                ops.write(c, t, string(p, 0, nul), Arrays.copyOfRange(p, nul + 1, p.length));
                return OK.clone();
            }
            case XS_MKDIR:
                ops.mkdir(c, t, oneArg(p));
                return OK.clone();
            case XS_RM:
                ops.rm(c, t, oneArg(p));
                return OK.clone();
            case XS_GET_PERMS:
                return ops.getPerms(c, t, oneArg(p)).encode();
            case XS_SET_PERMS:
                return setPerms(c, t, XsMessage.strings(p));
            case XS_WATCH: {
                List<String> args = exactly(p, 2);
                String path = ops.canonical(c, args.get(0), true);
                watches.add(c, path, XsPaths.isRelative(args.get(0)), args.get(1), quota.watchesPerDomain());
                return OK.clone();
            }
            case XS_UNWATCH: {
                List<String> args = exactly(p, 2);
                watches.remove(c, ops.canonical(c, args.get(0), true), args.get(1));
                return OK.clone();
            }
            case XS_RESET_WATCHES:
                c.watches().clear();
                c.dropTransactions();
                return OK.clone();
            case XS_TRANSACTION_START:
                return startTransaction(c, t);
            case XS_TRANSACTION_END:
                return endTransaction(c, t, oneArg(p));
            case XS_GET_DOMAIN_PATH:
                return (XsPaths.home(atoi(oneArg(p))) + "\0").getBytes(StandardCharsets.ISO_8859_1);
            case XS_IS_DOMAIN_INTRODUCED: {
                int domid = atoi(oneArg(p));
                boolean yes = domid == Xen.DOMID_SELF || store.isDomainIntroduced(domid);
                return new byte[] {(byte) (yes ? 'T' : 'F'), 0};
            }
            case XS_INTRODUCE: {
                List<String> args = XsMessage.strings(p);
                if (args.size() < 3 || atoi(args.get(2)) <= 0) {
                    throw new XsException(XsError.EINVAL);
                }
                store.introduceDomain(atoi(args.get(0)));
                return OK.clone();
            }
            case XS_RELEASE:
                store.releaseDomain(introducedDomU(oneArg(p)));
                return OK.clone();
            case XS_RESUME:
                introducedDomU(oneArg(p));
                return OK.clone();
            case XS_SET_TARGET: {
                List<String> args = XsMessage.strings(p);
                if (args.size() < 2) {
                    throw new XsException(XsError.EINVAL);
                }
                store.setTarget(atoi(args.get(0)), atoi(args.get(1)));
                return OK.clone();
            }
            // XEN-DIFF: no XS_CONTROL commands (check, log, quota, live-update) and none of the
            // optional feature and quota messages: all are answered ENOSYS, as by a C xenstored
            // that lacks them.
            case XS_CONTROL:
            case XS_GET_FEATURE:
            case XS_SET_FEATURE:
            case XS_GET_QUOTA:
            case XS_SET_QUOTA:
            case XS_WATCH_EVENT:
            case XS_ERROR:
            default:
                throw new XsException(XsError.ENOSYS);
        }
    }

    private byte[] setPerms(XsConnection c, XsTransaction t, List<String> args) {
        if (args.size() < 2) {
            throw new XsException(XsError.EINVAL);
        }
        ops.checkPermCount(c, args.size() - 1);
        XsPerms perms = XsPerms.parse(args.subList(1, args.size()));
        if (perms == null) {
            throw new XsException(XsError.EINVAL);
        }
        ops.setPerms(c, t, args.get(0), perms);
        return OK.clone();
    }

    private byte[] startTransaction(XsConnection c, XsTransaction current) {
        if (current != null) {
            throw new XsException(XsError.EBUSY);
        }
        if (!c.privileged() && store.transactionCount(c.domid()) >= quota.transactionsPerDomain()) {
            throw new XsException(XsError.ENOSPC);
        }
        XsTransaction t = store.startTransaction(c);
        return (Integer.toUnsignedString(t.id()) + "\0").getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] endTransaction(XsConnection c, XsTransaction t, String arg) {
        if (arg == null || !(arg.equals("T") || arg.equals("F"))) {
            throw new XsException(XsError.EINVAL);
        }
        if (t == null) {
            throw new XsException(XsError.ENOENT);
        }
        store.endTransaction(c, t, arg.equals("T"));
        return OK.clone();
    }

    /** The domid named by a RELEASE or RESUME payload: EINVAL for Dom0, ENOENT if not introduced. */
    private int introducedDomU(String arg) {
        int domid = atoi(arg);
        if (domid == 0) {
            throw new XsException(XsError.EINVAL);
        }
        if (!store.isDomainIntroduced(domid)) {
            throw new XsException(XsError.ENOENT);
        }
        return domid;
    }

    /** The payload's single string: exactly one NUL, at the end ({@code onearg}), else EINVAL. */
    private static String oneArg(byte[] p) {
        if (p.length == 0 || indexOfNul(p) != p.length - 1) {
            throw new XsException(XsError.EINVAL);
        }
        return string(p, 0, p.length - 1);
    }

    /** Exactly {@code n} NUL-terminated strings, else EINVAL. */
    private static List<String> exactly(byte[] p, int n) {
        List<String> args = XsMessage.strings(p);
        if (args.size() != n) {
            throw new XsException(XsError.EINVAL);
        }
        return args;
    }

    private static byte[] join(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(n).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOfNul(byte[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String string(byte[] p, int from, int to) {
        return new String(p, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** C's {@code atoi}: optional blanks and sign, then leading digits; anything else gives 0. */
    static int atoi(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && v <= 0xFFFFFFFFL; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return (int) (negative ? -v : v);
    }
}
