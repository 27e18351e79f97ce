package io.xenon.actors;

import io.xenon.abi.ShutdownReason;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.actors.guest.XenbusClient;

/** Small guest kernels for tests, booted as {@code java:io.xenon.actors.TestKernels$NAME}. */
public final class TestKernels {

    private TestKernels() {
    }

    /**
     * Prints "booted", brings up its vCPUs, then blocks; obeys {@code control/shutdown} through its
     * XenStore connection.
     */
    public static final class Idle implements GuestKernel {
        private XenbusClient xenbus;

        @Override
        public void boot(Hypercalls hv) {
            hv.consoleWrite("booted\n");
            xenbus = new XenbusClient(hv);
            xenbus.obeyShutdownRequests();
            for (int v = 1; v < hv.availableVcpus(); v++) {
                hv.vcpuUp(v);
            }
        }

        @Override
        public void upcall(Hypercalls hv) {
            pollXenbus(hv, xenbus);
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

    /** Never looks at XenStore, so it ignores shutdown requests, as a hung guest does. */
    public static final class Deaf implements GuestKernel {
        @Override
        public void boot(Hypercalls hv) {
        }

        @Override
        public void step(Hypercalls hv) {
            hv.block();
        }
    }

    /**
     * Tries one XenStore operation through its own connection and prints the outcome on its
     * console: {@code extra = "op=read path=P"} prints {@code read P: VALUE} or the error name;
     * {@code op=write path=P value=V} prints {@code write P: OK} or the error.
     */
    public static final class XsTry implements GuestKernel {
        private XenbusClient xenbus;

        @Override
        public void boot(Hypercalls hv) {
            KernelArgs args = KernelArgs.parse(hv.commandLine());
            String op = args.string("op", "read");
            String path = args.string("path", "name");
            xenbus = new XenbusClient(hv);
            java.util.function.Consumer<io.xenon.abi.xenstore.XsMessage> report = reply -> hv.consoleWrite(
                    op + " " + path + ": " + reply.payloadString().replace("\0", "") + "\n");
            if (op.equals("write")) {
                xenbus.write(path, args.string("value", "x"), report);
            } else {
                xenbus.read(path, report);
            }
        }

        @Override
        public void upcall(Hypercalls hv) {
            pollXenbus(hv, xenbus);
        }

        @Override
        public void step(Hypercalls hv) {
            hv.block();
        }
    }

    /**
     * Uses one of each primitive and leaves it for the hypervisor to clean up: grants a page to
     * Domain-0 and another to itself, maps its own grant, offers Domain-0 an event channel, and
     * writes a XenStore node of its own; then counts itself in {@link #READY} and blocks.
     */
    public static final class Sharer implements GuestKernel {
        static final java.util.concurrent.atomic.AtomicInteger READY = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void boot(Hypercalls hv) {
            check(hv.grantAccess(8, io.xenon.abi.DomId.DOM0, 1, false) == 0, "grant to Domain-0");
            check(hv.grantAccess(9, hv.domid(), 2, true) == 0, "grant to itself");
            io.xenon.runtime.gnttab.GrantMapping m = hv.gnttabMap(hv.domid(), 9,
                    io.xenon.abi.gnttab.GnttabOp.GNTMAP_host_map | io.xenon.abi.gnttab.GnttabOp.GNTMAP_readonly);
            check(m.status() == io.xenon.abi.gnttab.GrantStatus.GNTST_okay, "map: " + m.status());
            check(hv.evtchnAllocUnbound(io.xenon.abi.DomId.DOM0) > 0, "alloc_unbound");
            new XenbusClient(hv).write("data/left", "behind", reply -> {
            });
            READY.incrementAndGet();
        }

        @Override
        public void step(Hypercalls hv) {
            hv.block();
        }

        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new IllegalStateException(what + " failed");
            }
        }
    }

    /** The upcall of a kernel whose only event channel is XenStore's. */
    private static void pollXenbus(Hypercalls hv, XenbusClient xenbus) {
        int store = hv.storeEvtchn();
        hv.evtchnDrain(port -> {
            if (port == store) {
                xenbus.poll();
            }
        });
    }
}
