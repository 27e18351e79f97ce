/**
 * How networks move frames between their ports: {@link io.xenon.network.fabric.Fabric} and its
 * strategies: the learning switch of bridge, nat, host-only and isolated networks, and the route
 * fabric of route networks, which keeps each vif on a link of its own to Domain-0's router.
 */
package io.xenon.network.fabric;
