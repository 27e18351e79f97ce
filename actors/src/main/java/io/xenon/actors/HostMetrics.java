package io.xenon.actors;

import io.xenon.runtime.domain.Host;
import kamon.Kamon;
import kamon.metric.Gauge;
import kamon.metric.MeasurementUnit;

/** The host's Kamon gauges, sampled by the hypervisor: memory free and touched, domains, domids. */
final class HostMetrics {

    private final Gauge free = Kamon.gauge("xenon.host.memory.free", "memory not reserved by any domain",
            MeasurementUnit.information().bytes()).withoutTags();
    private final Gauge touched = Kamon.gauge("xenon.host.memory.touched", "guest memory backed by host pages",
            MeasurementUnit.information().bytes()).withoutTags();
    private final Gauge total = Kamon.gauge("xenon.host.memory.total", "host memory",
            MeasurementUnit.information().bytes()).withoutTags();
    private final Gauge domains = Kamon.gauge("xenon.host.domains", "domains, Domain-0 included").withoutTags();

    void sample(Host host) {
        free.update(host.frames().freeFrames() * 4096.0);
        touched.update(host.frames().touchedFrames() * 4096.0);
        total.update(host.frames().totalFrames() * 4096.0);
        domains.update(host.domainCount());
    }
}
