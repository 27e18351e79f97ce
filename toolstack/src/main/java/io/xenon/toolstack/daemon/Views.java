package io.xenon.toolstack.daemon;

import io.xenon.actors.HostSettings;
import io.xenon.actors.HypervisorActor;
import io.xenon.actors.sched.SchedulerActor;
import io.xenon.runtime.domain.DomainInfo;
import io.xenon.runtime.domain.VcpuInfo;
import io.xenon.toolstack.api.DomainView;
import io.xenon.toolstack.api.HostView;
import io.xenon.toolstack.api.VcpuView;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Turns the hypervisor's snapshots into the API's views. */
final class Views {

    private Views() {
    }

    static DomainView domain(DomainInfo d, int nrCpus, long daemonStartNanos) {
        List<VcpuView> vcpus = new ArrayList<>(d.vcpus().size());
        for (VcpuInfo v : d.vcpus()) {
            vcpus.add(new VcpuView(v.vcpu(), v.online(), v.pcpu(), v.state() == io.xenon.runtime.domain.RunState.RUNNING,
                    v.state() == io.xenon.runtime.domain.RunState.BLOCKED, v.cpuTimeNanos(),
                    cpus(v.hardAffinity(), nrCpus), cpus(v.softAffinity(), nrCpus)));
        }
        double uptime = d.id().value() == 0 ? HostFacts.uptimeSeconds(daemonStartNanos)
                : (System.nanoTime() - d.createdAtNanos()) / 1e9;
        return new DomainView(d.id().value(), d.name(), d.uuid().toString(), d.currentKiB(), d.targetKiB(),
                d.maxKiB(), d.onlineVcpus(), d.maxVcpus(), d.running(), d.blocked(), d.paused(), d.shutdown(),
                d.shutdownReason() == null ? null : d.shutdownReason().xlName(),
                d.shutdownReason() == null ? null : d.shutdownReason().code(), d.dying(), d.cpuTimeNanos(),
                d.createdAtMillis() / 1000.0, uptime, vcpus);
    }

    /** The host as {@code xl info} shows it; {@code free_cpus} counts the pCPUs in no cpupool. */
    static HostView host(HypervisorActor.HostInfo h, SchedulerActor.PoolList pools, HostSettings settings,
            long daemonStartNanos) {
        BitSet pooled = new BitSet();
        pools.pools().forEach(p -> p.cpus().forEach(pooled::set));
        int freeCpus = h.pcpus() - pooled.get(0, h.pcpus()).cardinality();
        String commandLine = "dom0_mem=" + settings.dom0MemoryMiB() + "M dom0_max_vcpus=" + settings.dom0Vcpus()
                + " sched=" + settings.scheduler();
        return new HostView(HostFacts.hostname(), HostFacts.release(), HostFacts.version(), HostFacts.machine(),
                h.pcpus(), h.pcpus() - 1, 1, h.pcpus(), 1, HostFacts.cpuMhz(),
                "00000000:00000000:00000000:00000000:00000000:00000000:00000000:00000000", "pv",
                h.totalMiB(), h.freeMiB(), 0, 0, 0, freeCpus, h.xenMajor(), h.xenMinor(), h.xenExtra(),
                h.xenMajor() + "." + h.xenMinor() + h.xenExtra(), "xen-3.0-x86_64", h.scheduler(), 4096,
                "virt_start=0xffff800000000000", "", commandLine,
                "Java " + System.getProperty("java.version", "") + " (" + System.getProperty("java.vendor", "") + ")",
                "", "", "", "", HostFacts.uptimeSeconds(daemonStartNanos));
    }

    private static List<Integer> cpus(BitSet mask, int nrCpus) {
        List<Integer> out = new ArrayList<>();
        if (mask == null) {
            for (int i = 0; i < nrCpus; i++) {
                out.add(i);
            }
        } else {
            mask.stream().forEach(out::add);
        }
        return out;
    }
}
