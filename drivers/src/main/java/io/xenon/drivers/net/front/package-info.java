/**
 * The vif front end a guest runs (Linux netfront, {@code drivers/net/xen-netfront.c}): its XenBus
 * handshake and its tx and rx rings ({@link io.xenon.drivers.net.front.NetFront}).
 */
package io.xenon.drivers.net.front;
