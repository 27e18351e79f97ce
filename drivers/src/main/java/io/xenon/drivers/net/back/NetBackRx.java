package io.xenon.drivers.net.back;

import static io.xenon.abi.netif.Netif.NETIF_RSP_ERROR;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantStatus;
import io.xenon.drivers.net.NetifRx;
import io.xenon.runtime.gnttab.GrantCopyBatch;
import io.xenon.runtime.gnttab.GrantTables;
import java.util.ArrayList;
import java.util.List;

/**
 * The receive half of one vif's data path, as Linux netback's {@code xenvif_rx_action} in copy
 * mode ({@code request-rx-copy}): each queued frame goes into the next buffer the front end
 * posted, at offset 0, and the response in that request's slot carries the buffer's id and the
 * frame's length.
 *
 * <p>UNTRUSTED: the buffer's grant must be the front end's and writable by Domain-0; if not, the
 * response says {@code NETIF_RSP_ERROR}, the frame is lost and counted, and the vif keeps working.
 *
 * <p>The frames of one batch go in with one batch of grant copies ({@link GrantCopyBatch}), as
 * {@code xenvif_rx_action} issues one {@code gnttab_batch_copy}.
 *
 * <p>XEN-DIFF: netback splits a frame over several buffers; a frame larger than a page never
 * reaches Xenon's queue ({@link NetBackVif#toGuest} drops it), so every frame takes one slot.
 *
 * <p>Confined to the vif's rx stream.
 */
final class NetBackRx {

    private final GrantTables grants;
    private final DomId backend;
    private final DomId frontend;
    private final NetBackMetrics metrics;
    private final GrantCopyBatch copies = new GrantCopyBatch();

    NetBackRx(GrantTables grants, DomId backend, DomId frontend, NetBackMetrics metrics) {
        this.grants = grants;
        this.backend = backend;
        this.frontend = frontend;
        this.metrics = metrics;
    }

    /**
     * Copies {@code frames.get(i)} into the buffer {@code buffers.get(i)} names, all in one batch
     * of grant copies; the responses for the buffers' slots, in order.
     */
    List<NetifRx.Response> deliver(List<byte[]> frames, List<NetifRx.Request> buffers) {
        copies.clear();
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            // INVARIANT: frames longer than a page were dropped before they were queued.
            copies.toGrant(frontend, buffers.get(i).gref(), 0, frame, 0, frame.length);
        }
        grants.copyBatch(backend, copies);
        List<NetifRx.Response> responses = new ArrayList<>(frames.size());
        int received = 0;
        long bytes = 0;
        for (int i = 0; i < frames.size(); i++) {
            int length = frames.get(i).length;
            if (copies.status(i) == GrantStatus.GNTST_okay) {
                received++;
                bytes += length;
                responses.add(new NetifRx.Response(buffers.get(i).id(), 0, 0, length));
            } else {
                metrics.error("bad-rx-grant");
                metrics.dropped("bad-rx-buffer");
                responses.add(new NetifRx.Response(buffers.get(i).id(), 0, 0, NETIF_RSP_ERROR));
            }
        }
        metrics.received(received, bytes);
        copies.clear();
        return responses;
    }
}
