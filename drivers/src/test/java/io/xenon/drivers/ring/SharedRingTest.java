package io.xenon.drivers.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.blkif.Blkif;
import io.xenon.abi.blkif.BlkifStructs;
import io.xenon.abi.netif.Netif;
import io.xenon.abi.ring.Sring;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifResponse;
import io.xenon.drivers.net.NetifTx;
import io.xenon.runtime.mm.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedRingTest {

    static final SlotEncoder<NetifTx.Request> REQ = (p, o, r) -> r.encode(p, o);
    static final SlotEncoder<NetifTx.Response> RSP = (p, o, r) -> r.encode(p, o);

    static NetifTx.Request req(int id) {
        return new NetifTx.Request(100 + id, 0, 0, id & 0xFFFF, 60);
    }

    @Test
    void sharedRingInitWritesXensHeader() {
        Page page = new Page();
        java.util.Arrays.fill(page.bytes(), (byte) 0x5A);
        FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        byte[] header = new byte[64];
        page.read(0, header, 0, 64);
        byte[] expected = new byte[64];
        expected[4] = 1;
        expected[12] = 1;
        assertArrayEquals(expected, header);
        assertEquals(0x5A, page.getU8(64), "slots are left alone");
    }

    @Test
    void slotsSitAfterTheHeaderAtXensSizes() {
        SharedRing tx = new SharedRing(new Page(), Netif.TX_SLOT_SIZE);
        SharedRing rx = new SharedRing(new Page(), Netif.RX_SLOT_SIZE);
        SharedRing blk = new SharedRing(new Page(), 112);
        assertEquals(256, tx.size());
        assertEquals(256, rx.size());
        assertEquals(32, blk.size());
        assertEquals(Sring.HEADER_SIZE, tx.slotOffset(0));
        assertEquals(64 + 12 * 255, tx.slotOffset(255));
        assertEquals(64, tx.slotOffset(256));
        assertEquals(64 + 8 * 3, rx.slotOffset(3));
        assertEquals(64 + 112 * 31, blk.slotOffset(-1));
        assertEquals(64 + 112 * 31 + 112, blk.slotOffset(-1) + blk.slotBytes());
        FrontRing front = FrontRing.init(blk);
        BackRing back = BackRing.init(blk);
        assertEquals(64 + 112 * 5, front.requestOffset(37));
        assertEquals(front.requestOffset(37), back.responseOffset(37), "a response replaces its request");
        assertEquals(back.requestOffset(-32), front.responseOffset(0));
    }

    @Test
    void requestsAndResponsesShareSlots() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        front.putRequest(REQ, req(1));
        front.pushRequestsAndCheckNotify();
        assertEquals(101, page.getInt(64), "request gref at slot 0");
        assertEquals(1, back.unconsumedRequests());
        NetifTx.Request got = back.takeRequest(NetifTx.Request::decode);
        assertEquals(req(1), got);
        back.putResponse(RSP, new NetifTx.Response(got.id(), Netif.NETIF_RSP_OKAY));
        back.pushResponsesAndCheckNotify();
        assertEquals(1, page.getInt(Sring.OFF_rsp_prod));
        assertEquals(new NetifTx.Response(1, 0), front.takeResponse(NetifTx.Response::decode));
        assertEquals(256, front.freeRequests());
    }

    @Test
    void blkifRequestsTravelThroughAThirtyTwoSlotRing() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, BlkifStructs.SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, BlkifStructs.SLOT_SIZE));
        assertEquals(32, front.size());
        for (long round = 0; round < 3; round++) {
            for (long id = 0; id < 32; id++) {
                front.putRequest((p, o, r) -> r.encode(p, o),
                        new BlkifRequest.Rw(Blkif.BLKIF_OP_READ, 0, 51712, round << 8 | id, id * 8, List.of()));
            }
            assertTrue(front.full());
            front.pushRequestsAndCheckNotify();
            for (int i = 0; i < 32; i++) {
                BlkifRequest r = back.takeRequest(BlkifRequest::decode);
                assertEquals(round << 8 | i, r.id());
                back.putResponse((p, o, rsp) -> rsp.encode(p, o), new BlkifResponse(r.id(), r.operation(), Blkif.BLKIF_RSP_OKAY));
            }
            back.pushResponsesAndCheckNotify();
            for (int i = 0; i < 32; i++) {
                assertEquals(round << 8 | i, front.takeResponse(BlkifResponse::decode).id());
            }
        }
    }

    @Test
    void indicesWrapAroundTwoToTheThirtyTwo() {
        Page page = new Page();
        SharedRing s = new SharedRing(page, Netif.TX_SLOT_SIZE);
        s.sharedRingInit();
        int start = -3;
        page.putInt(Sring.OFF_req_prod, start);
        page.putInt(Sring.OFF_rsp_prod, start);
        FrontRing front = FrontRing.attach(s, start);
        BackRing back = BackRing.attach(s, start);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 256; i++) {
                front.putRequest(REQ, req(round * 256 + i));
            }
            assertTrue(front.full());
            front.pushRequestsAndCheckNotify();
            assertEquals(256, back.unconsumedRequests());
            for (int i = 0; i < 256; i++) {
                NetifTx.Request r = back.takeRequest(NetifTx.Request::decode);
                assertEquals(req(round * 256 + i), r);
                back.putResponse(RSP, new NetifTx.Response(r.id(), 0));
            }
            back.pushResponsesAndCheckNotify();
            assertEquals(256, front.unconsumedResponses());
            for (int i = 0; i < 256; i++) {
                assertEquals((round * 256 + i) & 0xFFFF, front.takeResponse(NetifTx.Response::decode).id());
            }
        }
        assertEquals(start + 768, back.reqCons());
        assertEquals(765, back.reqCons(), "crossed 2^32");
        assertFalse(front.broken());
        assertFalse(back.broken());
    }

    @Test
    void notifiesOnlyWhenTheEventIndexFallsInThePublishedWindow() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        front.putRequest(REQ, req(0));
        assertTrue(front.pushRequestsAndCheckNotify(), "req_event 1 in (0,1]");
        front.putRequest(REQ, req(1));
        assertFalse(front.pushRequestsAndCheckNotify(), "req_event 1 not in (1,2]");
        page.putInt(Sring.OFF_req_event, 5);
        front.putRequest(REQ, req(2));
        front.putRequest(REQ, req(3));
        assertFalse(front.pushRequestsAndCheckNotify(), "5 not in (2,4]");
        front.putRequest(REQ, req(4));
        assertTrue(front.pushRequestsAndCheckNotify(), "5 in (4,5]");
        assertFalse(front.pushRequestsAndCheckNotify(), "an empty push never notifies");
    }

    @Test
    void notifyWindowWorksAcrossTheWrap() {
        Page page = new Page();
        SharedRing s = new SharedRing(page, Netif.TX_SLOT_SIZE);
        s.sharedRingInit();
        page.putInt(Sring.OFF_req_prod, -2);
        page.putInt(Sring.OFF_req_event, 1);
        FrontRing front = FrontRing.attach(s, -2);
        for (int i = 0; i < 4; i++) {
            front.putRequest(REQ, req(i));
        }
        assertTrue(front.pushRequestsAndCheckNotify(), "1 in (-2, 2] modulo 2^32");
    }

    @Test
    void finalCheckArmsTheEventAndReportsLateWork() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        front.putRequest(REQ, req(0));
        front.pushRequestsAndCheckNotify();
        page.putInt(Sring.OFF_req_event, 77);
        assertTrue(back.finalCheckForRequests(), "work pending: no re-arm");
        assertEquals(77, page.getInt(Sring.OFF_req_event));
        back.takeRequest(NetifTx.Request::decode);
        assertFalse(back.finalCheckForRequests());
        assertEquals(2, page.getInt(Sring.OFF_req_event), "req_cons + 1");
        front.putRequest(REQ, req(1));
        assertTrue(front.pushRequestsAndCheckNotify(), "the very next request notifies");

        back.putResponse(RSP, new NetifTx.Response(0, 0));
        assertFalse(front.finalCheckForResponses());
        assertEquals(1, page.getInt(Sring.OFF_rsp_event), "rsp_cons + 1");
        assertTrue(back.pushResponsesAndCheckNotify());
        assertTrue(front.finalCheckForResponses());
    }

    @Test
    void consumingAFullRingOfUnansweredRequestsOverflows() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        for (int i = 0; i < 256; i++) {
            front.putRequest(REQ, req(i));
        }
        front.pushRequestsAndCheckNotify();
        assertThrows(IllegalStateException.class, () -> front.putRequest(REQ, req(0)));
        assertFalse(back.requestConsOverflow(back.reqCons()));
        for (int i = 0; i < 256; i++) {
            back.takeRequest(NetifTx.Request::decode);
        }
        assertEquals(256, back.freeResponses());
        assertTrue(back.requestConsOverflow(back.reqCons()), "no response slot for request 256");
        back.putResponse(RSP, new NetifTx.Response(0, 0));
        assertFalse(back.requestConsOverflow(back.reqCons()));
        assertEquals(255, back.freeResponses());
        assertThrows(IllegalStateException.class, () -> back.takeRequest(NetifTx.Request::decode));
        assertFalse(back.broken());
    }

    @Test
    void maliciousRequestProducerBreaksTheRing() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        page.putInt(Sring.OFF_req_prod, 257);
        assertTrue(back.requestProdOverflow(257));
        assertEquals(0, back.unconsumedRequests());
        assertTrue(back.broken());
        page.putInt(Sring.OFF_req_prod, 1);
        assertEquals(0, back.unconsumedRequests(), "broken stays broken");
        assertFalse(back.finalCheckForRequests());
        assertFalse(front.broken());
    }

    @Test
    void requestProducerMovingBackwardsBreaksTheRing() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        for (int i = 0; i < 4; i++) {
            front.putRequest(REQ, req(i));
        }
        front.pushRequestsAndCheckNotify();
        back.takeRequest(NetifTx.Request::decode);
        back.takeRequest(NetifTx.Request::decode);
        page.putInt(Sring.OFF_req_prod, 1);
        assertFalse(back.requestProdOverflow(1), "ring.h's own check passes");
        assertEquals(0, back.unconsumedRequests());
        assertTrue(back.broken());
    }

    @Test
    void maliciousResponseProducerBreaksTheFrontRing() {
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        front.putRequest(REQ, req(0));
        front.pushRequestsAndCheckNotify();
        page.putInt(Sring.OFF_rsp_prod, 2);
        assertEquals(0, front.unconsumedResponses(), "a response to a request never made");
        assertTrue(front.broken());

        FrontRing other = FrontRing.init(new SharedRing(new Page(), Netif.TX_SLOT_SIZE));
        other.sring().page().putInt(Sring.OFF_rsp_prod, 1000);
        assertFalse(other.finalCheckForResponses());
        assertTrue(other.broken());
    }

    @Test
    void frontAndBackOnTwoThreadsSeeEveryRequestAndResponseIntact() throws Exception {
        int n = 200_000;
        Page page = new Page();
        FrontRing front = FrontRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        BackRing back = BackRing.init(new SharedRing(page, Netif.TX_SLOT_SIZE));
        java.util.concurrent.atomic.AtomicReference<Throwable> backFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread backThread = new Thread(() -> {
            try {
                for (int done = 0; done < n; ) {
                    if (!back.finalCheckForRequests()) {
                        Thread.onSpinWait();
                        continue;
                    }
                    while (back.hasUnconsumedRequests()) {
                        NetifTx.Request r = back.takeRequest(NetifTx.Request::decode);
                        if (r.gref() != 100 + done || r.size() != 60) {
                            throw new AssertionError("request " + done + " arrived as " + r);
                        }
                        back.putResponse(RSP, new NetifTx.Response(r.id(), (short) done));
                        done++;
                    }
                    back.pushResponsesAndCheckNotify();
                }
            } catch (Throwable t) {
                backFailure.set(t);
            }
        }, "back");
        backThread.start();
        int sent = 0;
        int received = 0;
        while (received < n) {
            while (sent < n && !front.full()) {
                front.putRequest(REQ, req(sent++));
            }
            front.pushRequestsAndCheckNotify();
            if (!front.finalCheckForResponses()) {
                assertTrue(backThread.isAlive() || backFailure.get() == null, () -> "back end failed: " + backFailure.get());
                Thread.onSpinWait();
                continue;
            }
            while (front.hasUnconsumedResponses()) {
                NetifTx.Response rsp = front.takeResponse(NetifTx.Response::decode);
                assertEquals(new NetifTx.Response(received & 0xFFFF, (short) received), rsp);
                received++;
            }
        }
        backThread.join(5000);
        assertEquals(null, backFailure.get());
        assertFalse(front.broken() || back.broken());
    }
}
