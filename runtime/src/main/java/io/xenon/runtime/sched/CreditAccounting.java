package io.xenon.runtime.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The credit scheduler's accounting ({@code csched_acct}), run once per time slice: shares
 * {@code credits_per_tslice × pcpus} credits among the active domains by weight, holds capped
 * domains to their cap, recomputes each active unit's priority, parks and unparks capped units,
 * and retires units that stopped using their credit.
 *
 * <p>Confined to the {@link CreditScheduler} it serves.
 */
final class CreditAccounting {

    private CreditAccounting() {
    }

    static void run(CreditScheduler s) {
        List<CreditDom> active = s.activeDoms();
        long weightTotal = 0;
        for (CreditDom d : active) {
            weightTotal += (long) d.weight() * d.activeUnits.size();
        }
        int perTslice = s.creditsPerTslice();
        // XEN-DIFF: Xen shares credits_per_tslice × pcpus. Xenon's pCPUs are threads: when the
        // machine is oversubscribed they get less CPU than wall time, units cannot burn all that
        // credit, pile it up past a slice's worth and lose it by halving, which flattens shares
        // towards round robin. Sharing only what the pCPUs could deliver keeps weights in force.
        double efficiency = s.takePcpuEfficiency();
        long creditTotal = Math.max(1, Math.round(perTslice * s.pcpus() * efficiency));
        int priorBalance = s.creditBalance();
        // A negative balance (units ran beyond their credit) is paid back over the next periods.
        if (priorBalance < 0) {
            creditTotal -= priorBalance;
        }
        if (weightTotal == 0) {
            s.creditBalance(0);
            updateGauges(s);
            return;
        }
        long weightLeft = weightTotal;
        long balance = 0;
        boolean someoneWantsMore = false;
        List<CreditDom> toHead = new ArrayList<>();
        for (CreditDom d : new ArrayList<>(active)) {
            int n = d.activeUnits.size();
            if (n == 0) {
                continue;
            }
            long w = d.weight();
            weightLeft -= w * n;
            // At most every active unit for a whole period, more only to pay back a deficit.
            long peak = (long) n * perTslice;
            if (priorBalance < 0) {
                peak += ceilDiv(-priorBalance * w * n, weightTotal);
            }
            int cap = d.cap();
            long unitCap = 0;
            if (cap != 0) {
                long domCap = ceilDiv((long) cap * perTslice, 100);
                peak = Math.min(peak, domCap);
                unitCap = ceilDiv(domCap, n);
            }
            long fair = ceilDiv(creditTotal * w * n, weightTotal);
            if (fair < peak) {
                someoneWantsMore = true;
            } else {
                // What this domain cannot use goes to the domains not yet served.
                if (weightLeft != 0) {
                    creditTotal += ceilDiv((fair - peak) * weightTotal, weightLeft);
                }
                if (someoneWantsMore) {
                    toHead.add(d);
                }
                fair = peak;
            }
            long perUnit = ceilDiv(fair, n);
            for (CreditUnit cu : new ArrayList<>(d.activeUnits)) {
                cu.credit += (int) perUnit;
                if (cu.credit < 0) {
                    s.reprioritise(cu, CreditUnit.PRI_OVER);
                    if (cap != 0 && cu.credit < -unitCap && !cu.parked) {
                        s.park(cu);
                    }
                    cu.credit = Math.max(cu.credit, -perTslice);
                } else {
                    s.reprioritise(cu, CreditUnit.PRI_UNDER);
                    if (cu.parked) {
                        s.unpark(cu);
                    }
                    if (cu.credit > perTslice) {
                        // Idle enough to stop earning; half its credit gives it a head start later.
                        s.deactivate(cu);
                        cu.credit /= 2;
                    }
                }
                balance += cu.credit;
            }
        }
        s.creditBalance((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, balance)));
        // Domains served in full after one that wanted more go first next time.
        for (CreditDom d : toHead) {
            active.remove(d);
            active.add(0, d);
        }
        updateGauges(s);
    }

    private static void updateGauges(CreditScheduler s) {
        for (CreditDom d : s.doms()) {
            if (d.creditGauge == null) {
                d.creditGauge = s.metrics().credit(d.domain.id().value());
            }
            d.creditGauge.update(d.credit());
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
