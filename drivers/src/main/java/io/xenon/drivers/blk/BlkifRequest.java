package io.xenon.drivers.blk;

import static io.xenon.abi.blkif.Blkif.BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST;
import static io.xenon.abi.blkif.Blkif.BLKIF_MAX_SEGMENTS_PER_REQUEST;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_DISCARD;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_FLUSH_DISKCACHE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_INDIRECT;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_READ;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE_BARRIER;

import io.xenon.abi.blkif.BlkifStructs;
import io.xenon.abi.blkif.BlkifStructs.Request;
import io.xenon.abi.blkif.BlkifStructs.Segment;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.mm.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * One request in a blkif ring slot: the union of {@code struct blkif_request} ({@link Rw}),
 * {@code blkif_request_discard} ({@link Discard}) and {@code blkif_request_indirect}
 * ({@link Indirect}), chosen by the {@code operation} byte as Linux blkback's
 * {@code blkif_get_x86_64_req} chooses it; any other operation keeps only its {@code id}
 * ({@link Other}), enough to answer it.
 *
 * <p>UNTRUSTED: {@link #decode} reads each field of the shared slot exactly once into the record,
 * so the front end cannot change a field between the back end's check and its use; no value in
 * the record has been checked.
 */
public sealed interface BlkifRequest {

    /** {@code operation}: a {@code BLKIF_OP_*} code or anything else the front end wrote (u8). */
    int operation();

    /** {@code id}: the front end's opaque tag, echoed in the response (u64). */
    long id();

    /** Writes the request into the slot at {@code offset}, all padding zeroed. */
    void encode(Page page, int offset);

    /** Reads the request in the slot at {@code offset}. */
    static BlkifRequest decode(Page page, int offset) {
        int operation = page.getU8(offset + Request.OFF_operation);
        return switch (operation) {
            case BLKIF_OP_READ, BLKIF_OP_WRITE, BLKIF_OP_WRITE_BARRIER, BLKIF_OP_FLUSH_DISKCACHE ->
                    Rw.decode(operation, page, offset);
            case BLKIF_OP_DISCARD -> Discard.decode(page, offset);
            case BLKIF_OP_INDIRECT -> Indirect.decode(page, offset);
            default -> new Other(operation, page.getLong(offset + Request.OFF_id));
        };
    }

    /**
     * {@code struct blkif_request}: read, write, barrier or flush.
     *
     * @param nrSegments  {@code nr_segments} as written (u8), even above 11
     * @param segments    the first {@code min(nrSegments, 11)} entries of {@code seg[]}
     */
    record Rw(int operation, int nrSegments, int handle, long id, long sectorNumber, List<BlkifSegment> segments)
            implements BlkifRequest {

        public Rw {
            segments = List.copyOf(segments);
        }

        static Rw decode(int operation, Page page, int offset) {
            int nr = page.getU8(offset + Request.OFF_nr_segments);
            List<BlkifSegment> segs = new ArrayList<>(Math.min(nr, BLKIF_MAX_SEGMENTS_PER_REQUEST));
            for (int i = 0; i < Math.min(nr, BLKIF_MAX_SEGMENTS_PER_REQUEST); i++) {
                segs.add(BlkifSegment.decode(page, offset + Request.OFF_seg + i * Segment.SIZE));
            }
            return new Rw(operation, nr, page.getU16(offset + Request.OFF_handle),
                    page.getLong(offset + Request.OFF_id), page.getLong(offset + Request.OFF_sector_number), segs);
        }

        @Override
        public void encode(Page page, int offset) {
            if (segments.size() > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
                throw new IllegalArgumentException("a request holds at most 11 segments: " + segments.size());
            }
            page.clear(offset, BlkifStructs.SLOT_SIZE);
            page.putU8(offset + Request.OFF_operation, operation);
            page.putU8(offset + Request.OFF_nr_segments, nrSegments);
            page.putU16(offset + Request.OFF_handle, handle);
            page.putLong(offset + Request.OFF_id, id);
            page.putLong(offset + Request.OFF_sector_number, sectorNumber);
            for (int i = 0; i < segments.size(); i++) {
                segments.get(i).encode(page, offset + Request.OFF_seg + i * Segment.SIZE);
            }
        }
    }

    /**
     * {@code struct blkif_request_discard}.
     *
     * @param flag      {@code BLKIF_DISCARD_SECURE} or zero (u8)
     * @param nrSectors sectors to discard (u64)
     */
    record Discard(int flag, int handle, long id, long sectorNumber, long nrSectors) implements BlkifRequest {

        static Discard decode(Page page, int offset) {
            return new Discard(page.getU8(offset + BlkifStructs.Discard.OFF_flag),
                    page.getU16(offset + BlkifStructs.Discard.OFF_handle),
                    page.getLong(offset + BlkifStructs.Discard.OFF_id),
                    page.getLong(offset + BlkifStructs.Discard.OFF_sector_number),
                    page.getLong(offset + BlkifStructs.Discard.OFF_nr_sectors));
        }

        @Override
        public int operation() {
            return BLKIF_OP_DISCARD;
        }

        @Override
        public void encode(Page page, int offset) {
            page.clear(offset, BlkifStructs.SLOT_SIZE);
            page.putU8(offset + BlkifStructs.Discard.OFF_operation, BLKIF_OP_DISCARD);
            page.putU8(offset + BlkifStructs.Discard.OFF_flag, flag);
            page.putU16(offset + BlkifStructs.Discard.OFF_handle, handle);
            page.putLong(offset + BlkifStructs.Discard.OFF_id, id);
            page.putLong(offset + BlkifStructs.Discard.OFF_sector_number, sectorNumber);
            page.putLong(offset + BlkifStructs.Discard.OFF_nr_sectors, nrSectors);
        }
    }

    /**
     * {@code struct blkif_request_indirect}: a read or write whose segments are packed, 512 to a
     * page, in the frames granted as {@code indirectGrefs}.
     *
     * @param indirectOp    the real operation, {@code BLKIF_OP_READ} or {@code BLKIF_OP_WRITE} as written (u8)
     * @param nrSegments    segments in the indirect pages (u16)
     * @param indirectGrefs all 8 {@code indirect_grefs}, of which the first
     *                      {@code ceil(nrSegments / 512)} are used
     */
    record Indirect(int indirectOp, int nrSegments, long id, long sectorNumber, int handle,
            List<GrantRef> indirectGrefs) implements BlkifRequest {

        public Indirect {
            indirectGrefs = List.copyOf(indirectGrefs);
        }

        static Indirect decode(Page page, int offset) {
            List<GrantRef> grefs = new ArrayList<>(BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST);
            for (int i = 0; i < BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST; i++) {
                grefs.add(new GrantRef(page.getInt(offset + BlkifStructs.Indirect.OFF_indirect_grefs + 4 * i)));
            }
            return new Indirect(page.getU8(offset + BlkifStructs.Indirect.OFF_indirect_op),
                    page.getU16(offset + BlkifStructs.Indirect.OFF_nr_segments),
                    page.getLong(offset + BlkifStructs.Indirect.OFF_id),
                    page.getLong(offset + BlkifStructs.Indirect.OFF_sector_number),
                    page.getU16(offset + BlkifStructs.Indirect.OFF_handle), grefs);
        }

        @Override
        public int operation() {
            return BLKIF_OP_INDIRECT;
        }

        @Override
        public void encode(Page page, int offset) {
            if (indirectGrefs.size() > BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST) {
                throw new IllegalArgumentException("a request names at most 8 indirect pages: " + indirectGrefs.size());
            }
            page.clear(offset, BlkifStructs.SLOT_SIZE);
            page.putU8(offset + BlkifStructs.Indirect.OFF_operation, BLKIF_OP_INDIRECT);
            page.putU8(offset + BlkifStructs.Indirect.OFF_indirect_op, indirectOp);
            page.putU16(offset + BlkifStructs.Indirect.OFF_nr_segments, nrSegments);
            page.putLong(offset + BlkifStructs.Indirect.OFF_id, id);
            page.putLong(offset + BlkifStructs.Indirect.OFF_sector_number, sectorNumber);
            page.putU16(offset + BlkifStructs.Indirect.OFF_handle, handle);
            for (int i = 0; i < indirectGrefs.size(); i++) {
                page.putInt(offset + BlkifStructs.Indirect.OFF_indirect_grefs + 4 * i, indirectGrefs.get(i).value());
            }
        }
    }

    /** Any other operation ({@code BLKIF_OP_RESERVED_1} or unknown): only {@code id} is read. */
    record Other(int operation, long id) implements BlkifRequest {

        @Override
        public void encode(Page page, int offset) {
            page.clear(offset, BlkifStructs.SLOT_SIZE);
            page.putU8(offset + Request.OFF_operation, operation);
            page.putLong(offset + Request.OFF_id, id);
        }
    }
}
