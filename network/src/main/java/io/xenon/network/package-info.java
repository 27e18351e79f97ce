/**
 * Domain-0's networks: the {@link io.xenon.network.NetworkMode modes} a host declares in
 * {@code xenon.networks}, each a Pekko Streams graph ({@link io.xenon.network.Network}) whose ports
 * vifs and uplinks plug into, and the {@link io.xenon.network.Networks} registry back ends use.
 */
package io.xenon.network;
