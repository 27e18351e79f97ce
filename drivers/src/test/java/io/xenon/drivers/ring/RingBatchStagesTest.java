package io.xenon.drivers.ring;

import static io.xenon.drivers.ring.RingStagesTest.REQ;
import static io.xenon.drivers.ring.RingStagesTest.RSP;
import static io.xenon.drivers.ring.RingStagesTest.eventually;
import static io.xenon.drivers.ring.RingStagesTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.xenon.abi.netif.Netif;
import io.xenon.drivers.net.NetifTx;
import io.xenon.runtime.mm.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.testkit.TestPublisher;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.apache.pekko.stream.testkit.javadsl.TestSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RingBatchStagesTest {

    static ActorSystem system;

    final Page page = new Page();
    final FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
    final BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
    final RingEvents events = new RingEvents();

    @BeforeAll
    static void start() {
        system = ActorSystem.create("ring-batch-stages");
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    void publish(int from, int to) {
        for (int i = from; i < to; i++) {
            front.putRequest(REQ, req(i));
        }
        front.pushRequestsAndCheckNotify();
    }

    @Test
    void sourceEmitsWhatIsPublishedAsBatchesOfAtMostMaxThenWaitsForAKick() {
        publish(0, 5);
        TestSubscriber.Probe<List<NetifTx.Request>> out = RingBatchSource.requests(back, NetifTx.Request::decode, events, 3)
                .runWith(TestSink.create(system), system);
        out.request(3);
        out.expectNext(List.of(req(0), req(1), req(2)));
        out.expectNext(List.of(req(3), req(4)));
        out.expectNoMessage(Duration.ofMillis(200));
        publish(5, 7);
        events.kick();
        out.expectNext(List.of(req(5), req(6)));
    }

    @Test
    void sinkPublishesABatchWithOnePushAndOneNotification() throws Exception {
        publish(0, 4);
        for (int i = 0; i < 4; i++) {
            back.takeRequest(NetifTx.Request::decode);
        }
        front.finalCheckForResponses();
        AtomicInteger notified = new AtomicInteger();
        TestPublisher.Probe<List<NetifTx.Response>> in = TestSource.<List<NetifTx.Response>>create(system)
                .toMat(RingBatchSink.responses(back, RSP, notified::incrementAndGet, events), Keep.left())
                .run(system);
        in.sendNext(List.of(new NetifTx.Response(0, 0), new NetifTx.Response(1, 0), new NetifTx.Response(2, 0)));
        eventually("three responses are published", () -> front.unconsumedResponses() == 3);
        assertEquals(1, notified.get());
        in.sendNext(List.of(new NetifTx.Response(3, 0), new NetifTx.Response(4, 0)));
        eventually("the fourth response is published", () -> front.unconsumedResponses() == 4);
        publish(4, 5);
        back.takeRequest(NetifTx.Request::decode);
        events.kick();
        eventually("the fifth waits for its request, then goes", () -> front.unconsumedResponses() == 5);
    }

    @Test
    void flowHoldsItemsUntilRequestsArriveAndPairsThemInOrder() {
        var pair = TestSource.<List<String>>create(system)
                .via(RingBatchFlow.<String, NetifTx.Request, String>requests(back, NetifTx.Request::decode, events,
                        (items, reqs) -> {
                            List<String> r = new ArrayList<>();
                            for (int i = 0; i < items.size(); i++) {
                                r.add(items.get(i) + reqs.get(i).id());
                            }
                            return r;
                        }))
                .toMat(TestSink.create(system), Keep.both())
                .run(system);
        TestPublisher.Probe<List<String>> in = pair.first();
        TestSubscriber.Probe<List<String>> out = pair.second();
        out.request(10);
        in.sendNext(List.of("a", "b", "c"));
        out.expectNoMessage(Duration.ofMillis(200));
        publish(0, 2);
        events.kick();
        out.expectNext(List.of("a0", "b1"));
        publish(2, 4);
        events.kick();
        out.expectNext(List.of("c2"));
        in.sendNext(List.of("d", "e"));
        out.expectNext(List.of("d3"));
        out.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aBrokenRingFailsTheBatchSource() {
        page.putIntRelease(io.xenon.abi.ring.Sring.OFF_req_prod, 1000);
        TestSubscriber.Probe<List<NetifTx.Request>> out = RingBatchSource.requests(back, NetifTx.Request::decode, events, 8)
                .runWith(TestSink.create(system), system);
        out.request(1);
        assertInstanceOf(BrokenRingException.class, out.expectError());
    }
}
