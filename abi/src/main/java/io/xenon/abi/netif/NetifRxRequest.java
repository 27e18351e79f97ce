package io.xenon.abi.netif;

/**
 * The layout of an rx request, {@code struct netif_rx_request} in
 * {@code xen/include/public/io/netif.h}: an empty buffer page the front end grants to the back
 * end to receive into. 8 bytes.
 */
public final class NetifRxRequest {

    private NetifRxRequest() {
    }

    /*
     * struct netif_rx_request {
     *     uint16_t    id;     // echoed in the response
     *     uint16_t    pad;
     *     grant_ref_t gref;   // the granted buffer page
     * };
     */
    public static final int OFF_id = 0;
    public static final int OFF_pad = 2;
    public static final int OFF_gref = 4;
    public static final int SIZE = 8;
}
