package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.runtime.domain.DomainInfo;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The credit scheduler on a real host: four builtin:cpuburn domains with {@code cpu_weight} 256,
 * 256, 512 and 512 on 2 pCPUs share them by weight, measured from their vCPUs' CPU time.
 *
 * <p>The bound is 25% of each domain's share, not the 3% the simulated host holds to
 * ({@code CreditSchedulerTest}): here slices are real threads measured with {@code ThreadMXBean},
 * the build machine may have fewer free cores than the host's pCPUs and runs other work, and a
 * few seconds are about a hundred accounting periods, so noise, not the scheduler, sets the error.
 */
class CpuSharesTest extends HostTestBase {

    private static final int[] WEIGHTS = {256, 256, 512, 512};

    @Test
    void cpuburnDomainsSharePcpusByWeight() throws Exception {
        for (int i = 0; i < WEIGHTS.length; i++) {
            host.create("name = \"burn" + i + "\"\nkernel = \"builtin:cpuburn\"\nmemory = 32\ncpu_weight = "
                    + WEIGHTS[i] + "\n");
        }
        Thread.sleep(1_000);
        Map<String, Long> before = cpuTimes();
        Thread.sleep(4_000);
        Map<String, Long> after = cpuTimes();
        long total = 0;
        int weightSum = 0;
        long[] used = new long[WEIGHTS.length];
        for (int i = 0; i < WEIGHTS.length; i++) {
            used[i] = after.get("burn" + i) - before.get("burn" + i);
            total += used[i];
            weightSum += WEIGHTS[i];
        }
        assertTrue(total > 0, "the burners ran");
        StringBuilder shares = new StringBuilder();
        for (int i = 0; i < WEIGHTS.length; i++) {
            shares.append(String.format(" burn%d=%.3f", i, (double) used[i] / total));
        }
        for (int i = 0; i < WEIGHTS.length; i++) {
            double expected = (double) WEIGHTS[i] / weightSum;
            double got = (double) used[i] / total;
            assertEquals(1.0, got / expected, 0.25, "burn" + i + " (weight " + WEIGHTS[i] + "); shares:" + shares);
        }
    }

    private Map<String, Long> cpuTimes() {
        Map<String, Long> times = new HashMap<>();
        for (DomainInfo d : host.list().domains()) {
            times.put(d.name(), d.cpuTimeNanos());
        }
        return times;
    }
}
