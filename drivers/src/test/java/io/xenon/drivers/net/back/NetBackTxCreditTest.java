package io.xenon.drivers.net.back;

import static io.xenon.abi.netif.Netif.NETTXF_more_data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.drivers.net.NetifTx;
import io.xenon.network.port.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class NetBackTxCreditTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static NetBackTxCredit credit(long bytes, String vif) {
        return new NetBackTxCredit(new RateLimit(bytes, 50 * MS, System.nanoTime()), KIT.system().scheduler(),
                KIT.system().executionContext(), new NetBackMetrics(7, vif));
    }

    private static List<NetifTx.Request> packets(int n, int size) {
        List<NetifTx.Request> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new NetifTx.Request(i, 0, 0, i, size));
        }
        return l;
    }

    @Test
    void aBatchWithinTheCreditGoesAtOnce() throws Exception {
        List<NetifTx.Request> batch = packets(4, 250);
        assertEquals(batch, credit(1000, "vif7.0").admit(batch).toCompletableFuture().get(1, TimeUnit.SECONDS));
    }

    @Test
    void aBatchBeyondTheCreditWaitsForTheIntervalsItNeedsAndCountsTheDelays() throws Exception {
        long t0 = System.nanoTime();
        credit(1000, "vif7.1").admit(packets(5, 500)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long took = System.nanoTime() - t0;
        assertTrue(took >= 90 * MS, "2,500 bytes at 1,000 per 50 ms take two more intervals, took " + took / MS + " ms");
        TagSet tags = TagSet.of("domid", "7").withTag("vif", "vif7.1");
        assertEquals(2, ((Counter.LongAdder) Kamon.counter("xenon.netback.rate.delays").withTags(tags)).snapshot(false));
    }

    @Test
    void onlyAPacketsFirstSlotIsCharged() throws Exception {
        // One 1,000-byte packet in three slots: its first request carries the whole length.
        List<NetifTx.Request> chain = List.of(new NetifTx.Request(1, 0, NETTXF_more_data, 1, 1000),
                new NetifTx.Request(2, 0, NETTXF_more_data, 2, 400), new NetifTx.Request(3, 0, 0, 3, 300));
        credit(1000, "vif7.2").admit(chain).toCompletableFuture().get(5, TimeUnit.SECONDS);
        TagSet tags = TagSet.of("domid", "7").withTag("vif", "vif7.2");
        assertEquals(0, ((Counter.LongAdder) Kamon.counter("xenon.netback.rate.delays").withTags(tags)).snapshot(false),
                "the chain fits one interval's credit");
    }
}
