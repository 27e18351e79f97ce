/**
 * The network split driver ({@code xen/include/public/io/netif.h}): for now the codecs that move
 * tx and rx requests and responses in and out of ring slots at Xen's byte offsets.
 */
package io.xenon.drivers.net;
