package io.xenon.runtime.gnttab;

import io.xenon.abi.DomId;

/**
 * One maptrack slot of the mapping domain ({@code struct grant_mapping}): which granter's entry a
 * handle maps and whether it was mapped read-only.
 */
record Mapping(DomId granter, int ref, boolean readonly) {
}
