package io.xenon.drivers.net.back;

import static io.xenon.abi.netif.Netif.NETIF_RSP_ERROR;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.drivers.net.NetifRx;
import io.xenon.runtime.gnttab.GrantMapping;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.mm.Page;

/**
 * The receive half of one vif's data path, as Linux netback's {@code xenvif_rx_action} in copy
 * mode ({@code request-rx-copy}): each queued frame goes into the next buffer the front end
 * posted, at offset 0, and the response in that request's slot carries the buffer's id and the
 * frame's length.
 *
 * <p>UNTRUSTED: the buffer's grant must be the front end's and writable by Domain-0; if not, the
 * response says {@code NETIF_RSP_ERROR}, the frame is lost and counted, and the vif keeps working.
 *
 * <p>XEN-DIFF: netback grant-copies from the skb and splits a frame over several buffers; Xenon
 * maps the buffer for the length of one copy, and a frame larger than a page never reaches the
 * queue ({@link NetBackVif#toGuest} drops it), so every frame takes one slot.
 *
 * <p>Confined to the vif's rx stream.
 */
final class NetBackRx {

    private final GrantTables grants;
    private final DomId backend;
    private final DomId frontend;
    private final NetBackMetrics metrics;

    NetBackRx(GrantTables grants, DomId backend, DomId frontend, NetBackMetrics metrics) {
        this.grants = grants;
        this.backend = backend;
        this.frontend = frontend;
        this.metrics = metrics;
    }

    /** Copies {@code frame} into the buffer {@code buffer} names; the response for its slot. */
    NetifRx.Response deliver(byte[] frame, NetifRx.Request buffer) {
        GrantMapping m = grants.mapGrantRef(backend, frontend, new GrantRef(buffer.gref()), GnttabOp.GNTMAP_host_map);
        if (!m.status().isOkay()) {
            metrics.error("bad-rx-grant");
            metrics.dropped("bad-rx-buffer");
            return new NetifRx.Response(buffer.id(), 0, 0, NETIF_RSP_ERROR);
        }
        // INVARIANT: frames longer than a page were dropped before they were queued.
        m.page().write(0, frame, 0, Math.min(frame.length, Page.SIZE));
        grants.unmapGrantRef(backend, m.handle());
        metrics.received(frame.length);
        return new NetifRx.Response(buffer.id(), 0, 0, frame.length);
    }
}
