package io.xenon.drivers.blk;

import io.xenon.abi.blkif.Blkif;
import io.xenon.abi.blkif.BlkifStructs.Segment;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.mm.Page;

/**
 * One {@code struct blkif_request_segment}: sectors {@code firstSect} to {@code lastSect}
 * (inclusive, 512-byte units) of the frame the front end granted as {@code gref}. Direct
 * requests carry up to 11 in the ring slot; indirect requests pack 512 per indirect page.
 *
 * <p>UNTRUSTED: as decoded, the fields are whatever the front end wrote; {@link #isValid()} is
 * the back end's check.
 *
 * @param gref      the grant of the data frame
 * @param firstSect first sector in the frame (u8)
 * @param lastSect  last sector in the frame (u8)
 */
public record BlkifSegment(GrantRef gref, int firstSect, int lastSect) {

    /** Reads the segment at {@code offset}, each field once. */
    public static BlkifSegment decode(Page page, int offset) {
        return new BlkifSegment(new GrantRef(page.getInt(offset + Segment.OFF_gref)),
                page.getU8(offset + Segment.OFF_first_sect), page.getU8(offset + Segment.OFF_last_sect));
    }

    /** Writes the segment at {@code offset}, padding zeroed. */
    public void encode(Page page, int offset) {
        page.putInt(offset + Segment.OFF_gref, gref.value());
        page.putU8(offset + Segment.OFF_first_sect, firstSect);
        page.putU8(offset + Segment.OFF_last_sect, lastSect);
        page.putU16(offset + Segment.OFF_last_sect + 1, 0);
    }

    /** Whether the sectors lie in one frame: {@code first_sect <= last_sect <= 7}, as blkback checks. */
    public boolean isValid() {
        return firstSect <= lastSect && lastSect < Blkif.SECTORS_PER_PAGE;
    }

    /** Sectors the segment moves; meaningful only if {@link #isValid()}. */
    public int sectors() {
        return lastSect - firstSect + 1;
    }
}
