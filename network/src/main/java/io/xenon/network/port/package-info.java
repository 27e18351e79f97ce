/**
 * Network ports: what plugs in ({@link io.xenon.network.port.Endpoint}: a vif, an uplink,
 * Domain-0's gateway), its handle for sending, and its metrics.
 */
package io.xenon.network.port;
