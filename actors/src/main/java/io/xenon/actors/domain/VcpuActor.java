package io.xenon.actors.domain;

import io.xenon.abi.ShutdownReason;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.sched.SchedulerActor.RunSlice;
import io.xenon.actors.sched.SchedulerActor;
import io.xenon.runtime.domain.Vcpu;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One vCPU: runs its guest kernel's work in the slices the scheduler gives it, on the pCPU
 * dispatcher (as many threads as the host has pCPUs).
 *
 * <p>A slice boots the kernel if this is vCPU 0's first, delivers a pending upcall, then steps
 * the kernel until it blocks, yields, the domain stops being runnable, or the slice's time is up.
 * The CPU time the thread really used is charged to the vCPU and reported to the scheduler.
 * Whatever the guest throws is caught here and crashes only its own domain.
 */
public final class VcpuActor {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Vcpu vcpu;
    private final DomainServices services;
    private final ActorRef<SchedulerActor.Command> scheduler;
    private final VcpuHypercalls hv;
    private final DomainMetrics metrics;
    private int bootedGeneration = -1;

    private VcpuActor(Vcpu vcpu, DomainServices services, ActorRef<SchedulerActor.Command> scheduler,
            DomainMetrics metrics) {
        this.vcpu = vcpu;
        this.services = services;
        this.scheduler = scheduler;
        this.hv = new VcpuHypercalls(services, vcpu);
        this.metrics = metrics;
    }

    static Behavior<RunSlice> create(Vcpu vcpu, DomainServices services, ActorRef<SchedulerActor.Command> scheduler,
            DomainMetrics metrics) {
        return Behaviors.setup(ctx -> {
            VcpuActor actor = new VcpuActor(vcpu, services, scheduler, metrics);
            return Behaviors.receive(RunSlice.class)
                    .onMessage(RunSlice.class, actor::onRunSlice)
                    .onSignal(PostStop.class, s -> actor.onStop())
                    .build();
        });
    }

    private Behavior<RunSlice> onRunSlice(RunSlice slice) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + slice.sliceNanos();
        boolean yielded = false;
        vcpu.setRunning(slice.pcpu());
        try {
            yielded = run(deadline);
        } catch (Throwable t) {
            crash(t);
        } finally {
            vcpu.setRunning(-1);
        }
        long ran = THREADS.getCurrentThreadCpuTime() - cpuStart;
        vcpu.addCpuTime(ran);
        metrics.cpuTime(ran);
        scheduler.tell(new SchedulerActor.SliceDone(vcpu, slice.pcpu(), ran, yielded));
        return Behaviors.same();
    }

    /** Runs the guest until the slice ends; returns whether it yielded. */
    private boolean run(long deadline) throws Exception {
        GuestKernel kernel = services.kernel();
        if (vcpu.vcpuId() == 0 && bootedGeneration != services.bootGeneration()) {
            bootedGeneration = services.bootGeneration();
            kernel.boot(hv);
        }
        while (vcpu.isRunnable()) {
            if (hv.takeYield()) {
                return true;
            }
            if (vcpu.takeUpcall()) {
                kernel.upcall(hv);
            } else {
                kernel.step(hv);
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
        }
        return hv.takeYield();
    }

    private void crash(Throwable t) {
        String detail = "vcpu" + vcpu.vcpuId() + ": " + t;
        services.shutdown(ShutdownReason.CRASH, detail);
    }

    private Behavior<RunSlice> onStop() {
        hv.cancelTimer();
        return Behaviors.same();
    }
}
