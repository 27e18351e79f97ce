package io.xenon.network.port;

import io.xenon.network.packet.Ipv4Address;
import java.util.List;

/**
 * What plugs into a network port: a vif (netback's {@code vif<domid>.<devid>}), a TAP or TUN
 * uplink, or Domain-0's gateway. The network hands it frames; it sends frames in through the
 * {@link PortHandle} that attaching returns.
 */
public interface Endpoint {

    /** The port's name: the interface name ({@code vif3.0}, {@code xentap0}). */
    String name();

    /** Which side of the network it is on. */
    PortRole role();

    /** Its VLAN (1 to 4094; 0 for none), from the vif's {@code vlan} key: an access port. */
    default int vlan() {
        return 0;
    }

    /**
     * The vif's IPv4 addresses, from its {@code ip} key (libxl's backend {@code ip} node: addresses
     * separated by spaces); empty for none, and for an uplink or the gateway. A route network
     * routes a /32 to the vif for each and lets it send from no other ({@code vif-route}).
     */
    default List<Ipv4Address> addresses() {
        return List.of();
    }

    /**
     * Takes one Ethernet frame from the network without blocking. The endpoint's queue is
     * bounded: a frame that finds it full is refused.
     *
     * @return false if the frame was refused (the network counts it as a drop at this port)
     */
    boolean deliver(byte[] frame);
}
