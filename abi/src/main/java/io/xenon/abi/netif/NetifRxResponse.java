package io.xenon.abi.netif;

/**
 * The layout of an rx response, {@code struct netif_rx_response} in
 * {@code xen/include/public/io/netif.h}: one received fragment. 8 bytes. Linux netfront ignores
 * {@code id} and takes the response in the slot of its request, so back ends keep that order.
 */
public final class NetifRxResponse {

    private NetifRxResponse() {
    }

    /*
     * struct netif_rx_response {
     *     uint16_t id;       // the request's id
     *     uint16_t offset;   // offset of the data within the buffer page
     *     uint16_t flags;    // NETRXF_*
     *     int16_t  status;   // -ve: NETIF_RSP_*; +ve: bytes received
     * };
     */
    public static final int OFF_id = 0;
    public static final int OFF_offset = 2;
    public static final int OFF_flags = 4;
    public static final int OFF_status = 6;
    public static final int SIZE = 8;
}
