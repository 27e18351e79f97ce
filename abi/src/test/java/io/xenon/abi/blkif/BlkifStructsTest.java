package io.xenon.abi.blkif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlkifStructsTest {

    @Test
    void elevenSegmentsFillTheRequestToTheSlotSize() {
        assertEquals(BlkifStructs.Request.SIZE,
                BlkifStructs.Request.OFF_seg + Blkif.BLKIF_MAX_SEGMENTS_PER_REQUEST * BlkifStructs.Segment.SIZE);
        assertEquals(BlkifStructs.SLOT_SIZE, BlkifStructs.Request.SIZE);
    }

    @Test
    void everyOtherStructFitsASlot() {
        int grefsEnd = BlkifStructs.Indirect.OFF_indirect_grefs + 4 * Blkif.BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST;
        assertEquals(60, grefsEnd);
        assertEquals(64, BlkifStructs.Indirect.SIZE);
        assertEquals(BlkifStructs.Discard.OFF_nr_sectors + 8, BlkifStructs.Discard.SIZE);
        assertEquals(16, BlkifStructs.Response.SIZE);
    }

    @Test
    void anIndirectPageHolds512Segments() {
        assertEquals(512, Blkif.SEGS_PER_INDIRECT_FRAME);
        assertEquals(8, Blkif.SECTORS_PER_PAGE);
    }
}
