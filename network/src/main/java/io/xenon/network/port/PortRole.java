package io.xenon.network.port;

/** Which side of a network a port is on: a guest's vif, or the host's side (an uplink, Domain-0's gateway). */
public enum PortRole {

    /** A vif: one guest's network interface. */
    GUEST,
    /**
     * The host's side: a TAP or TUN uplink, or Domain-0's own interface on the network. Such a
     * port is a VLAN trunk: tagged frames keep their tag.
     */
    HOST
}
