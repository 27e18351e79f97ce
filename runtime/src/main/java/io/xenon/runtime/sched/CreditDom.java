package io.xenon.runtime.sched;

import io.xenon.runtime.domain.Domain;
import java.util.ArrayList;
import java.util.List;

/**
 * The credit scheduler's private data for one domain ({@code struct csched_dom}): its units and
 * those of them that earn credit ({@code active_unit}).
 *
 * <p>Weight and cap live in each {@link SchedUnit} ({@code xl sched-credit -w -c} sets them on all
 * of a domain's units); the domain reads them from its first unit.
 *
 * <p>Confined to the {@link CreditScheduler} that owns it.
 */
final class CreditDom {

    final Domain domain;
    final List<CreditUnit> units = new ArrayList<>();
    final List<CreditUnit> activeUnits = new ArrayList<>();
    /** On the scheduler's active-domain list. */
    boolean active;
    /** Its credit gauge, looked up once. */
    kamon.metric.Gauge creditGauge;

    CreditDom(Domain domain) {
        this.domain = domain;
    }

    int weight() {
        return units.isEmpty() ? CreditScheduler.DEFAULT_WEIGHT : Math.max(1, units.get(0).unit.weight());
    }

    int cap() {
        return units.isEmpty() ? 0 : units.get(0).unit.cap();
    }

    /** The sum of its units' credit in Xen's units, for the per-domain gauge. */
    int credit() {
        long sum = 0;
        for (CreditUnit u : units) {
            sum += u.credit;
        }
        return (int) (sum / CreditScheduler.SCALE);
    }
}
