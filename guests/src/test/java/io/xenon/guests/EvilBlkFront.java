package io.xenon.guests;

import io.xenon.abi.ring.Sring;
import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.drivers.blk.front.BlkFront;
import io.xenon.drivers.blk.front.BlkFrontData;
import io.xenon.guests.os.MiniOs;

/**
 * A hostile guest for tests: connects its disk as blkfront does, then publishes a request
 * producer index far beyond the ring ({@code req_prod} = 1000 on a 32-slot ring) and kicks the
 * back end.
 */
public final class EvilBlkFront extends MiniOs {

    private BlkFront disk;

    public EvilBlkFront() {
        super("evil", KernelArgs.parse(""));
    }

    @Override
    protected void start(Hypercalls hv) {
        xenbus().directory("device/vbd", devids -> {
            disk = new BlkFront(hv, xenbus(), new GuestFrames(hv), Integer.parseInt(devids.get(0)),
                    new BlkFront.Listener() {
                        @Override
                        public void connected(BlkFront d, long sectors, boolean readonly) {
                            hv.page(d.ringGfn()).putIntRelease(Sring.OFF_req_prod, 1000);
                            hv.evtchnSend(d.port());
                            printk(hv, "evil: ring broken");
                        }

                        @Override
                        public void completed(BlkFrontData.Completion c) {
                        }
                    });
            disk.start();
        });
    }

    @Override
    protected void event(Hypercalls hv, int port) {
        if (disk != null && port == disk.port()) {
            disk.onEvent();
        }
    }
}
