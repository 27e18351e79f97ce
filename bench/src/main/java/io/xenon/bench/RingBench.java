package io.xenon.bench;

import io.xenon.abi.netif.Netif;
import io.xenon.drivers.net.NetifTx;
import io.xenon.drivers.ring.BackRing;
import io.xenon.drivers.ring.FrontRing;
import io.xenon.drivers.ring.SharedRing;
import io.xenon.drivers.ring.SlotEncoder;
import io.xenon.runtime.mm.Page;
import java.io.PrintStream;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.SpscArrayQueue;

/**
 * {@code ring}: request-to-response throughput between a front end and a back end on two threads
 * through one {@link SharedRing} page (netif tx layout, 256 slots, Xen's notification hold-off,
 * idle ends parked), beside the same traffic through a pair of JCTools {@link SpscArrayQueue}s of
 * the same depth with the same park-and-flag wake-ups, measured in the same run. Both keep at most
 * {@link #DEPTH} requests outstanding, as a front end must.
 */
final class RingBench implements Bench {

    static final int MESSAGES = 2_000_000;
    static final int ROUNDS = 5;
    static final int DEPTH = Netif.NET_TX_RING_SIZE;

    private static final SlotEncoder<NetifTx.Request> REQ = (p, o, r) -> r.encode(p, o);
    private static final SlotEncoder<NetifTx.Response> RSP = (p, o, r) -> r.encode(p, o);

    @Override
    public String name() {
        return "ring";
    }

    @Override
    public String description() {
        return "request->response throughput through a SharedRing page between two threads, beside a JCTools SpscArrayQueue pair";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        ring(MESSAGES / 4);
        queues(MESSAGES / 4);
        double[] ring = new double[ROUNDS];
        double[] queues = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            ring[i] = ring(MESSAGES);
            queues[i] = queues(MESSAGES);
        }
        double r = median(ring);
        double q = median(queues);
        out.printf(Locale.ROOT, "%d request->response round trips, 2 threads, median of %d rounds%n", MESSAGES, ROUNDS);
        out.printf(Locale.ROOT, "%-50s %8.2f M round trips/s%n", "SharedRing (netif tx page, " + DEPTH + " slots)", r / 1e6);
        out.printf(Locale.ROOT, "%-50s %8.2f M round trips/s%n", "JCTools SpscArrayQueue x2, depth " + DEPTH + " (reference)", q / 1e6);
        out.printf(Locale.ROOT, "SharedRing / reference: %.2fx   (the ring also encodes and copies out each slot)%n", r / q);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Round trips per second through one shared ring page. */
    static double ring(int n) throws InterruptedException {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        Pair pair = new Pair();
        pair.front = new Thread(() -> {
            int sent = 0;
            int received = 0;
            while (received < n) {
                boolean produced = false;
                while (sent < n && !front.full()) {
                    front.putRequest(REQ, new NetifTx.Request(sent, 0, 0, sent & 0xFFFF, 60));
                    sent++;
                    produced = true;
                }
                if (produced && front.pushRequestsAndCheckNotify()) {
                    LockSupport.unpark(pair.back);
                }
                int got = 0;
                while (front.hasUnconsumedResponses()) {
                    NetifTx.Response rsp = front.takeResponse(NetifTx.Response::decode);
                    pair.check(rsp.id() == (received & 0xFFFF), "response out of order");
                    received++;
                    got++;
                }
                if (got == 0 && !produced && !front.finalCheckForResponses()) {
                    LockSupport.park();
                }
            }
        }, "ring-front");
        pair.back = new Thread(() -> {
            int done = 0;
            while (done < n) {
                int got = 0;
                while (back.hasUnconsumedRequests()) {
                    NetifTx.Request req = back.takeRequest(NetifTx.Request::decode);
                    back.putResponse(RSP, new NetifTx.Response(req.id(), Netif.NETIF_RSP_OKAY));
                    got++;
                }
                done += got;
                if (got > 0) {
                    if (back.pushResponsesAndCheckNotify()) {
                        LockSupport.unpark(pair.front);
                    }
                } else if (!back.finalCheckForRequests()) {
                    LockSupport.park();
                }
            }
        }, "ring-back");
        return pair.time(n);
    }

    /** Round trips per second through two single-producer single-consumer queues. */
    static double queues(int n) throws InterruptedException {
        SpscArrayQueue<NetifTx.Request> requests = new SpscArrayQueue<>(DEPTH);
        SpscArrayQueue<NetifTx.Response> responses = new SpscArrayQueue<>(DEPTH);
        AtomicBoolean frontIdle = new AtomicBoolean();
        AtomicBoolean backIdle = new AtomicBoolean();
        Pair pair = new Pair();
        pair.front = new Thread(() -> {
            int sent = 0;
            int received = 0;
            while (received < n) {
                boolean produced = false;
                while (sent < n && sent - received < DEPTH
                        && requests.offer(new NetifTx.Request(sent, 0, 0, sent & 0xFFFF, 60))) {
                    sent++;
                    produced = true;
                }
                if (produced) {
                    wake(backIdle, pair.back);
                }
                int got = 0;
                NetifTx.Response rsp;
                while ((rsp = responses.poll()) != null) {
                    pair.check(rsp.id() == (received & 0xFFFF), "response out of order");
                    received++;
                    got++;
                }
                if (got == 0 && !produced) {
                    sleep(frontIdle, responses);
                }
            }
        }, "spsc-front");
        pair.back = new Thread(() -> {
            int done = 0;
            while (done < n) {
                int got = 0;
                NetifTx.Request req;
                while ((req = requests.poll()) != null) {
                    responses.offer(new NetifTx.Response(req.id(), Netif.NETIF_RSP_OKAY));
                    got++;
                }
                done += got;
                if (got > 0) {
                    wake(frontIdle, pair.front);
                } else {
                    sleep(backIdle, requests);
                }
            }
        }, "spsc-back");
        return pair.time(n);
    }

    private static void wake(AtomicBoolean idle, Thread t) {
        // ORDERING: as ring.h's push: what we offered is visible before we read the peer's flag.
        VarHandle.fullFence();
        if (idle.get() && idle.compareAndSet(true, false)) {
            LockSupport.unpark(t);
        }
    }

    private static void sleep(AtomicBoolean idle, SpscArrayQueue<?> q) {
        idle.set(true);
        // ORDERING: as ring.h's final check: the flag is visible before we look at the queue again.
        VarHandle.fullFence();
        if (q.isEmpty()) {
            LockSupport.park();
        }
        idle.set(false);
    }

    /** The two threads of one run, and the first failure either saw. */
    private static final class Pair {
        volatile Thread front;
        volatile Thread back;
        final AtomicReference<String> failure = new AtomicReference<>();

        void check(boolean ok, String what) {
            if (!ok) {
                failure.compareAndSet(null, what);
                throw new IllegalStateException(what);
            }
        }

        double time(int n) throws InterruptedException {
            long t0 = System.nanoTime();
            front.start();
            back.start();
            front.join(60_000);
            back.join(60_000);
            long nanos = System.nanoTime() - t0;
            if (front.isAlive() || back.isAlive() || failure.get() != null) {
                front.interrupt();
                back.interrupt();
                throw new IllegalStateException("run did not finish: " + (failure.get() == null ? "timed out" : failure.get()));
            }
            return n / (nanos / 1e9);
        }
    }
}
