package io.xenon.guests.os;

import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.actors.guest.XenbusClient;

/**
 * The base of the built-in guests, after Mini-OS ({@code extras/mini-os/kernel.c}): at boot it
 * prints a banner, connects to XenStore and obeys {@code control/shutdown} as a PV kernel does,
 * brings up every vCPU the domain may use ({@code VCPUOP_up}), and calls {@link #start};
 * afterwards every vCPU runs {@link #run} until it blocks, and event upcalls are dispatched by
 * port.
 *
 * <p>An image overrides {@link #start} to set itself up on vCPU 0 and {@link #run} for its work;
 * the defaults block, so a bare {@code MiniOs} is an idle guest.
 */
public abstract class MiniOs implements GuestKernel {

    private final String image;
    protected final KernelArgs args;
    private XenbusClient xenbus;

    protected MiniOs(String image, KernelArgs args) {
        this.image = image;
        this.args = args;
    }

    @Override
    public final void boot(Hypercalls hv) throws Exception {
        printk(hv, "Xenon mini-os: " + image + " on domain " + hv.domid() + ", " + hv.availableVcpus() + " vCPU(s), "
                + (hv.nrPages() * 4 / 1024) + " MiB, xen " + hv.xenVersion());
        if (!args.line().isEmpty()) {
            printk(hv, "command line: " + args.line());
        }
        xenbus = new XenbusClient(hv);
        xenbus.obeyShutdownRequests();
        for (int v = 1; v < hv.availableVcpus(); v++) {
            hv.vcpuUp(v);
        }
        start(hv);
    }

    /** Dispatches pending event channels: XenStore's to the xenbus client, the rest to {@link #event}. */
    @Override
    public final void upcall(Hypercalls hv) throws Exception {
        int store = hv.storeEvtchn();
        hv.evtchnDrain(port -> {
            if (port == store) {
                if (xenbus != null) {
                    xenbus.poll();
                }
            } else {
                event(hv, port);
            }
        });
    }

    /** An event on {@code port}, other than XenStore's; the default ignores it. */
    protected void event(Hypercalls hv, int port) {
    }

    /** The guest's XenStore client (set up at boot, used on vCPU 0). */
    protected XenbusClient xenbus() {
        return xenbus;
    }

    @Override
    public final void step(Hypercalls hv) throws Exception {
        run(hv);
    }

    /** Sets the image up on vCPU 0, after the other vCPUs were brought up. */
    protected void start(Hypercalls hv) throws Exception {
    }

    /** One bounded step of the image's work on the calling vCPU; the default blocks. */
    protected void run(Hypercalls hv) throws Exception {
        hv.block();
    }

    /** Prints one line on the console. */
    protected static void printk(Hypercalls hv, String line) {
        hv.consoleWrite(line + "\n");
    }
}
