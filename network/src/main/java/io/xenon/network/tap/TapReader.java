package io.xenon.network.tap;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * The read side of a {@link TapFlow}: a thread of its own that blocks in
 * {@link FrameDevice#read} and offers each frame to the flow's bounded queue. A device has no
 * back-pressure (the host keeps sending), so a frame that finds the queue full is dropped and
 * counted, as a NIC drops what its full ring cannot take.
 *
 * <p>The thread stops when the device is closed, when the stream cancels the queue, or after
 * {@value #MAX_READ_ERRORS} read errors in a row (which fail the stream); on the way out it
 * closes the device and completes {@link #done()}.
 */
final class TapReader implements Runnable {

    /** Read errors in a row after which the device is taken to be broken. */
    static final int MAX_READ_ERRORS = 16;

    /** The pause after a read error, so a broken device does not spin a core. */
    private static final long ERROR_PAUSE_MILLIS = 10;

    private final FrameDevice device;
    private final BoundedSourceQueue<byte[]> queue;
    private final TapMetrics metrics;
    private final int maxFrame;
    private final CompletableFuture<Done> done = new CompletableFuture<>();

    TapReader(FrameDevice device, BoundedSourceQueue<byte[]> queue, TapMetrics metrics) {
        this.device = device;
        this.queue = queue;
        this.metrics = metrics;
        this.maxFrame = device.kind().maxFrame(device.mtu());
    }

    /** Starts the reading thread, named after the device. */
    TapReader start() {
        Thread thread = new Thread(this, "xenon-tap-" + device.name());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Completes once the device is closed and this reader has stopped; fails if it broke. */
    CompletableFuture<Done> done() {
        return done;
    }

    @Override
    public void run() {
        // One byte more than the largest frame accepted, so a longer frame shows as too long.
        byte[] buffer = new byte[Math.max(maxFrame + 1, 65_536 + 64)];
        int errors = 0;
        Throwable failure = null;
        try {
            while (true) {
                int n;
                try {
                    n = device.read(buffer);
                    errors = 0;
                } catch (IOException e) {
                    metrics.dropped(TapMetrics.READ_ERROR);
                    if (++errors >= MAX_READ_ERRORS) {
                        failure = e;
                        end(e);
                        return;
                    }
                    Thread.sleep(ERROR_PAUSE_MILLIS);
                    continue;
                }
                if (n < 0) {
                    end(null);
                    return;
                }
                // UNTRUSTED: the frame's length is whatever the host sent.
                if (n > maxFrame) {
                    metrics.dropped(TapMetrics.OVERSIZE);
                    continue;
                }
                QueueOfferResult result = queue.offer(Arrays.copyOf(buffer, n));
                if (result.isEnqueued()) {
                    metrics.in(n);
                } else if (result == QueueOfferResult.dropped()) {
                    metrics.dropped(TapMetrics.OVERRUN);
                } else {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(null);
        } catch (RuntimeException e) {
            failure = e;
            end(e);
        } finally {
            device.close();
            metrics.remove();
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(Done.getInstance());
            }
        }
    }

    /** Completes the queue, or fails it with {@code failure}, unless the stream already ended it. */
    private void end(Throwable failure) {
        if (queue.isCompleted()) {
            return;
        }
        try {
            if (failure == null) {
                queue.complete();
            } else {
                queue.fail(failure);
            }
        } catch (IllegalStateException alreadyEnded) {
            // The stream cancelled the queue between the check and the call: nothing to end.
        }
    }
}
