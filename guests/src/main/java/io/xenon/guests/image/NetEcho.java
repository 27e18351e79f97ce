package io.xenon.guests.image;

import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.drivers.net.front.NetFront;
import io.xenon.guests.os.MiniOs;

/**
 * {@code builtin:netecho}: brings up its first vif through netfront and sends every frame it
 * receives straight back, source and destination swapped, as a reflector on a Xen bridge would.
 * Every {@code report} frames (default 100) it prints its counts, e.g.
 * {@code netecho: 100 echoed, 0 dropped, 0 rx errors}.
 */
public final class NetEcho implements GuestImage {

    @Override
    public String name() {
        return "netecho";
    }

    @Override
    public String description() {
        return "reflects every frame its vif receives; report=100";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        return new Kernel(args, Math.max(1, args.number("report", 100)));
    }

    private static final class Kernel extends MiniOs {

        private final long report;
        private NetFront nic;
        private long echoed;
        private long dropped;

        Kernel(KernelArgs args, long report) {
            super("netecho", args);
            this.report = report;
        }

        @Override
        protected void start(Hypercalls hv) {
            xenbus().directory("device/vif", devids -> {
                if (devids.isEmpty()) {
                    printk(hv, "netecho: no vif");
                    return;
                }
                nic = new NetFront(hv, xenbus(), new GuestFrames(hv), Integer.parseInt(devids.get(0)),
                        new NetFront.Listener() {
                            @Override
                            public void connected(NetFront n) {
                                printk(hv, "netecho: vif " + n.devid() + " up, mac " + n.mac());
                            }

                            @Override
                            public void received(byte[] frame) {
                                echo(hv, frame);
                            }
                        });
                nic.start();
            });
        }

        @Override
        protected void event(Hypercalls hv, int port) {
            if (nic != null && port == nic.port()) {
                nic.onEvent();
            }
        }

        private void echo(Hypercalls hv, byte[] frame) {
            if (frame.length < EtherFrame.HEADER || !nic.send(EtherFrame.reflect(frame))) {
                dropped++;
            } else {
                echoed++;
            }
            if ((echoed + dropped) % report == 0) {
                printk(hv, "netecho: " + echoed + " echoed, " + dropped + " dropped, " + nic.rxErrors() + " rx errors");
            }
        }
    }
}
