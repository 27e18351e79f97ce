package io.xenon.network.fabric;

import io.xenon.network.NetworkMetrics;
import io.xenon.network.packet.EthernetPeek;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.port.Port;
import io.xenon.network.port.PortRole;
import java.util.ArrayList;
import java.util.List;

/**
 * A learning Ethernet switch, as a Linux bridge forwards: it learns each frame's source address
 * on the port it came in on, sends a frame for a known unicast address to that port only, and
 * floods broadcast, multicast and unknown destinations to every other port of the same VLAN.
 *
 * <p>VLANs: a guest's port is an access port of its vif's {@code vlan} (0 for none); a host-side
 * port is a trunk, where frames of a VLAN carry its 802.1Q tag. A tagged frame from a guest is
 * dropped, as an access port of Open vSwitch drops it.
 *
 * <p>Isolated, it is a private VLAN: guests' frames reach only host-side ports, and a frame
 * from one guest towards another is dropped and counted at the port it would have reached.
 *
 * <p>Confined to its network's stream.
 */
public final class LearningSwitch implements Fabric {

    private final NetworkMetrics metrics;
    private final MacTable table;
    private final boolean isolated;
    private final List<Port> ports = new ArrayList<>();

    /**
     * @param ageingNanos  how long an address stays learned without being seen
     * @param capacity     addresses learned at most
     * @param isolated     whether guests are kept from each other
     */
    public LearningSwitch(NetworkMetrics metrics, long ageingNanos, int capacity, boolean isolated) {
        this.metrics = metrics;
        this.table = new MacTable(ageingNanos, capacity, metrics);
        this.isolated = isolated;
    }

    @Override
    public void attached(Port port) {
        ports.add(port);
    }

    @Override
    public void detached(Port port) {
        ports.remove(port);
        table.forget(port);
    }

    @Override
    public void forward(Port from, byte[] frame, long now) {
        // UNTRUSTED: every byte is the sender's.
        int tag = EthernetPeek.vlanId(frame, 0, frame.length);
        if (tag < 0) {
            from.metrics().dropped("runt");
            return;
        }
        int vlan;
        byte[] untagged;
        if (EthernetPeek.tagged(frame, 0, frame.length)) {
            if (from.role() == PortRole.GUEST) {
                from.metrics().dropped("tagged-from-guest");
                return;
            }
            vlan = tag;
            untagged = VlanTagging.untag(frame);
        } else {
            vlan = from.role() == PortRole.GUEST ? from.endpoint().vlan() : 0;
            untagged = frame;
        }
        long src = EthernetPeek.src(untagged, 0, untagged.length);
        if (MacAddress.isMulticast(src)) {
            from.metrics().dropped("group-source");
            return;
        }
        if (!table.learn(vlan, src, from, now)) {
            metrics.dropped("mac-table-full");
        }
        long dst = EthernetPeek.dst(untagged, 0, untagged.length);
        Port to = MacAddress.isMulticast(dst) ? null : table.lookup(vlan, dst, now);
        if (to == from) {
            metrics.filtered();
        } else if (to != null) {
            metrics.forwarded();
            send(from, to, vlan, untagged);
        } else {
            metrics.flooded();
            for (Port p : ports) {
                if (p != from && (p.role() == PortRole.HOST || p.endpoint().vlan() == vlan)) {
                    send(from, p, vlan, untagged);
                }
            }
        }
    }

    private void send(Port from, Port to, int vlan, byte[] untagged) {
        if (isolated && from.role() == PortRole.GUEST && to.role() == PortRole.GUEST) {
            to.metrics().dropped("isolated");
        } else if (to.role() == PortRole.HOST && vlan != 0) {
            to.output(VlanTagging.tag(untagged, vlan));
        } else {
            to.output(untagged);
        }
    }
}
