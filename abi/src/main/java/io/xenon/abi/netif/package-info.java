/**
 * The network device protocol of {@code xen/include/public/io/netif.h}: the tx and rx ring
 * structures ({@code netif_tx_request}, {@code netif_tx_response}, {@code netif_rx_request},
 * {@code netif_rx_response}, {@code netif_extra_info}) as byte offsets, the {@code NETTXF_*} and
 * {@code NETRXF_*} flags, the {@code NETIF_RSP_*} statuses and the ring sizes of one 4 KiB page.
 *
 * <p>Names are spelled as the header spells them, lower-case parts included
 * ({@code NETTXF_more_data}). Offsets are x86_64 and little-endian; each class quotes its C
 * struct above them. The control ring ({@code xen_netif_ctrl}) is not described yet.
 */
package io.xenon.abi.netif;
