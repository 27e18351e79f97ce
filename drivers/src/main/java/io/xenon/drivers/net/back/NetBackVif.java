package io.xenon.drivers.net.back;

import io.xenon.drivers.net.VifPort;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.port.Endpoint;
import io.xenon.network.port.PortRole;
import io.xenon.runtime.mm.Page;
import java.util.List;
import java.util.function.Consumer;

/**
 * The network interface {@code vif<domid>.<devid>} (or the vif's {@code vifname}) a vif back end
 * creates in Domain-0 (netback's {@code xenvif_alloc}): its queue towards the guest is the rx
 * stream's {@link NetBackRxQueue} while the device is connected, and frames the guest sends go to
 * its uplink, the port of the network its {@code bridge} key names. As a network
 * {@link Endpoint} it is a guest's access port of its {@code vlan}.
 *
 * <p>Thread-safe: frames arrive from other vifs' streams; the back end swaps the queue as it
 * connects and disconnects.
 */
final class NetBackVif implements VifPort, Endpoint {

    private final String name;
    private final int vlan;
    private final List<Ipv4Address> addresses;
    private final NetBackMetrics metrics;
    private volatile NetBackRxQueue queue;
    private volatile Consumer<List<byte[]>> uplink;

    NetBackVif(String name, int vlan, List<Ipv4Address> addresses, NetBackMetrics metrics) {
        this.name = name;
        this.vlan = vlan;
        this.addresses = List.copyOf(addresses);
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PortRole role() {
        return PortRole.GUEST;
    }

    @Override
    public int vlan() {
        return vlan;
    }

    @Override
    public List<Ipv4Address> addresses() {
        return addresses;
    }

    @Override
    public void toGuest(byte[] frame) {
        deliver(frame);
    }

    @Override
    public boolean deliver(byte[] frame) {
        NetBackRxQueue q = queue;
        if (frame.length > Page.SIZE) {
            metrics.dropped("too-big");
        } else if (q == null) {
            metrics.dropped("no-carrier");
        } else if (!q.offer(frame)) {
            metrics.dropped("queue-full");
        } else {
            return true;
        }
        return false;
    }

    @Override
    public void setUplink(Consumer<byte[]> fromGuest) {
        uplink = fromGuest == null ? null : frames -> frames.forEach(fromGuest);
    }

    /** Where the guest's frames go from now on, a transmit batch at a time (its network port). */
    void setBatchUplink(Consumer<List<byte[]>> fromGuest) {
        uplink = fromGuest;
    }

    /** A batch of frames the guest sent: on to the uplink, or dropped and counted if there is none. */
    void fromGuest(List<byte[]> frames) {
        Consumer<List<byte[]>> u = uplink;
        if (u == null) {
            frames.forEach(f -> metrics.dropped("no-uplink"));
        } else {
            u.accept(frames);
        }
    }

    /** The carrier: frames for the guest go into {@code q} from now on; {@code null} turns it off. */
    void carrier(NetBackRxQueue q) {
        NetBackRxQueue old = queue;
        queue = q;
        if (old != null && old != q) {
            old.complete();
        }
    }
}
