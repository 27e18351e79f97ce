package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsWire;

/**
 * The per-domain limits C xenstored enforces ({@code hard_quotas[]} in
 * {@code tools/xenstored/domain.c}). They bind unprivileged domains only; Dom0 is not limited.
 *
 * @param nodesPerDomain nodes a domain may own ({@code nodes}, ENOSPC beyond)
 * @param watchesPerDomain watches a domain may hold ({@code watches}, ENOSPC beyond)
 * @param transactionsPerDomain transactions a domain may have open ({@code transactions}, ENOSPC)
 * @param outstandingRequests requests a domain may have unanswered ({@code outstanding}); enforced
 *        by the transport, which stops reading a domain's ring at this many
 * @param nodeSize bytes of one node as C accounts it: a 16-byte header, 8 bytes per permission,
 *        the value and the children's names with their NULs ({@code node-size}, ENOSPC beyond)
 * @param pathMax characters of a path below {@code /local/domain/<domid>/} ({@code path-max},
 *        EINVAL beyond); at most {@link XsWire#XENSTORE_REL_PATH_MAX}
 * @param permsPerNode entries in one permission list ({@code node-permissions}, ENOSPC beyond)
 * @param nodesPerTransaction distinct nodes one transaction may touch ({@code transaction-nodes},
 *        ENOSPC beyond)
 */
public record XsQuota(int nodesPerDomain, int watchesPerDomain, int transactionsPerDomain,
        int outstandingRequests, int nodeSize, int pathMax, int permsPerNode, int nodesPerTransaction) {

    public XsQuota {
        if (nodesPerDomain < 1 || watchesPerDomain < 0 || transactionsPerDomain < 0 || outstandingRequests < 1
                || nodeSize < 1 || permsPerNode < 1 || nodesPerTransaction < 1) {
            throw new IllegalArgumentException("quota out of range");
        }
        if (pathMax < 1 || pathMax > XsWire.XENSTORE_REL_PATH_MAX) {
            throw new IllegalArgumentException("pathMax must be 1.." + XsWire.XENSTORE_REL_PATH_MAX);
        }
    }

    /** C xenstored's defaults. */
    public static XsQuota defaults() {
        return new XsQuota(1000, 128, 10, 20, 2048, XsWire.XENSTORE_REL_PATH_MAX, 5, 1024);
    }
}
