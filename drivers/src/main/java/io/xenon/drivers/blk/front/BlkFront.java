package io.xenon.drivers.blk.front;

import io.xenon.abi.DomId;
import io.xenon.abi.blkif.Blkif;
import io.xenon.abi.blkif.BlkifStructs;
import io.xenon.abi.xenbus.XenbusState;
import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.XenbusClient;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifResponse;
import io.xenon.drivers.ring.FrontRing;
import io.xenon.drivers.ring.SharedRing;

/**
 * blkfront for one vbd inside a guest kernel, after Linux's {@code xen-blkfront}: it walks the
 * XenBus handshake from the guest's side (on the back end's InitWait it allocates and grants the
 * ring page, opens an event channel to the back end, writes {@code ring-ref},
 * {@code event-channel} and {@code protocol} and moves to Initialised; on Connected it reads the
 * size and connects; on Closing it closes), puts requests on the ring and hands completed
 * responses to its {@link Listener}.
 *
 * <p>Confined to the guest's vCPU 0, where the XenStore and device events are handled.
 */
public final class BlkFront {

    /** What the guest's block layer hears. */
    public interface Listener {

        /** The disk is ready: {@code sectors} of 512 bytes, read-only if {@code readonly}. */
        void connected(BlkFront disk, long sectors, boolean readonly);

        /** A request finished. */
        void completed(BlkFrontData.Completion completion);
    }

    private final Hypercalls hv;
    private final XenbusClient xenbus;
    private final GuestFrames frames;
    private final int devid;
    private final String dir;
    private final Listener listener;
    private XenbusState state = XenbusState.XenbusStateInitialising;
    private String backend;
    private int backendId;
    private FrontRing ring;
    private int port = -1;
    private BlkFrontData data;
    private long ringGfn = -1;
    private int ringRef = -1;
    private final java.util.SortedMap<Long, BlkifRequest> inFlight = new java.util.TreeMap<>();

    public BlkFront(Hypercalls hv, XenbusClient xenbus, GuestFrames frames, int devid, Listener listener) {
        this.hv = hv;
        this.xenbus = xenbus;
        this.frames = frames;
        this.devid = devid;
        this.dir = "device/vbd/" + devid;
        this.listener = listener;
    }

    /** Finds the back end and follows its state. */
    public void start() {
        xenbus.read(dir + "/backend-id", id -> {
            backendId = parse(id.payloadString());
            xenbus.read(dir + "/backend", be -> {
                backend = be.payloadString();
                xenbus.watch(backend + "/state", "vbd-" + devid,
                        path -> xenbus.read(path, v -> backendChanged(XenbusState.parse(v.payloadString()))));
            });
        });
    }

    /** The event channel whose events {@link #onEvent} handles; -1 before the ring exists. */
    public int port() {
        return port;
    }

    /** The frame holding the shared ring, -1 before the ring exists. */
    public long ringGfn() {
        return ringGfn;
    }

    /** The vbd number. */
    public int devid() {
        return devid;
    }

    /** The request builder, once connected. */
    public BlkFrontData data() {
        return data;
    }

    /** Whether the ring has room for another request. */
    public boolean canSubmit() {
        return ring != null && state == XenbusState.XenbusStateConnected && !ring.full();
    }

    /** Puts a request built by {@link #data()} on the ring and notifies the back end if it waits. */
    public void submit(BlkifRequest request) {
        if (!canSubmit()) {
            throw new IllegalStateException("vbd " + devid + " cannot take a request now");
        }
        inFlight.put(request.id(), request);
        put(request);
    }

    private void put(BlkifRequest request) {
        ring.putRequest((page, offset, r) -> r.encode(page, offset), request);
        if (ring.pushRequestsAndCheckNotify()) {
            hv.evtchnSend(port);
        }
    }

    /** The back end's event: hands every response to the listener. */
    public void onEvent() {
        if (ring == null || ring.broken()) {
            return;
        }
        do {
            while (ring.hasUnconsumedResponses()) {
                BlkifResponse rsp = ring.takeResponse(BlkifResponse::decode);
                // UNTRUSTED: a response for no request in flight is ignored.
                if (inFlight.remove(rsp.id()) != null) {
                    data.complete(rsp).ifPresent(listener::completed);
                }
            }
        } while (ring.finalCheckForResponses());
    }

    /** blkback_changed. */
    private void backendChanged(XenbusState back) {
        if (back == XenbusState.XenbusStateInitWait && state == XenbusState.XenbusStateInitialising) {
            setupRing();
        } else if (back == XenbusState.XenbusStateInitWait && state == XenbusState.XenbusStateConnected) {
            // The back end restarted and walks the handshake again (blkfront_recover): a fresh
            // ring and channel; what had no response is issued again once it is connected. The
            // same state read twice (the watch's first event and the change it already saw)
            // while not yet connected is no restart.
            hv.evtchnClose(port);
            hv.endAccess(ringRef);
            setupRing();
        } else if (back == XenbusState.XenbusStateConnected && state == XenbusState.XenbusStateInitialised) {
            xenbus.read(backend + "/sectors", sectors -> xenbus.read(backend + "/info", info -> {
                boolean first = data == null;
                if (first) {
                    data = new BlkFrontData(hv.grantTable(), hv::page, DomId.of(backendId), devid);
                }
                switchState(XenbusState.XenbusStateConnected);
                if (first) {
                    listener.connected(this, Long.parseLong(sectors.payloadString().strip()),
                            (parse(info.payloadString()) & Blkif.VDISK_READONLY) != 0);
                } else {
                    inFlight.values().forEach(this::put);
                }
            }));
        } else if (back == XenbusState.XenbusStateClosing && state != XenbusState.XenbusStateClosed) {
            switchState(XenbusState.XenbusStateClosed);
        }
    }

    /** setup_blkring and talk_to_blkback. */
    private void setupRing() {
        long gfn = ringGfn >= 0 ? ringGfn : frames.frame();
        int ref = ringRef >= 0 ? ringRef : frames.ref();
        ringGfn = gfn;
        ringRef = ref;
        hv.page(gfn).clear(0, io.xenon.runtime.mm.Page.SIZE);
        SharedRing shared = new SharedRing(hv.page(gfn), BlkifStructs.SLOT_SIZE);
        ring = FrontRing.init(shared);
        hv.grantAccess(ref, DomId.of(backendId), gfn, false);
        port = hv.evtchnAllocUnbound(DomId.of(backendId));
        xenbus.write(dir + "/ring-ref", Integer.toString(ref), r -> {
        });
        xenbus.write(dir + "/event-channel", Integer.toString(port), r -> {
        });
        xenbus.write(dir + "/protocol", Blkif.XEN_IO_PROTO_ABI_X86_64, r -> {
        });
        switchState(XenbusState.XenbusStateInitialised);
    }

    private void switchState(XenbusState next) {
        state = next;
        xenbus.write(dir + "/state", next.node(), r -> {
        });
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
