package io.xenon.drivers.net;

import io.xenon.abi.netif.NetifTxRequest;
import io.xenon.abi.netif.NetifTxResponse;
import io.xenon.runtime.mm.Page;

/**
 * The tx ring's messages of {@code xen/include/public/io/netif.h} as records: a
 * {@code netif_tx_request} the front end sends and the {@code netif_tx_response} that replaces
 * it, each encoded into and decoded from a ring slot at Xen's offsets.
 */
public final class NetifTx {

    private NetifTx() {
    }

    /**
     * {@code struct netif_tx_request}: one packet fragment in a granted page. Fields hold the
     * unsigned values ({@code gref} as the u32 bit pattern).
     */
    public record Request(int gref, int offset, int flags, int id, int size) {

        /** Writes this request into the slot at {@code slot}. */
        public void encode(Page page, int slot) {
            page.putInt(slot + NetifTxRequest.OFF_gref, gref);
            page.putU16(slot + NetifTxRequest.OFF_offset, offset);
            page.putU16(slot + NetifTxRequest.OFF_flags, flags);
            page.putU16(slot + NetifTxRequest.OFF_id, id);
            page.putU16(slot + NetifTxRequest.OFF_size, size);
        }

        /** UNTRUSTED: a copy of the slot, each field read once; nothing is validated here. */
        public static Request decode(Page page, int slot) {
            return new Request(page.getInt(slot + NetifTxRequest.OFF_gref),
                    page.getU16(slot + NetifTxRequest.OFF_offset),
                    page.getU16(slot + NetifTxRequest.OFF_flags),
                    page.getU16(slot + NetifTxRequest.OFF_id),
                    page.getU16(slot + NetifTxRequest.OFF_size));
        }
    }

    /** {@code struct netif_tx_response}: the request's {@code id} and a {@code NETIF_RSP_*} status. */
    public record Response(int id, int status) {

        /** Writes this response into the slot at {@code slot}. */
        public void encode(Page page, int slot) {
            page.putU16(slot + NetifTxResponse.OFF_id, id);
            page.putU16(slot + NetifTxResponse.OFF_status, status);
        }

        /** UNTRUSTED: a copy of the slot; {@code status} is sign-extended from its i16. */
        public static Response decode(Page page, int slot) {
            return new Response(page.getU16(slot + NetifTxResponse.OFF_id),
                    page.getI16(slot + NetifTxResponse.OFF_status));
        }
    }
}
