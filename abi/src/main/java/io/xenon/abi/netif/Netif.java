package io.xenon.abi.netif;

import io.xenon.abi.Xen;
import io.xenon.abi.ring.Sring;

/**
 * Constants of {@code xen/include/public/io/netif.h}: packet limits, the tx and rx flags, the
 * response statuses, the extra-info types, and the number of slots of the tx and rx rings on
 * one page ({@code NET_TX_RING_SIZE} / {@code NET_RX_RING_SIZE}, as Linux names them).
 *
 * <p>The checksum bits are swapped between tx and rx: {@code NETTXF_csum_blank} is bit 0 but
 * {@code NETRXF_csum_blank} is bit 1.
 */
public final class Netif {

    private Netif() {
    }

    /** The minimum number of slots per packet a back end must accept. */
    public static final int XEN_NETIF_NR_SLOTS_MIN = 18;
    /** The largest packet a tx request may describe ({@code size} is a u16). */
    public static final int XEN_NETIF_MAX_TX_SIZE = 0xFFFF;

    // netif_tx_request.flags
    /** The protocol checksum field is blank (checksum offload). */
    public static final int NETTXF_csum_blank = 1 << 0;
    /** The packet data has been validated against its checksum. */
    public static final int NETTXF_data_validated = 1 << 1;
    /** The packet continues in the next request. */
    public static final int NETTXF_more_data = 1 << 2;
    /** Extra-info slots follow this request. */
    public static final int NETTXF_extra_info = 1 << 3;

    // netif_rx_response.flags
    public static final int NETRXF_data_validated = 1 << 0;
    public static final int NETRXF_csum_blank = 1 << 1;
    /** More fragments of this packet follow. */
    public static final int NETRXF_more_data = 1 << 2;
    /** Extra-info slots follow this response. */
    public static final int NETRXF_extra_info = 1 << 3;
    /** Deprecated: a GSO prefix slot. */
    public static final int NETRXF_gso_prefix = 1 << 4;

    // netif_tx_response.status / netif_rx_response.status
    public static final int NETIF_RSP_DROPPED = -2;
    public static final int NETIF_RSP_ERROR = -1;
    public static final int NETIF_RSP_OKAY = 0;
    /** The response to a slot that carried only extra info. */
    public static final int NETIF_RSP_NULL = 1;

    // netif_extra_info.type
    public static final int XEN_NETIF_EXTRA_TYPE_NONE = 0;
    public static final int XEN_NETIF_EXTRA_TYPE_GSO = 1;
    public static final int XEN_NETIF_EXTRA_TYPE_MCAST_ADD = 2;
    public static final int XEN_NETIF_EXTRA_TYPE_MCAST_DEL = 3;
    public static final int XEN_NETIF_EXTRA_TYPE_HASH = 4;
    public static final int XEN_NETIF_EXTRA_TYPE_MAX = 5;
    // netif_extra_info.flags
    /** Another extra-info slot follows this one. */
    public static final int XEN_NETIF_EXTRA_FLAG_MORE = 1 << 0;
    // netif_extra_info.u.gso.type
    public static final int XEN_NETIF_GSO_TYPE_NONE = 0;
    public static final int XEN_NETIF_GSO_TYPE_TCPV4 = 1;
    public static final int XEN_NETIF_GSO_TYPE_TCPV6 = 2;

    /** A tx slot: {@code union netif_tx_sring_entry} = max(12, 4). */
    public static final int TX_SLOT_SIZE = Math.max(NetifTxRequest.SIZE, NetifTxResponse.SIZE);
    /** An rx slot: {@code union netif_rx_sring_entry} = max(8, 8). */
    public static final int RX_SLOT_SIZE = Math.max(NetifRxRequest.SIZE, NetifRxResponse.SIZE);
    /** {@code __CONST_RING_SIZE(netif_tx, XEN_PAGE_SIZE)}: 256. */
    public static final int NET_TX_RING_SIZE = Sring.ringSize(Xen.XEN_PAGE_SIZE, TX_SLOT_SIZE);
    /** {@code __CONST_RING_SIZE(netif_rx, XEN_PAGE_SIZE)}: 256. */
    public static final int NET_RX_RING_SIZE = Sring.ringSize(Xen.XEN_PAGE_SIZE, RX_SLOT_SIZE);
}
