package io.xenon.abi.netif;

/**
 * The layout of a tx response, {@code struct netif_tx_response} in
 * {@code xen/include/public/io/netif.h}: the back end's verdict on one tx request. 4 bytes,
 * written over the request's 12-byte slot.
 */
public final class NetifTxResponse {

    private NetifTxResponse() {
    }

    /*
     * struct netif_tx_response {
     *     uint16_t id;       // the request's id
     *     int16_t  status;   // NETIF_RSP_*
     * };
     */
    public static final int OFF_id = 0;
    public static final int OFF_status = 2;
    public static final int SIZE = 4;
}
