package io.xenon.abi.netif;

/**
 * The layout of a tx request, {@code struct netif_tx_request} in
 * {@code xen/include/public/io/netif.h}: one fragment of a packet the front end sends, in a page
 * it granted. 12 bytes; it fills a tx slot.
 */
public final class NetifTxRequest {

    private NetifTxRequest() {
    }

    /*
     * struct netif_tx_request {
     *     grant_ref_t gref;    // the granted page holding the data
     *     uint16_t offset;     // offset of the data within that page
     *     uint16_t flags;      // NETTXF_*
     *     uint16_t id;         // echoed in the response
     *     uint16_t size;       // whole packet in the first request, this fragment in the rest
     * };
     */
    public static final int OFF_gref = 0;
    public static final int OFF_offset = 4;
    public static final int OFF_flags = 6;
    public static final int OFF_id = 8;
    public static final int OFF_size = 10;
    public static final int SIZE = 12;
}
