package io.xenon.network.tap;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A TAP or TUN device as a Pekko Streams flow, the shape a network's uplink has: each element
 * that comes in is one frame written to the device, each element that goes out is one frame
 * read from it. Plug it in with {@code via}, or close a loop with {@code join}:
 *
 * <pre>{@code
 * LinuxTun tap = LinuxTun.open("xtap0", DeviceKind.TAP);
 * CompletionStage<Done> closed = networkSide.join(TapFlow.create(tap)).run(system);
 * }</pre>
 *
 * <p>Reads run on a thread of their own ({@link TapReader}) into a queue of
 * {@code bufferFrames}; frames that find it full, frames longer than the MTU plus the link
 * header, and failed reads and writes are dropped and counted ({@link TapMetrics}). Writes run
 * on the stream's thread: a TAP's descriptor is non-blocking and an in-memory one never blocks.
 *
 * <p>The two sides end together: when the upstream completes or fails, or the downstream
 * cancels, or the device is closed from outside, the device is closed and the flow completes.
 * The materialized stage completes once the device is closed and the reader has stopped, and
 * fails if the device broke (too many read errors in a row). A flow may be materialized once.
 */
public final class TapFlow {

    /** The frames the read side holds for a slow downstream before it drops. */
    public static final int DEFAULT_BUFFER_FRAMES = 256;

    private TapFlow() {
    }

    /** A flow over {@code device} with {@link #DEFAULT_BUFFER_FRAMES}. */
    public static Flow<byte[], byte[], CompletionStage<Done>> create(FrameDevice device) {
        return create(device, DEFAULT_BUFFER_FRAMES);
    }

    /** A flow over {@code device} whose read side holds at most {@code bufferFrames} frames. */
    public static Flow<byte[], byte[], CompletionStage<Done>> create(FrameDevice device, int bufferFrames) {
        if (bufferFrames < 1) {
            throw new IllegalArgumentException("bufferFrames must be positive: " + bufferFrames);
        }
        TapMetrics metrics = new TapMetrics(device.name(), device.kind());
        int maxFrame = device.kind().maxFrame(device.mtu());
        AtomicBoolean materialized = new AtomicBoolean();

        Sink<byte[], CompletionStage<Done>> toDevice = Sink.foreach(frame -> write(device, metrics, maxFrame, frame));
        Source<byte[], CompletionStage<Done>> fromDevice = Source.<byte[]>queue(bufferFrames)
                .watchTermination(Keep.both())
                .mapMaterializedValue(pair -> {
                    if (!materialized.compareAndSet(false, true)) {
                        throw new IllegalStateException("the flow over " + device + " was already materialized");
                    }
                    pair.second().whenComplete((d, e) -> device.close());
                    return new TapReader(device, pair.first(), metrics).start().done();
                });
        return Flow.fromSinkAndSourceCoupledMat(toDevice, fromDevice, (written, closed) -> {
            written.whenComplete((d, e) -> device.close());
            return closed;
        });
    }

    private static void write(FrameDevice device, TapMetrics metrics, int maxFrame, byte[] frame) {
        if (frame.length > maxFrame) {
            metrics.dropped(TapMetrics.OVERSIZE);
            return;
        }
        try {
            device.write(frame, 0, frame.length);
            metrics.out(frame.length);
        } catch (IOException e) {
            if (!device.isClosed()) {
                metrics.dropped(TapMetrics.WRITE_ERROR);
            }
        }
    }
}
