package io.xenon.drivers.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.netif.Netif;
import io.xenon.abi.ring.Sring;
import io.xenon.drivers.net.NetifTx;
import io.xenon.runtime.mm.Page;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.testkit.TestPublisher;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.apache.pekko.stream.testkit.javadsl.TestSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RingStagesTest {

    static final SlotEncoder<NetifTx.Request> REQ = (p, o, r) -> r.encode(p, o);
    static final SlotEncoder<NetifTx.Response> RSP = (p, o, r) -> r.encode(p, o);
    static final Duration QUIET = Duration.ofMillis(200);

    static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("ring-stages");
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static NetifTx.Request req(int id) {
        return new NetifTx.Request(id, 0, 0, id & 0xFFFF, 60);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void sourceEmitsOnDemandThenWaitsForAKick() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        RingEvents events = new RingEvents();
        for (int i = 0; i < 3; i++) {
            front.putRequest(REQ, req(i));
        }
        front.pushRequestsAndCheckNotify();

        TestSubscriber.Probe<NetifTx.Request> out =
                RingSource.requests(back, NetifTx.Request::decode, events).runWith(TestSink.create(system), system);
        out.request(2);
        out.expectNext(req(0), req(1));
        out.expectNoMessage(QUIET);
        assertEquals(2, back.reqCons(), "nothing is consumed without demand");
        out.request(5);
        out.expectNext(req(2));
        out.expectNoMessage(QUIET);
        assertEquals(4, page.getIntAcquire(Sring.OFF_req_event), "final check armed req_event = req_cons + 1");

        front.putRequest(REQ, req(3));
        assertTrue(front.pushRequestsAndCheckNotify(), "the idle back end asked to be notified");
        out.expectNoMessage(QUIET);
        events.kick();
        out.expectNext(req(3));
        front.putRequest(REQ, req(4));
        front.pushRequestsAndCheckNotify();
        events.kick();
        out.expectNext(req(4));
        out.cancel();
    }

    @Test
    void sinkBackPressuresUntilAResponseSlotIsFreeAndNotifiesOnlyWhenAsked() throws Exception {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        RingEvents events = new RingEvents();
        AtomicInteger notified = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            front.putRequest(REQ, req(i));
        }
        front.pushRequestsAndCheckNotify();
        back.takeRequest(NetifTx.Request::decode);
        back.takeRequest(NetifTx.Request::decode);

        var pair = TestSource.<NetifTx.Response>create(system)
                .toMat(RingSink.responses(back, RSP, notified::incrementAndGet, events), Keep.both())
                .run(system);
        TestPublisher.Probe<NetifTx.Response> in = pair.first();
        CompletionStage<Done> done = pair.second();
        in.sendNext(new NetifTx.Response(0, 0));
        in.sendNext(new NetifTx.Response(1, 0));
        in.sendNext(new NetifTx.Response(2, 0));
        eventually("two responses are published", () -> page.getIntAcquire(Sring.OFF_rsp_prod) == 2);
        eventually("rsp_event 1 in (0,1] notified the front end", () -> notified.get() == 1);
        Thread.sleep(QUIET.toMillis());
        assertEquals(2, page.getIntAcquire(Sring.OFF_rsp_prod), "no slot for the third response yet");
        assertEquals(1, notified.get(), "the second push was held off: rsp_event 1 not in (1,2]");
        in.sendComplete();
        Thread.sleep(QUIET.toMillis());
        assertFalse(done.toCompletableFuture().isDone(), "the parked response is not yet written");

        assertEquals(2, front.unconsumedResponses());
        front.takeResponse(NetifTx.Response::decode);
        front.takeResponse(NetifTx.Response::decode);
        assertFalse(front.finalCheckForResponses(), "front goes idle, asks for rsp_event = 3");
        back.takeRequest(NetifTx.Request::decode);
        events.kick();
        eventually("the third response is published", () -> page.getIntAcquire(Sring.OFF_rsp_prod) == 3);
        eventually("the idle front end is notified", () -> notified.get() == 2);
        assertEquals(new NetifTx.Response(2, 0), front.takeResponse(NetifTx.Response::decode));
        done.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void maliciousRequestProducerFailsOnlyItsStream() throws Exception {
        Page page = new Page();
        FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        RingEvents events = new RingEvents();
        TestSubscriber.Probe<NetifTx.Request> out =
                RingSource.requests(back, NetifTx.Request::decode, events).runWith(TestSink.create(system), system);
        out.request(1);
        out.expectNoMessage(QUIET);
        page.putInt(Sring.OFF_req_prod, 1000);
        events.kick();
        assertInstanceOf(BrokenRingException.class, out.expectError());
        assertTrue(back.broken());
    }

    @Test
    void aBackEndBreakingTheRingFailsBothFrontStreams() throws Exception {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        RingEvents events = new RingEvents();
        CompletionStage<Done> requests = Source.range(0, 299).map(RingStagesTest::req)
                .runWith(RingSink.requests(front, REQ, () -> { }, events), system);
        TestSubscriber.Probe<NetifTx.Response> responses =
                RingSource.responses(front, NetifTx.Response::decode, events).runWith(TestSink.create(system), system);
        responses.request(1);
        eventually("the front end fills its ring", () -> front.full());
        responses.expectNoMessage(QUIET);

        page.putIntRelease(Sring.OFF_rsp_prod, 257);
        events.kick();
        assertInstanceOf(BrokenRingException.class, responses.expectError());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> requests.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(BrokenRingException.class, e.getCause(), "the parked request sink sees the ring broken");
        assertTrue(front.broken());
    }

    @Test
    void aStalledPeerStallsOnlyItsOwnRing() throws Exception {
        Page stalledPage = new Page();
        FrontRing.init(new SharedRing(stalledPage, Netif.TX_SLOT_SIZE));
        BackRing stalled = BackRing.init(new SharedRing(stalledPage, Netif.TX_SLOT_SIZE));
        TestSubscriber.Probe<NetifTx.Request> stuck =
                RingSource.requests(stalled, NetifTx.Request::decode, new RingEvents()).runWith(TestSink.create(system), system);
        stuck.request(1);

        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        for (int i = 0; i < 100; i++) {
            front.putRequest(REQ, req(i));
        }
        front.pushRequestsAndCheckNotify();
        List<NetifTx.Request> got = RingSource.requests(back, NetifTx.Request::decode, new RingEvents())
                .take(100).runWith(Sink.seq(), system).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(100, got.size());
        stuck.expectNoMessage(Duration.ofMillis(50));
        stuck.cancel();
    }

    @Test
    void frontAndBackStreamsOnTheirOwnThreadsExchangeEveryRequest() throws Exception {
        int n = 20_000;
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        RingEvents frontEvents = new RingEvents();
        RingEvents backEvents = new RingEvents();

        CompletionStage<Done> backDone = RingSource.requests(back, NetifTx.Request::decode, backEvents)
                .take(n)
                .map(r -> new NetifTx.Response(r.id(), r.gref() % 2 == 0 ? Netif.NETIF_RSP_OKAY : Netif.NETIF_RSP_ERROR))
                .async()
                .runWith(RingSink.responses(back, RSP, frontEvents::kick, backEvents), system);
        CompletionStage<Integer> answered = RingSource.responses(front, NetifTx.Response::decode, frontEvents)
                .take(n)
                .runWith(Sink.fold(0, (i, rsp) -> {
                    assertEquals(i & 0xFFFF, rsp.id(), "responses come back in request order");
                    assertEquals(i % 2 == 0 ? 0 : -1, rsp.status());
                    return i + 1;
                }), system);
        CompletionStage<Done> frontDone = Source.range(0, n - 1).map(RingStagesTest::req)
                .runWith(RingSink.requests(front, REQ, backEvents::kick, frontEvents), system);

        int count;
        try {
            count = answered.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(String.format("stuck: req_prod %d req_event %d rsp_prod %d rsp_event %d; "
                    + "front pvt %d cons %d broken %b; back cons %d pvt %d broken %b; frontDone %s backDone %s",
                    page.getIntVolatile(0), page.getIntVolatile(4), page.getIntVolatile(8), page.getIntVolatile(12),
                    front.reqProdPvt(), front.rspCons(), front.broken(), back.reqCons(), back.rspProdPvt(), back.broken(),
                    frontDone.toCompletableFuture(), backDone.toCompletableFuture()));
        }
        assertEquals(n, count);
        frontDone.toCompletableFuture().get(5, TimeUnit.SECONDS);
        backDone.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(n, page.getInt(Sring.OFF_rsp_prod));
        assertFalse(front.broken() || back.broken());
    }
}
