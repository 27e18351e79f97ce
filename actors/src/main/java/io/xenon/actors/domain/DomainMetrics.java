package io.xenon.actors.domain;

import io.xenon.runtime.domain.DomainInfo;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Gauge;
import kamon.metric.MeasurementUnit;
import kamon.tag.TagSet;

/**
 * A domain's Kamon metrics, tagged with its name and domid: CPU time (charged where each slice
 * ends), state, memory and online vCPUs (sampled by the hypervisor), and crashes and restarts
 * (counted by the domain supervisor, tagged by name only so they survive a restart's new domid).
 *
 * <p>Thread-safe (Kamon's instruments are).
 */
public final class DomainMetrics {

    /** The state gauge's values, in {@code xl list}'s column order. */
    public static final int RUNNING = 0;
    public static final int BLOCKED = 1;
    public static final int PAUSED = 2;
    public static final int SHUTDOWN = 3;
    public static final int CRASHED = 4;
    public static final int DYING = 5;

    private static final kamon.metric.Metric.Counter CPU = Kamon.counter("xenon.domain.cpu.time",
            "CPU time used by the domain's vCPUs", MeasurementUnit.time().nanoseconds());
    private static final kamon.metric.Metric.Gauge STATE = Kamon.gauge("xenon.domain.state",
            "0 running, 1 blocked, 2 paused, 3 shut down, 4 crashed, 5 dying");
    private static final kamon.metric.Metric.Gauge MEMORY = Kamon.gauge("xenon.domain.memory",
            "memory held by the domain", MeasurementUnit.information().bytes());
    private static final kamon.metric.Metric.Gauge TOUCHED = Kamon.gauge("xenon.domain.memory.touched",
            "guest memory backed by host pages", MeasurementUnit.information().bytes());
    private static final kamon.metric.Metric.Gauge VCPUS = Kamon.gauge("xenon.domain.vcpus",
            "vCPUs online");
    private static final kamon.metric.Metric.Counter CRASHES = Kamon.counter("xenon.domain.crashes",
            "times a domain of this name crashed");
    private static final kamon.metric.Metric.Counter RESTARTS = Kamon.counter("xenon.domain.restarts",
            "times a domain of this name was restarted by its on_* action");

    private final TagSet tags;
    private final Counter cpu;
    private final Gauge state;
    private final Gauge memory;
    private final Gauge touched;
    private final Gauge vcpus;

    public DomainMetrics(int domid, String name) {
        this.tags = TagSet.builder().add("domain", name).add("domid", Integer.toString(domid)).build();
        this.cpu = CPU.withTags(tags);
        this.state = STATE.withTags(tags);
        this.memory = MEMORY.withTags(tags);
        this.touched = TOUCHED.withTags(tags);
        this.vcpus = VCPUS.withTags(tags);
    }

    public void cpuTime(long nanos) {
        if (nanos > 0) {
            cpu.increment(nanos);
        }
    }

    /** Records a snapshot's state, memory and vCPUs. */
    public void sample(DomainInfo info) {
        state.update(stateOf(info));
        memory.update(info.currentKiB() * 1024.0);
        touched.update(info.touchedPages() * 4096.0);
        vcpus.update(info.onlineVcpus());
    }

    /** Drops this domain's series (it is gone). */
    public void remove() {
        CPU.remove(tags);
        STATE.remove(tags);
        MEMORY.remove(tags);
        TOUCHED.remove(tags);
        VCPUS.remove(tags);
    }

    public static void crashed(String name) {
        CRASHES.withTag("domain", name).increment();
    }

    public static void restarted(String name) {
        RESTARTS.withTag("domain", name).increment();
    }

    /** The state gauge's value for a snapshot. */
    public static int stateOf(DomainInfo info) {
        if (info.dying()) {
            return DYING;
        }
        if (info.shutdown()) {
            return info.shutdownReason() == io.xenon.abi.ShutdownReason.CRASH ? CRASHED : SHUTDOWN;
        }
        if (info.paused()) {
            return PAUSED;
        }
        return info.blocked() ? BLOCKED : RUNNING;
    }
}
