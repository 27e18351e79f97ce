package io.xenon.drivers.blk.back;

import io.xenon.abi.blkif.Blkif;
import io.xenon.runtime.config.DiskSpec;

/**
 * What a vbd back end offers its front end, the {@code feature-*} nodes it writes in the backend
 * directory before it connects: {@code feature-discard} (allowed by the toolstack's
 * {@code discard-enable}) and {@code feature-max-indirect-segments}. Flush and barrier are
 * always offered ({@code feature-flush-cache = 1}, {@code feature-barrier = 1}), and
 * {@code discard-secure} never.
 *
 * @param discard             whether {@code BLKIF_OP_DISCARD} is accepted
 * @param maxIndirectSegments the most segments of one {@code BLKIF_OP_INDIRECT} request; 0 means
 *                            indirect requests are not offered (the node is absent)
 */
public record BlkBackFeatures(boolean discard, int maxIndirectSegments) {

    /** What Linux blkback offers ({@code MAX_INDIRECT_SEGMENTS}). */
    public static final int DEFAULT_MAX_INDIRECT_SEGMENTS = 256;

    public BlkBackFeatures {
        int most = Blkif.BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST * Blkif.SEGS_PER_INDIRECT_FRAME;
        if (maxIndirectSegments < 0 || maxIndirectSegments > most) {
            throw new IllegalArgumentException(
                    "max indirect segments must be 0 to " + most + ": " + maxIndirectSegments);
        }
    }

    /** The features for a disk spec: discard unless it says {@code no-discard}, and 256 indirect segments. */
    public static BlkBackFeatures of(DiskSpec spec) {
        return new BlkBackFeatures(spec.discard() == null || spec.discard(), DEFAULT_MAX_INDIRECT_SEGMENTS);
    }
}
