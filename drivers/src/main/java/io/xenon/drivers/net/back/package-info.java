/**
 * The vif back end (Linux netback, {@code drivers/net/xen-netback}): the XenBus handshake and
 * stream wiring ({@link io.xenon.drivers.net.back.NetBackend}), the transmit and receive data
 * paths ({@code NetBackTx}, {@code NetBackRx}), the Domain-0 interface each vif creates
 * ({@code NetBackVif}) and its metrics ({@code NetBackMetrics}).
 */
package io.xenon.drivers.net.back;
