package io.xenon.runtime.gnttab;

/**
 * What releasing a dead domain's grant table undid ({@code gnttab_release_mappings}).
 *
 * @param unmapped mappings the dead domain held of other domains' grants, now unmapped
 * @param revoked  mappings other domains held of the dead domain's grants, now invalid
 */
public record Released(int unmapped, int revoked) {
}
