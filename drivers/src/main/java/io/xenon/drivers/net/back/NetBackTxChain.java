package io.xenon.drivers.net.back;

import static io.xenon.abi.netif.Netif.NETTXF_extra_info;
import static io.xenon.abi.netif.Netif.NETTXF_more_data;
import static io.xenon.abi.netif.Netif.XEN_NETIF_EXTRA_FLAG_MORE;

import io.xenon.drivers.net.NetifTx;

/**
 * How netif.h chains tx slots into packets: a packet's first request carries its whole length,
 * {@code NETTXF_more_data} says a fragment follows, {@code NETTXF_extra_info} says an extra-info
 * slot follows (and that slot's {@code XEN_NETIF_EXTRA_FLAG_MORE}, another). Both the packet
 * assembler and the rate credit read the ring through it.
 *
 * <p>UNTRUSTED: the flags are the front end's; a lie only mis-chains that guest's own packets.
 * Confined to the vif's tx stream.
 */
final class NetBackTxChain {

    /** What a slot is within its packet. */
    enum Kind {
        /** The packet's first request. */
        FIRST,
        /** A further fragment. */
        FRAGMENT,
        /** An extra-info slot riding in a request's slot. */
        EXTRA
    }

    private boolean extraNext;
    private boolean moreData;

    /** Reads the next slot of the ring. */
    Kind next(NetifTx.Request req) {
        if (extraNext) {
            // netif_extra_info: type u8 at 0, flags u8 at 1 (the gref's second byte, little-endian).
            extraNext = ((req.gref() >>> 8) & XEN_NETIF_EXTRA_FLAG_MORE) != 0;
            return Kind.EXTRA;
        }
        Kind kind = moreData ? Kind.FRAGMENT : Kind.FIRST;
        extraNext = (req.flags() & NETTXF_extra_info) != 0;
        moreData = (req.flags() & NETTXF_more_data) != 0;
        return kind;
    }

    /** Whether the slots read so far end a packet. */
    boolean complete() {
        return !extraNext && !moreData;
    }
}
