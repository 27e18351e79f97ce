package io.xenon.network;

import io.xenon.network.port.Endpoint;
import io.xenon.network.port.PortHandle;
import io.xenon.network.port.PortRole;
import io.xenon.network.tap.FrameDevice;
import io.xenon.network.tap.TapFlow;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A TAP device as a network's host-side port, as Domain-0 adds a physical interface to a Xen
 * bridge: frames the network floods or forwards to it are written to the device, frames read from
 * it enter the network. It is a trunk ({@link PortRole#HOST}): frames of a VLAN keep their tag.
 *
 * <pre>
 *   network port --deliver--&gt; queue(n) --&gt; TapFlow(device) --&gt; PortHandle.send --&gt; network
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class Uplink implements Endpoint {

    private final FrameDevice device;
    private final int queueFrames;
    private volatile BoundedSourceQueue<byte[]> toDevice;
    private volatile PortHandle port;

    private Uplink(FrameDevice device, int queueFrames) {
        this.device = device;
        this.queueFrames = queueFrames;
    }

    /**
     * Plugs {@code device} into {@code network}; the device is closed when the uplink stops or
     * the device fails.
     */
    public static CompletionStage<Uplink> start(Network network, FrameDevice device, Materializer materializer) {
        Uplink u = new Uplink(device, network.spec().portQueue());
        return network.attach(u).thenApply(handle -> {
            u.port = handle;
            u.toDevice = Source.<byte[]>queue(u.queueFrames)
                    .via(TapFlow.create(device, u.queueFrames))
                    .to(Sink.foreach(handle::send))
                    .run(materializer);
            return u;
        });
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public PortRole role() {
        return PortRole.HOST;
    }

    @Override
    public boolean deliver(byte[] frame) {
        BoundedSourceQueue<byte[]> q = toDevice;
        return q != null && q.offer(frame).isEnqueued();
    }

    /** Leaves the network and closes the device. */
    public void stop() {
        PortHandle p = port;
        if (p != null) {
            p.detach();
        }
        BoundedSourceQueue<byte[]> q = toDevice;
        if (q != null) {
            q.complete();
        }
        device.close();
    }
}
