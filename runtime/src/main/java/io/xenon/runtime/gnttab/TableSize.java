package io.xenon.runtime.gnttab;

import io.xenon.abi.gnttab.GrantStatus;

/**
 * The output of {@code GNTTABOP_query_size} ({@code struct gnttab_query_size}).
 *
 * @param status      {@code GNTST_okay}, or the error; then both sizes are 0
 * @param nrFrames    frames the table has now
 * @param maxNrFrames frames it may grow to
 */
public record TableSize(GrantStatus status, int nrFrames, int maxNrFrames) {
}
