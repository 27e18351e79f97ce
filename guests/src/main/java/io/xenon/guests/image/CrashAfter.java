package io.xenon.guests.image;

import io.xenon.abi.ShutdownReason;
import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.guests.os.MiniOs;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * {@code builtin:crash-after}: boots, waits, then crashes. Parameters: {@code after} (default
 * {@code 5s}; a bare number is seconds) and {@code how}: {@code panic} (default: prints a panic
 * and calls {@code SCHEDOP_shutdown(crash)}, as a Linux guest's panic does) or {@code exception}
 * (throws from guest code).
 */
public final class CrashAfter implements GuestImage {

    @Override
    public String name() {
        return "crash-after";
    }

    @Override
    public String description() {
        return "crashes after a while; after=5s how=panic|exception";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        Duration after = args.duration("after", Duration.ofSeconds(5), ChronoUnit.SECONDS);
        String how = args.string("how", "panic");
        if (!how.equals("panic") && !how.equals("exception")) {
            throw new IllegalArgumentException("how=" + how + ": expected panic or exception");
        }
        return new Crasher(args, after.toNanos(), how.equals("exception"));
    }

    private static final class Crasher extends MiniOs {

        private final long afterNanos;
        private final boolean throwIt;
        private long deadline;

        Crasher(KernelArgs args, long afterNanos, boolean throwIt) {
            super("crash-after", args);
            this.afterNanos = afterNanos;
            this.throwIt = throwIt;
        }

        @Override
        protected void start(Hypercalls hv) {
            deadline = hv.systemTime() + afterNanos;
            hv.setTimer(deadline);
        }

        @Override
        protected void run(Hypercalls hv) {
            if (hv.vcpuId() != 0 || hv.systemTime() < deadline) {
                hv.block();
                return;
            }
            if (throwIt) {
                throw new IllegalStateException("crash-after: deliberate fault after " + afterNanos / 1_000_000 + " ms");
            }
            printk(hv, "Kernel panic - not syncing: crash-after: " + afterNanos / 1_000_000 + " ms elapsed");
            hv.shutdown(ShutdownReason.CRASH);
        }
    }
}
