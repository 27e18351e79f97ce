package io.xenon.drivers.net;

import io.xenon.abi.netif.NetifRxRequest;
import io.xenon.abi.netif.NetifRxResponse;
import io.xenon.runtime.mm.Page;

/**
 * The rx ring's messages of {@code xen/include/public/io/netif.h} as records: a
 * {@code netif_rx_request} (an empty buffer the front end posts) and the
 * {@code netif_rx_response} (a received fragment), each encoded into and decoded from a ring
 * slot at Xen's offsets.
 */
public final class NetifRx {

    private NetifRx() {
    }

    /** {@code struct netif_rx_request}: a buffer page {@code gref} (u32 bit pattern) and its id. */
    public record Request(int id, int gref) {

        /** Writes this request into the slot at {@code slot}, {@code pad} zeroed. */
        public void encode(Page page, int slot) {
            page.putU16(slot + NetifRxRequest.OFF_id, id);
            page.putU16(slot + NetifRxRequest.OFF_pad, 0);
            page.putInt(slot + NetifRxRequest.OFF_gref, gref);
        }

        /** UNTRUSTED: a copy of the slot, each field read once; {@code pad} is ignored. */
        public static Request decode(Page page, int slot) {
            return new Request(page.getU16(slot + NetifRxRequest.OFF_id),
                    page.getInt(slot + NetifRxRequest.OFF_gref));
        }
    }

    /**
     * {@code struct netif_rx_response}: where the fragment sits in the buffer, its
     * {@code NETRXF_*} flags, and a status that is a byte count or, negative, a
     * {@code NETIF_RSP_*} error.
     */
    public record Response(int id, int offset, int flags, int status) {

        /** Writes this response into the slot at {@code slot}. */
        public void encode(Page page, int slot) {
            page.putU16(slot + NetifRxResponse.OFF_id, id);
            page.putU16(slot + NetifRxResponse.OFF_offset, offset);
            page.putU16(slot + NetifRxResponse.OFF_flags, flags);
            page.putU16(slot + NetifRxResponse.OFF_status, status);
        }

        /** UNTRUSTED: a copy of the slot; {@code status} is sign-extended from its i16. */
        public static Response decode(Page page, int slot) {
            return new Response(page.getU16(slot + NetifRxResponse.OFF_id),
                    page.getU16(slot + NetifRxResponse.OFF_offset),
                    page.getU16(slot + NetifRxResponse.OFF_flags),
                    page.getI16(slot + NetifRxResponse.OFF_status));
        }
    }
}
