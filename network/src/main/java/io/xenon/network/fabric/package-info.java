/**
 * How networks move frames between their ports: {@link io.xenon.network.fabric.Fabric} and its
 * strategies, starting with the learning switch of bridge, host-only and isolated networks.
 */
package io.xenon.network.fabric;
