package io.xenon.abi.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SringTest {

    @Test
    void headerOffsetsAreRingHs() {
        assertEquals(0, Sring.OFF_req_prod);
        assertEquals(4, Sring.OFF_req_event);
        assertEquals(8, Sring.OFF_rsp_prod);
        assertEquals(12, Sring.OFF_rsp_event);
        assertEquals(16, Sring.OFF_pvt);
        assertEquals(64, Sring.OFF_pad + Sring.PAD_SIZE);
        assertEquals(64, Sring.HEADER_SIZE);
    }

    @Test
    void ringSizesOfOnePageMatchCompiledHeaders() {
        assertEquals(32, Sring.ringSize(4096, 112), "blkif");
        assertEquals(256, Sring.ringSize(4096, 12), "netif tx");
        assertEquals(256, Sring.ringSize(4096, 8), "netif rx");
        assertEquals(128, Sring.ringSize(4096, 16), "netif ctrl");
        assertEquals(64, Sring.ringSize(4096 << 1, 112), "two-page blkif");
    }

    @Test
    void rd32RoundsDownToAPowerOfTwo() {
        assertEquals(0, Sring.rd32(0));
        assertEquals(1, Sring.rd32(1));
        assertEquals(32, Sring.rd32(36));
        assertEquals(256, Sring.rd32(504));
        assertEquals(512, Sring.rd32(512));
    }

    @Test
    void slotOffsetMasksTheFreeRunningIndex() {
        assertEquals(64, Sring.slotOffset(0, 32, 112));
        assertEquals(64 + 31 * 112, Sring.slotOffset(31, 32, 112));
        assertEquals(64, Sring.slotOffset(32, 32, 112));
        assertEquals(64 + 255 * 12, Sring.slotOffset(0xFFFF_FFFF, 256, 12));
    }

    @Test
    void rejectsAnAreaSmallerThanTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> Sring.ringSize(32, 8));
        assertThrows(IllegalArgumentException.class, () -> Sring.ringSize(4096, 0));
    }
}
