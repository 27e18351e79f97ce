package io.xenon.toolstack.daemon;

import io.xenon.abi.ShutdownReason;
import io.xenon.actors.HypervisorActor;
import io.xenon.drivers.DeviceStats;
import io.xenon.drivers.DeviceStats.Counter;
import io.xenon.runtime.domain.DomainInfo;
import io.xenon.runtime.domain.VcpuInfo;
import io.xenon.toolstack.api.TopView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the hypervisor's domain list, the host's facts and the back ends' device totals into
 * one {@link TopView}, as {@code xenstat_get_node} gathers a node for {@code xentop}.
 */
final class TopViews {

    private static final Pattern VIF_NAME = Pattern.compile("vif(\\d+)\\.(\\d+)");
    private static final int SECTOR_SHIFT = 9;

    private TopViews() {
    }

    static TopView top(List<DomainInfo> domains, HypervisorActor.HostInfo host, List<DeviceStats.Sample> devices,
            long timeMillis, long sampledNanos) {
        List<TopView.Domain> rows = new ArrayList<>(domains.size());
        for (DomainInfo d : domains) {
            rows.add(domain(d, devices));
        }
        return new TopView(timeMillis, sampledNanos, host.xenMajor() + "." + host.xenMinor() + host.xenExtra(),
                host.totalMiB() * 1024, host.freeMiB() * 1024, host.pcpus(), cpuMhz(HostFacts.cpuMhz()), rows);
    }

    static TopView.Domain domain(DomainInfo d, List<DeviceStats.Sample> devices) {
        List<Long> vcpuNanos = new ArrayList<>(d.vcpus().size());
        for (VcpuInfo v : d.vcpus()) {
            vcpuNanos.add(v.online() ? v.cpuTimeNanos() : -1L);
        }
        int domid = d.id().value();
        List<DeviceStats.Sample> vifs = devices.stream()
                .filter(s -> s.key().domid() == domid && s.key().kind().equals("vif"))
                .sorted(Comparator.comparing(s -> s.key().name())).toList();
        List<TopView.Net> nets = new ArrayList<>();
        for (int i = 0; i < vifs.size(); i++) {
            DeviceStats.Sample s = vifs.get(i);
            Matcher m = VIF_NAME.matcher(s.key().name());
            // A vifname= interface has no devid in its name; xenstat would read sysfs, we number by order.
            int id = m.matches() ? Integer.parseInt(m.group(2)) : i;
            // xenstat reads Domain-0's interface: what it receives is what the guest sent.
            nets.add(new TopView.Net(id, s.key().name(), s.get(Counter.FROM_GUEST_BYTES), s.get(Counter.FROM_GUEST_FRAMES),
                    s.get(Counter.TO_GUEST_BYTES), s.get(Counter.TO_GUEST_FRAMES), s.get(Counter.ERRORS),
                    s.get(Counter.DROPS)));
        }
        nets.sort(Comparator.comparingInt(TopView.Net::id));
        List<TopView.Vbd> vbds = devices.stream()
                .filter(s -> s.key().domid() == domid && s.key().kind().equals("vbd"))
                .map(s -> new TopView.Vbd(Integer.parseInt(s.key().name()), s.get(Counter.OO_REQS),
                        s.get(Counter.RD_REQS), s.get(Counter.WR_REQS), s.get(Counter.RD_BYTES) >> SECTOR_SHIFT,
                        s.get(Counter.WR_BYTES) >> SECTOR_SHIFT))
                .sorted(Comparator.comparingInt(TopView.Vbd::dev)).toList();
        long max = d.maxKiB() <= 0 || d.maxKiB() == Long.MAX_VALUE ? TopView.NO_LIMIT : d.maxKiB();
        return new TopView.Domain(domid, d.name(), state(d), d.cpuTimeNanos(), d.currentKiB(), max, d.maxVcpus(),
                vcpuNanos, nets, List.copyOf(vbds), 0);
    }

    /** xentop's letters in its order: dying, shutdown (not a crash), blocked, crashed, paused, running. */
    static String state(DomainInfo d) {
        boolean crashed = d.shutdown() && d.shutdownReason() == ShutdownReason.CRASH;
        return new String(new char[] {
            d.dying() ? 'd' : '-',
            d.shutdown() && !crashed ? 's' : '-',
            d.blocked() ? 'b' : '-',
            crashed ? 'c' : '-',
            d.paused() ? 'p' : '-',
            d.running() ? 'r' : '-'
        });
    }

    static long cpuMhz(String text) {
        try {
            return Math.round(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
