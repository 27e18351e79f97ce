package io.xenon.drivers.blk;

import static io.xenon.abi.blkif.Blkif.BLKIF_OP_DISCARD;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_FLUSH_DISKCACHE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_INDIRECT;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_EOPNOTSUPP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.mm.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlkifCodecTest {

    /** The fourth ring slot of a one-page blkif ring (the 64-byte sring header, then 112-byte slots). */
    static final int SLOT = 64 + 3 * 112;

    final Page page = new Page();

    @Test
    void aReadWriteRequestSitsAtXensOffsets() {
        List<BlkifSegment> segs = List.of(new BlkifSegment(new GrantRef(0xCAFEBABE), 1, 6),
                new BlkifSegment(new GrantRef(9), 0, 7));
        BlkifRequest.Rw req = new BlkifRequest.Rw(BLKIF_OP_WRITE, 2, 0xBEEF, 0x1122334455667788L, 0x0102030405060708L, segs);
        page.clear(0, Page.SIZE);
        java.util.Arrays.fill(page.bytes(), SLOT, SLOT + 112, (byte) 0x5A);
        req.encode(page, SLOT);

        assertEquals(BLKIF_OP_WRITE, page.getU8(SLOT));
        assertEquals(2, page.getU8(SLOT + 1));
        assertEquals(0xBEEF, page.getU16(SLOT + 2));
        assertEquals(0, page.getInt(SLOT + 4), "padding is zeroed");
        assertEquals(0x1122334455667788L, page.getLong(SLOT + 8));
        assertEquals(0x0102030405060708L, page.getLong(SLOT + 16));
        assertEquals(0xCAFEBABE, page.getInt(SLOT + 24));
        assertEquals(1, page.getU8(SLOT + 28));
        assertEquals(6, page.getU8(SLOT + 29));
        assertEquals(0, page.getU16(SLOT + 30));
        assertEquals(9, page.getInt(SLOT + 32));
        assertEquals(7, page.getU8(SLOT + 37));
        assertEquals(0, page.getLong(SLOT + 104), "unused segments are zeroed");
        assertEquals(0, page.getU8(SLOT + 112), "nothing is written past the slot");

        assertEquals(req, BlkifRequest.decode(page, SLOT));
    }

    @Test
    void aNrSegmentsAbove11IsKeptButOnly11SegmentsAreRead() {
        List<BlkifSegment> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new BlkifSegment(new GrantRef(100 + i), 0, 7));
        }
        new BlkifRequest.Rw(BLKIF_OP_FLUSH_DISKCACHE, 255, 0, 1, 0, eleven).encode(page, SLOT);
        BlkifRequest.Rw got = assertInstanceOf(BlkifRequest.Rw.class, BlkifRequest.decode(page, SLOT));
        assertEquals(255, got.nrSegments());
        assertEquals(eleven, got.segments());
    }

    @Test
    void aDiscardRequestSitsAtXensOffsets() {
        BlkifRequest.Discard req = new BlkifRequest.Discard(1, 0x0203, -2L, 1L << 40, 0xFFFF_FFFF_0000L);
        req.encode(page, SLOT);
        assertEquals(BLKIF_OP_DISCARD, page.getU8(SLOT));
        assertEquals(1, page.getU8(SLOT + 1));
        assertEquals(0x0203, page.getU16(SLOT + 2));
        assertEquals(-2L, page.getLong(SLOT + 8));
        assertEquals(1L << 40, page.getLong(SLOT + 16));
        assertEquals(0xFFFF_FFFF_0000L, page.getLong(SLOT + 24));
        assertEquals(req, BlkifRequest.decode(page, SLOT));
    }

    @Test
    void anIndirectRequestSitsAtXensOffsets() {
        List<GrantRef> grefs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            grefs.add(new GrantRef(0x1000 + i));
        }
        BlkifRequest.Indirect req = new BlkifRequest.Indirect(BLKIF_OP_WRITE, 4000, 77, 123456, 0x51AA, grefs);
        req.encode(page, SLOT);
        assertEquals(BLKIF_OP_INDIRECT, page.getU8(SLOT));
        assertEquals(BLKIF_OP_WRITE, page.getU8(SLOT + 1));
        assertEquals(4000, page.getU16(SLOT + 2));
        assertEquals(77, page.getLong(SLOT + 8));
        assertEquals(123456, page.getLong(SLOT + 16));
        assertEquals(0x51AA, page.getU16(SLOT + 24));
        assertEquals(0, page.getU16(SLOT + 26));
        for (int i = 0; i < 8; i++) {
            assertEquals(0x1000 + i, page.getInt(SLOT + 28 + 4 * i));
        }
        assertEquals(req, BlkifRequest.decode(page, SLOT));
    }

    @Test
    void anUnknownOperationDecodesToItsId() {
        page.putU8(SLOT, 42);
        page.putLong(SLOT + 8, 0xABCDL);
        assertEquals(new BlkifRequest.Other(42, 0xABCDL), BlkifRequest.decode(page, SLOT));
    }

    @Test
    void aResponseSitsAtXensOffsetsWithASignedStatus() {
        BlkifResponse rsp = new BlkifResponse(0x8000_0000_0000_0001L, BLKIF_OP_DISCARD, BLKIF_RSP_EOPNOTSUPP);
        java.util.Arrays.fill(page.bytes(), SLOT, SLOT + 16, (byte) 0x77);
        rsp.encode(page, SLOT);
        assertEquals(0x8000_0000_0000_0001L, page.getLong(SLOT));
        assertEquals(BLKIF_OP_DISCARD, page.getU8(SLOT + 8));
        assertEquals(0, page.getU8(SLOT + 9));
        assertEquals(-2, page.getI16(SLOT + 10));
        assertEquals(0, page.getInt(SLOT + 12));
        assertEquals(rsp, BlkifResponse.decode(page, SLOT));
    }
}
