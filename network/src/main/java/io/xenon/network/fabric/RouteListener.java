package io.xenon.network.fabric;

import io.xenon.network.packet.Ipv4Address;
import java.util.List;

/**
 * A host-side endpoint of a route network told which addresses are routed to which vif: Domain-0's
 * router, whose table holds what {@code vif-route}'s {@code ip route add <ip>/32 dev vifX.Y} adds.
 *
 * <p>The {@link RouteFabric} calls it from the network's stream, before any frame of the vif, and
 * after the vif's last: it must not block.
 */
public interface RouteListener {

    /** {@code addresses} now route to the vif on port {@code port}. */
    void routed(String port, List<Ipv4Address> addresses);

    /** {@code addresses} no longer route to the vif on port {@code port}: it left. */
    void unrouted(String port, List<Ipv4Address> addresses);
}
