package io.xenon.guests.image;

import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.guests.os.MiniOs;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * {@code builtin:cpuburn}: keeps every vCPU busy forever, in bounded steps of arithmetic.
 * Parameter {@code step} (default {@code 200us}): how long one step computes.
 */
public final class CpuBurn implements GuestImage {

    @Override
    public String name() {
        return "cpuburn";
    }

    @Override
    public String description() {
        return "burns CPU on every vCPU forever; step=200us sets the length of one step";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        Duration step = args.duration("step", Duration.ofNanos(200_000), ChronoUnit.MICROS);
        if (step.isZero() || step.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("step=" + args.string("step", "") + ": must be between 1us and 100ms");
        }
        return new Burner(args, step.toNanos());
    }

    private static final class Burner extends MiniOs {

        private final long stepNanos;
        private volatile long sink;

        Burner(KernelArgs args, long stepNanos) {
            super("cpuburn", args);
            this.stepNanos = stepNanos;
        }

        @Override
        protected void run(Hypercalls hv) {
            long until = System.nanoTime() + stepNanos;
            long x = sink | 1;
            while (System.nanoTime() < until) {
                for (int i = 0; i < 256; i++) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                }
            }
            sink = x;
        }
    }
}
