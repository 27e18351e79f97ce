package io.xenon.drivers.net.back;

import io.xenon.drivers.net.VifPort;
import io.xenon.runtime.mm.Page;
import java.util.function.Consumer;

/**
 * The network interface {@code vif<domid>.<devid>} a vif back end creates in Domain-0 (netback's
 * {@code xenvif_alloc}): its queue towards the guest is the rx stream's {@link NetBackRxQueue}
 * while the device is connected, and frames the guest sends go to its uplink.
 *
 * <p>Thread-safe: frames arrive from other vifs' streams; the back end swaps the queue as it
 * connects and disconnects.
 */
final class NetBackVif implements VifPort {

    private final String name;
    private final NetBackMetrics metrics;
    private volatile NetBackRxQueue queue;
    private volatile Consumer<byte[]> uplink;

    NetBackVif(String name, NetBackMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void toGuest(byte[] frame) {
        NetBackRxQueue q = queue;
        if (frame.length > Page.SIZE) {
            metrics.dropped("too-big");
        } else if (q == null) {
            metrics.dropped("no-carrier");
        } else if (!q.offer(frame)) {
            metrics.dropped("queue-full");
        }
    }

    @Override
    public void setUplink(Consumer<byte[]> fromGuest) {
        uplink = fromGuest;
    }

    /** A frame the guest sent: on to the uplink, or dropped and counted if there is none. */
    void fromGuest(byte[] frame) {
        Consumer<byte[]> u = uplink;
        if (u == null) {
            metrics.dropped("no-uplink");
        } else {
            u.accept(frame);
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
