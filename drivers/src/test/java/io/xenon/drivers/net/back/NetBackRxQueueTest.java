package io.xenon.drivers.net.back;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetBackRxQueueTest {

    static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("rx-queue");
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void refusesFramesPastItsBoundAndHandsOnWhatIsQueuedAsOneBatch() {
        NetBackRxQueue queue = new NetBackRxQueue(2);
        byte[] a = {1};
        byte[] b = {2};
        assertTrue(queue.offer(a));
        assertTrue(queue.offer(b));
        assertFalse(queue.offer(new byte[] {3}));
        TestSubscriber.Probe<List<byte[]>> out = queue.source().runWith(TestSink.create(system), system);
        out.request(2);
        assertEquals(List.of(a, b), out.expectNext());
        out.expectNoMessage(Duration.ofMillis(200));
        byte[] c = {4};
        assertTrue(queue.offer(c));
        assertEquals(List.of(c), out.expectNext());
    }

    @Test
    void completingEndsTheStreamAndRefusesLaterFrames() {
        NetBackRxQueue queue = new NetBackRxQueue(4);
        TestSubscriber.Probe<List<byte[]>> out = queue.source().runWith(TestSink.create(system), system);
        out.request(1);
        out.expectNoMessage(Duration.ofMillis(100));
        queue.complete();
        out.expectComplete();
        assertFalse(queue.offer(new byte[] {1}));
    }
}
