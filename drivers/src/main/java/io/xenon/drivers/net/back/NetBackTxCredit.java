package io.xenon.drivers.net.back;

import io.xenon.drivers.net.NetifTx;
import io.xenon.network.port.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Scheduler;
import scala.concurrent.ExecutionContextExecutor;

/**
 * A vif's {@code rate=} on its transmit path, where Linux netback checks it
 * ({@code tx_credit_exceeded} in {@code xenvif_tx_build_gops}): each packet's size is charged to
 * the vif's {@link RateLimit} as it leaves the ring, and a packet the credit does not cover waits
 * for the next interval, holding the rest of the ring, so the guest's transmit backs up rather
 * than losing frames.
 *
 * <p>Confined to the vif's tx stream: one batch is admitted at a time (the stream's
 * {@code mapAsync(1)}), and a timer's continuation runs after the one that set it.
 */
final class NetBackTxCredit {

    private final RateLimit rate;
    private final Scheduler scheduler;
    private final ExecutionContextExecutor executor;
    private final NetBackMetrics metrics;
    private final NetBackTxChain chain = new NetBackTxChain();

    NetBackTxCredit(RateLimit rate, Scheduler scheduler, ExecutionContextExecutor executor, NetBackMetrics metrics) {
        this.rate = rate;
        this.scheduler = scheduler;
        this.executor = executor;
        this.metrics = metrics;
    }

    /** Completes with {@code batch} once the credit covers every packet that starts in it. */
    CompletionStage<List<NetifTx.Request>> admit(List<NetifTx.Request> batch) {
        CompletableFuture<List<NetifTx.Request>> done = new CompletableFuture<>();
        admit(batch, heads(batch), 0, done);
        return done;
    }

    private void admit(List<NetifTx.Request> batch, int[] sizes, int from, CompletableFuture<List<NetifTx.Request>> done) {
        long now = System.nanoTime();
        for (int i = from; i < sizes.length; i++) {
            long wait = rate.delay(sizes[i], now);
            if (wait > 0) {
                metrics.rateDelayed(wait);
                int at = i;
                scheduler.scheduleOnce(Duration.ofNanos(wait), () -> admit(batch, sizes, at, done), executor);
                return;
            }
        }
        done.complete(batch);
    }

    /**
     * The size of each packet that starts in {@code batch}: a packet's first request carries its
     * whole length; continuations ({@code NETTXF_more_data}) and extra-info slots add nothing.
     */
    private int[] heads(List<NetifTx.Request> batch) {
        int[] sizes = new int[batch.size()];
        int n = 0;
        for (NetifTx.Request r : batch) {
            if (chain.next(r) == NetBackTxChain.Kind.FIRST) {
                sizes[n++] = r.size();
            }
        }
        return java.util.Arrays.copyOf(sizes, n);
    }
}
