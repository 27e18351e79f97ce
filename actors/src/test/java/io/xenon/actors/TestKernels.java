package io.xenon.actors;

import io.xenon.abi.ShutdownReason;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;

/** Small guest kernels for tests, booted as {@code java:io.xenon.actors.TestKernels$NAME}. */
public final class TestKernels {

    private TestKernels() {
    }

    /** Prints "booted", brings up its vCPUs, then blocks; complies with shutdown requests. */
    public static final class Idle implements GuestKernel {
        @Override
        public void boot(Hypercalls hv) {
            hv.consoleWrite("booted\n");
            for (int v = 1; v < hv.availableVcpus(); v++) {
                hv.vcpuUp(v);
            }
        }

        @Override
        public void step(Hypercalls hv) {
            hv.block();
        }
    }

    /** Computes forever in short steps. */
    public static final class Burn implements GuestKernel {
        private volatile long sink;

        @Override
        public void boot(Hypercalls hv) {
            for (int v = 1; v < hv.availableVcpus(); v++) {
                hv.vcpuUp(v);
            }
        }

        @Override
        public void step(Hypercalls hv) {
            long until = System.nanoTime() + 100_000;
            long x = sink | 1;
            while (System.nanoTime() < until) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }

    /** Crashes {@code after} ms after boot (default 20): panics, or throws with {@code how=exception}. */
    public static final class Crash implements GuestKernel {
        private long deadline;
        private boolean throwIt;

        @Override
        public void boot(Hypercalls hv) {
            KernelArgs args = KernelArgs.parse(hv.commandLine());
            throwIt = args.string("how", "panic").equals("exception");
            deadline = hv.systemTime() + args.number("after", 20) * 1_000_000;
            hv.setTimer(deadline);
        }

        @Override
        public void step(Hypercalls hv) {
            if (hv.systemTime() < deadline) {
                hv.block();
            } else if (throwIt) {
                throw new IllegalStateException("deliberate");
            } else {
                hv.shutdown(ShutdownReason.CRASH);
            }
        }
    }

    /** Ignores shutdown requests, as a hung guest does. */
    public static final class Deaf implements GuestKernel {
        @Override
        public void boot(Hypercalls hv) {
        }

        @Override
        public void step(Hypercalls hv) {
            hv.block();
        }

        @Override
        public void shutdownRequested(Hypercalls hv, ShutdownReason reason) {
            hv.consoleWrite("ignoring " + reason.xlName() + "\n");
        }
    }
}
