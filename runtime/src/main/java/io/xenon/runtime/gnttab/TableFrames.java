package io.xenon.runtime.gnttab;

import io.xenon.abi.gnttab.GrantStatus;
import java.util.List;

/**
 * The output of {@code GNTTABOP_setup_table} ({@code struct gnttab_setup_table}).
 *
 * @param status    {@code GNTST_okay}, or the error; then the list is empty
 * @param frameList the GFNs of the table's first {@code nr_frames} frames, in order
 */
public record TableFrames(GrantStatus status, List<Long> frameList) {

    public TableFrames {
        frameList = List.copyOf(frameList);
    }
}
