package io.xenon.guests.image;

import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.drivers.net.front.NetFront;
import io.xenon.guests.os.MiniOs;

/**
 * {@code builtin:netsink}: the receiving end of a {@code builtin:netsend mode=stream}. It brings
 * up its first vif through netfront, counts the data frames it receives (netfront reposts each
 * buffer as it goes) and reflects only the sender's probes and end markers. At the first end
 * marker it reports how many frames arrived between the first and the last, and how long that
 * took, e.g. {@code netsink: 99000 of 100000 frames in 52000000 ns, 0 rx errors}; frames the
 * back end dropped on a full queue are the difference.
 */
public final class NetSink implements GuestImage {

    @Override
    public String name() {
        return "netsink";
    }

    @Override
    public String description() {
        return "counts the frames a streaming netsend sends and reports frames received over time";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        return new Kernel(args);
    }

    private static final class Kernel extends MiniOs {

        private NetFront nic;
        private long frames;
        private long first;
        private long last;
        private boolean reported;

        Kernel(KernelArgs args) {
            super("netsink", args);
        }

        @Override
        protected void start(Hypercalls hv) {
            xenbus().directory("device/vif", devids -> {
                if (devids.isEmpty()) {
                    printk(hv, "netsink: no vif");
                    return;
                }
                nic = new NetFront(hv, xenbus(), new GuestFrames(hv), Integer.parseInt(devids.get(0)),
                        new NetFront.Listener() {
                            @Override
                            public void connected(NetFront n) {
                                printk(hv, "netsink: vif " + n.devid() + " up, mac " + n.mac());
                            }

                            @Override
                            public void received(byte[] frame) {
                                onFrame(hv, frame);
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

        private void onFrame(Hypercalls hv, byte[] frame) {
            if (frame.length < EtherFrame.HEADER + 5 || EtherFrame.ethertype(frame) != EtherFrame.ETHERTYPE_TEST) {
                return;
            }
            byte kind = frame[EtherFrame.HEADER];
            if (kind == NetSendKernel.DATA) {
                last = hv.systemTime();
                if (frames++ == 0) {
                    first = last;
                }
            } else {
                if (kind == NetSendKernel.END && !reported) {
                    reported = true;
                    int sent = java.nio.ByteBuffer.wrap(frame, EtherFrame.HEADER + 1, 4).getInt();
                    printk(hv, "netsink: " + frames + " of " + sent + " frames in " + (last - first) + " ns, "
                            + nic.rxErrors() + " rx errors");
                }
                nic.send(EtherFrame.reflect(frame));
            }
        }
    }
}
