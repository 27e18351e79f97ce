/**
 * The network split driver ({@code xen/include/public/io/netif.h}): the codecs that move tx and
 * rx requests and responses in and out of ring slots at Xen's byte offsets
 * ({@link io.xenon.drivers.net.NetifTx}, {@link io.xenon.drivers.net.NetifRx}), and the host
 * side of a vif ({@link io.xenon.drivers.net.VifPort}, {@link io.xenon.drivers.net.Vifs}). The
 * back end is in {@code back}, the guest's front end in {@code front}.
 */
package io.xenon.drivers.net;
