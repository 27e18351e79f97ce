package io.xenon.actors;

import io.xenon.abi.DomId;
import io.xenon.actors.domain.DomainMetrics;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.domain.Vcpu;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * The hypervisor's bookkeeping of time and metrics: each domain's Kamon series, the host's, and
 * Domain-0's CPU time, which is the daemon's own (the process's CPU time less what DomU vCPUs
 * used, spread over Domain-0's vCPUs).
 *
 * <p>Confined to the hypervisor actor.
 */
final class HostSampler {

    private final Host host;
    private final Domain dom0;
    private final Map<DomId, DomainMetrics> metrics = new HashMap<>();
    private final HostMetrics hostMetrics = new HostMetrics();
    private long dom0CpuCharged;

    HostSampler(Host host, Domain dom0) {
        this.host = host;
        this.dom0 = dom0;
        // Domain-0 has series like every domain (xentop lists it too): its memory follows its
        // balloon, and its CPU time is what chargeDom0 gives it.
        add(dom0);
    }

    /** A new domain's metrics. */
    DomainMetrics add(Domain d) {
        DomainMetrics dm = new DomainMetrics(d.id().value(), d.name());
        metrics.put(d.id(), dm);
        return dm;
    }

    /** Drops a dead domain's series. */
    void remove(DomId id) {
        DomainMetrics dm = metrics.remove(id);
        if (dm != null) {
            dm.remove();
        }
    }

    /** Records every domain's state and the host's, once a second. */
    void sample() {
        chargeDom0();
        for (Domain d : host.domains()) {
            DomainMetrics dm = metrics.get(d.id());
            if (dm != null) {
                dm.sample(d.info());
            }
        }
        hostMetrics.sample(host);
    }

    /** Brings Domain-0's CPU time up to date (before it is reported). */
    void chargeDom0() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return;
        }
        long guests = 0;
        for (Domain d : host.domains()) {
            if (d != dom0) {
                guests += d.cpuTimeNanos();
            }
        }
        long owed = Math.max(0, os.getProcessCpuTime() - guests) - dom0CpuCharged;
        if (owed > 0) {
            int n = dom0.maxVcpus();
            for (Vcpu v : dom0.vcpus()) {
                v.addCpuTime(owed / n);
            }
            dom0CpuCharged += owed / n * n;
            DomainMetrics dm = metrics.get(dom0.id());
            if (dm != null) {
                dm.cpuTime(owed / n * n);
            }
        }
    }
}
