package io.xenon.toolstack.api;

import java.util.List;

/**
 * One CPU pool ({@code libxl_cpupoolinfo}).
 *
 * @param poolid the pool's id, 0 for Pool-0
 * @param sched  its scheduler's name
 * @param cpus   its pCPUs, ascending
 * @param nDom   how many domains it has
 */
public record CpupoolView(int poolid, String name, String sched, List<Integer> cpus, int nDom) {
}
