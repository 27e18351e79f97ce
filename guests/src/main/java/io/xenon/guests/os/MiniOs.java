package io.xenon.guests.os;

import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.actors.guest.XenbusClient;
import io.xenon.drivers.console.ConsoleFront;

/**
 * The base of the built-in guests, after Mini-OS ({@code extras/mini-os/kernel.c}): at boot it
 * prints a banner, connects to XenStore, obeys {@code control/shutdown} as a PV kernel does,
 * starts its {@link Balloon} on {@code memory/target},
 * brings up every vCPU the domain may use ({@code VCPUOP_up}), follows {@code cpu/<n>/availability}
 * with its {@link VcpuHotplug} watcher ({@code xl vcpu-set}), and calls {@link #start};
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
    private Balloon balloon;
    private volatile ConsoleFront console;

    protected MiniOs(String image, KernelArgs args) {
        this.image = image;
        this.args = args;
    }

    @Override
    public final void boot(Hypercalls hv) throws Exception {
        int consolePort = hv.consoleEvtchn();
        console = new ConsoleFront(hv.page(hv.consoleGfn()), () -> hv.evtchnSend(consolePort));
        printk(hv, "Xenon mini-os: " + image + " on domain " + hv.domid() + ", " + hv.availableVcpus() + " vCPU(s), "
                + (hv.nrPages() * 4 / 1024) + " MiB, xen " + hv.xenVersion());
        if (!args.line().isEmpty()) {
            printk(hv, "command line: " + args.line());
        }
        xenbus = new XenbusClient(hv);
        xenbus.obeyShutdownRequests();
        balloon = new Balloon(hv, line -> printk(hv, line));
        balloon.start(hv, xenbus);
        for (int v = 1; v < hv.availableVcpus(); v++) {
            hv.vcpuUp(v);
        }
        new VcpuHotplug(line -> printk(hv, line)).start(hv, xenbus);
        start(hv);
    }

    /**
     * Dispatches pending event channels: XenStore's to the xenbus client, the balloon's to its
     * next turn, the rest to {@link #event}.
     */
    @Override
    public final void upcall(Hypercalls hv) throws Exception {
        int store = hv.storeEvtchn();
        int consolePort = hv.consoleEvtchn();
        hv.evtchnDrain(port -> {
            if (port == store) {
                if (xenbus != null) {
                    xenbus.poll();
                }
            } else if (port == consolePort) {
                echoConsoleInput();
            } else if (balloon != null && port == balloon.kickPort()) {
                balloon.turn(hv);
            } else {
                event(hv, port);
            }
        });
    }

    /** Console input is echoed back, as a terminal in cooked mode echoes what is typed. */
    private void echoConsoleInput() {
        ConsoleFront front = console;
        if (front != null) {
            byte[] typed = front.read();
            if (typed.length > 0) {
                front.write(typed);
            }
        }
    }

    /** An event on {@code port}, other than XenStore's and the console's; the default ignores it. */
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

    /**
     * Prints one line on the console: into the PV console ring, as {@code hvc_xen} writes. What
     * does not fit while the ring is full goes through {@code console_io} instead, so no output is
     * lost.
     */
    protected void printk(Hypercalls hv, String line) {
        byte[] bytes = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ConsoleFront front = console;
        int written = front == null ? 0 : Math.max(0, front.write(bytes));
        if (written < bytes.length) {
            hv.consoleWrite(bytes, written, bytes.length - written);
        }
    }
}
