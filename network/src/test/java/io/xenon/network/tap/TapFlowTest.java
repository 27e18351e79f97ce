package io.xenon.network.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import kamon.Kamon;
import kamon.metric.Counter;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.testkit.TestPublisher;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.apache.pekko.stream.testkit.javadsl.TestSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TapFlowTest {

    static final Duration WAIT = Duration.ofSeconds(3);
    static final AtomicInteger NAMES = new AtomicInteger();

    static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("tap-flow");
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The flow under test with a probe on each side. */
    record Run(FrameDevice device, TestPublisher.Probe<byte[]> in, CompletionStage<Done> closed,
            TestSubscriber.Probe<byte[]> out) {
    }

    static Run run(FrameDevice device, int bufferFrames) {
        Pair<Pair<TestPublisher.Probe<byte[]>, CompletionStage<Done>>, TestSubscriber.Probe<byte[]>> m =
                TestSource.<byte[]>create(system)
                        .viaMat(TapFlow.create(device, bufferFrames), Keep.both())
                        .toMat(TestSink.create(system), Keep.both())
                        .run(system);
        return new Run(device, m.first().first(), m.first().second(), m.second());
    }

    static MemoryTap.Pair pair(int mtu) {
        return MemoryTap.pair("mt" + NAMES.incrementAndGet(), DeviceKind.TAP, mtu, 64);
    }

    static long count(String metric, FrameDevice device, String tag, String value) {
        return ((Counter.LongAdder) Kamon.counter(metric)
                .withTags(TapMetrics.tags(device.name(), device.kind()).withTag(tag, value))).snapshot(false);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    static byte[] frame(int length, int fill) {
        byte[] frame = new byte[length];
        Arrays.fill(frame, (byte) fill);
        return frame;
    }

    @Test
    void elementsThatComeInAreWrittenToTheDevice() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(link.device(), 8);
        run.in().sendNext(frame(60, 1));
        run.in().sendNext(frame(64, 2));
        assertArrayEquals(frame(60, 1), link.host().receive(WAIT));
        assertArrayEquals(frame(64, 2), link.host().receive(WAIT));
        eventually("two frames out are counted",
                () -> count(TapMetrics.FRAMES_METRIC, link.device(), "direction", "out") == 2);
        assertEquals(124, count(TapMetrics.BYTES_METRIC, link.device(), "direction", "out"));
        run.in().sendComplete();
    }

    @Test
    void framesReadFromTheDeviceGoOut() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(link.device(), 8);
        link.host().send(frame(60, 7));
        run.out().request(1);
        assertArrayEquals(frame(60, 7), run.out().expectNext(WAIT));
        eventually("one frame in is counted",
                () -> count(TapMetrics.FRAMES_METRIC, link.device(), "direction", "in") == 1);
        assertEquals(60, count(TapMetrics.BYTES_METRIC, link.device(), "direction", "in"));
        run.in().sendComplete();
    }

    @Test
    void aSlowDownstreamKeepsTheBufferAndDropsTheRestAsOverruns() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(link.device(), 2);
        for (int i = 0; i < 5; i++) {
            link.host().send(frame(60, i));
        }
        eventually("the reader took all five frames", () -> link.device().queued() == 0);
        eventually("three overruns are counted",
                () -> count(TapMetrics.DROPS_METRIC, link.device(), "reason", TapMetrics.OVERRUN) == 3);
        run.out().request(5);
        assertArrayEquals(frame(60, 0), run.out().expectNext(WAIT));
        assertArrayEquals(frame(60, 1), run.out().expectNext(WAIT));
        run.out().expectNoMessage(Duration.ofMillis(200));
        assertEquals(2, count(TapMetrics.FRAMES_METRIC, link.device(), "direction", "in"));
        run.in().sendComplete();
    }

    @Test
    void framesLongerThanTheMtuPlusHeaderAreDroppedBothWays() throws Exception {
        MemoryTap.Pair link = pair(100);
        Run run = run(link.device(), 8);
        link.host().send(frame(119, 1));
        link.host().send(frame(118, 2));
        run.out().request(2);
        assertArrayEquals(frame(118, 2), run.out().expectNext(WAIT));
        run.in().sendNext(frame(200, 3));
        run.in().sendNext(frame(60, 4));
        assertArrayEquals(frame(60, 4), link.host().receive(WAIT));
        eventually("both oversized frames are counted",
                () -> count(TapMetrics.DROPS_METRIC, link.device(), "reason", TapMetrics.OVERSIZE) == 2);
        run.in().sendComplete();
    }

    @Test
    void aReadErrorIsCountedAndTheFlowGoesOn() throws Exception {
        MemoryTap.Pair link = pair(1500);
        FailingReads device = new FailingReads(link.device(), 1);
        Run run = run(device, 8);
        link.host().send(frame(60, 5));
        run.out().request(1);
        assertArrayEquals(frame(60, 5), run.out().expectNext(WAIT));
        assertEquals(1, count(TapMetrics.DROPS_METRIC, device, "reason", TapMetrics.READ_ERROR));
        run.in().sendComplete();
    }

    @Test
    void aDeviceThatKeepsFailingFailsTheFlowAndIsClosed() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(new FailingReads(link.device(), Integer.MAX_VALUE), 8);
        run.out().request(1);
        assertTrue(run.out().expectError() instanceof IOException);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> run.closed().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(e.getCause() instanceof IOException);
        assertTrue(link.host().isClosed());
    }

    @Test
    void completingTheUpstreamClosesTheDeviceAndCompletesTheFlow() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(link.device(), 8);
        run.out().request(1);
        run.in().sendComplete();
        run.out().expectComplete();
        run.closed().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(link.host().isClosed());
    }

    @Test
    void failingTheUpstreamClosesTheDevice() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(link.device(), 8);
        run.out().request(1);
        run.in().sendError(new IllegalStateException("network stopped"));
        run.closed().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(link.host().isClosed());
    }

    @Test
    void cancellingTheDownstreamClosesTheDevice() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(link.device(), 8);
        run.out().cancel();
        run.closed().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(link.host().isClosed());
        run.in().expectCancellation();
    }

    @Test
    void closingTheDeviceCompletesTheFlow() throws Exception {
        MemoryTap.Pair link = pair(1500);
        Run run = run(link.device(), 8);
        run.out().request(1);
        link.host().close();
        run.out().expectComplete();
        run.in().expectCancellation();
        run.closed().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(link.host().receive(Duration.ZERO));
    }

    @Test
    void aFlowCanBeMaterializedOnce() {
        MemoryTap.Pair link = pair(1500);
        var flow = TapFlow.create(link.device());
        TestSource.<byte[]>create(system).via(flow).runWith(TestSink.create(system), system);
        assertThrows(IllegalStateException.class,
                () -> TestSource.<byte[]>create(system).via(flow).runWith(TestSink.create(system), system));
        link.device().close();
    }

    /** A device whose first {@code failures} reads fail, then reads from {@code inner}. */
    static final class FailingReads implements FrameDevice {
        private final FrameDevice inner;
        private int failures;

        FailingReads(FrameDevice inner, int failures) {
            this.inner = inner;
            this.failures = failures;
        }

        @Override
        public String name() {
            return inner.name() + "f";
        }

        @Override
        public DeviceKind kind() {
            return inner.kind();
        }

        @Override
        public int mtu() {
            return inner.mtu();
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            if (failures > 0) {
                failures--;
                throw new IOException("read failed");
            }
            return inner.read(buffer);
        }

        @Override
        public void write(byte[] frame, int offset, int length) throws IOException {
            inner.write(frame, offset, length);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public boolean isClosed() {
            return inner.isClosed();
        }
    }
}
