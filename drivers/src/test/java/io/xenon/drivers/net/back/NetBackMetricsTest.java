package io.xenon.drivers.net.back;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.drivers.DeviceStats;
import io.xenon.drivers.DeviceStats.Counter;
import org.junit.jupiter.api.Test;

/** A vif's never-reset totals, beside its Kamon series. */
class NetBackMetricsTest {

    private static final DeviceStats.Key KEY = new DeviceStats.Key(41, "vif", "vif41.0");

    @Test
    void totalsCountEachDirectionDropsAndErrorsUntilTheVifGoes() {
        NetBackMetrics m = new NetBackMetrics(41, "vif41.0");
        m.sent(3, 180);
        m.sent(0, 0);
        m.received(2, 1500);
        m.dropped("no-buffer");
        m.error("bad-size");
        m.error("bad-size");
        DeviceStats.Sample s = DeviceStats.sample().stream().filter(x -> x.key().equals(KEY)).findFirst().orElseThrow();
        assertEquals(3, s.get(Counter.FROM_GUEST_FRAMES));
        assertEquals(180, s.get(Counter.FROM_GUEST_BYTES));
        assertEquals(2, s.get(Counter.TO_GUEST_FRAMES));
        assertEquals(1500, s.get(Counter.TO_GUEST_BYTES));
        assertEquals(1, s.get(Counter.DROPS));
        assertEquals(2, s.get(Counter.ERRORS));
        m.remove();
        assertTrue(DeviceStats.sample().stream().noneMatch(x -> x.key().equals(KEY)));
    }
}
