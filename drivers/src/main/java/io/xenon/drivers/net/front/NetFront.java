package io.xenon.drivers.net.front;

import io.xenon.abi.DomId;
import io.xenon.abi.netif.Netif;
import io.xenon.abi.xenbus.XenbusState;
import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.XenbusClient;
import io.xenon.drivers.net.NetifRx;
import io.xenon.drivers.net.NetifTx;
import io.xenon.drivers.ring.FrontRing;
import io.xenon.drivers.ring.SharedRing;
import io.xenon.drivers.ring.SlotEncoder;
import io.xenon.runtime.mm.Page;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * netfront for one vif inside a guest kernel, after Linux's {@code xen-netfront} and Mini-OS's
 * {@code netfront.c}. Its XenBus handshake: on the back end's InitWait (with
 * {@code feature-rx-copy}) it allocates and grants a tx and an rx ring page, opens one event
 * channel, writes {@code tx-ring-ref}, {@code rx-ring-ref}, {@code event-channel},
 * {@code request-rx-copy = 1} and {@code feature-rx-notify = 1}, posts its receive buffers and
 * goes straight to Connected, as netfront skips Initialised; the back end's Connected is the
 * carrier coming up; its Closing closes the device.
 *
 * <p>Data path: {@link #send} copies a frame into one of its tx pages and puts a
 * {@code netif_tx_request} naming that page's grant on the ring, publishing it unless more
 * frames follow at once ({@code netdev_xmit_more}); a response frees the page. Each receive
 * buffer is one page posted as a {@code netif_rx_request}; a response hands the frame to the
 * {@link Listener}, and the buffer is posted again.
 *
 * <p>XEN-DIFF: netfront grants a page per frame and ends the grant on the response; here the tx
 * pages (read-only) and the rx buffers (writable) are granted once, at connect, and reused as a
 * pool, as blkfront's persistent grants are. The back end can then read a tx page or write an
 * rx buffer that is not in flight; it only ever sees frames this guest sent, and a received
 * frame is copied out of its buffer before the buffer is posted again.
 *
 * <p>UNTRUSTED: responses name buffers by id; an id not in flight, or a length that does not fit
 * the page, is ignored and counted.
 *
 * <p>XEN-DIFF: frames are sent in one slot (no {@code NETTXF_more_data} chains, so at most a
 * page), and 128 tx buffers are used rather than the ring's 256, so that they, the 256 receive
 * buffers and the two rings stay inside the grant table's first frame.
 *
 * <p>Confined to the guest's vCPU 0, where XenStore and device events are handled.
 */
public final class NetFront {

    /** What the guest's network stack hears. */
    public interface Listener {

        /** The back end connected: frames may be sent and will arrive. */
        void connected(NetFront nic);

        /** A frame arrived. */
        void received(byte[] frame);
    }

    /** Frames in flight towards the back end at once. */
    public static final int TX_BUFFERS = 128;
    /** Receive buffers posted to the back end: the whole rx ring, as netfront posts. */
    public static final int RX_BUFFERS = 256;

    private static final SlotEncoder<NetifTx.Request> TX_ENCODER = (page, offset, r) -> r.encode(page, offset);
    private static final SlotEncoder<NetifRx.Request> RX_ENCODER = (page, offset, r) -> r.encode(page, offset);

    private final Hypercalls hv;
    private final XenbusClient xenbus;
    private final int devid;
    private final String dir;
    private final Listener listener;
    private final long txRingGfn;
    private final int txRingRef;
    private final long rxRingGfn;
    private final int rxRingRef;
    private final long[] txGfn = new long[TX_BUFFERS];
    private final int[] txRef = new int[TX_BUFFERS];
    private final boolean[] txBusy = new boolean[TX_BUFFERS];
    private final ArrayDeque<Integer> txFree = new ArrayDeque<>();
    private final long[] rxGfn = new long[RX_BUFFERS];
    private final int[] rxRef = new int[RX_BUFFERS];
    private final boolean[] rxPosted = new boolean[RX_BUFFERS];
    private XenbusState state = XenbusState.XenbusStateInitialising;
    private boolean talking;
    private String backend;
    private DomId backendId;
    private String mac = "";
    private FrontRing txRing;
    private FrontRing rxRing;
    private int port = -1;
    private boolean carrier;
    private long txErrors;
    private long rxErrors;

    /** The vif {@code devid} of the guest {@code hv} runs, its pages and refs taken from {@code frames}. */
    public NetFront(Hypercalls hv, XenbusClient xenbus, GuestFrames frames, int devid, Listener listener) {
        this.hv = hv;
        this.xenbus = xenbus;
        this.devid = devid;
        this.dir = "device/vif/" + devid;
        this.listener = listener;
        this.txRingGfn = frames.frame();
        this.txRingRef = frames.ref();
        this.rxRingGfn = frames.frame();
        this.rxRingRef = frames.ref();
        for (int i = 0; i < TX_BUFFERS; i++) {
            txGfn[i] = frames.frame();
            txRef[i] = frames.ref();
            txFree.add(i);
        }
        for (int i = 0; i < RX_BUFFERS; i++) {
            rxGfn[i] = frames.frame();
            rxRef[i] = frames.ref();
        }
    }

    /** Reads the back end's location and the MAC address, then follows the back end's state. */
    public void start() {
        xenbus.read(dir + "/backend-id", id -> xenbus.read(dir + "/backend", be -> xenbus.read(dir + "/mac", m -> {
            backendId = DomId.of(parse(id.payloadString()));
            backend = be.payloadString();
            mac = m.type() == XsType.XS_READ ? m.payloadString().strip() : "";
            xenbus.watch(backend + "/state", "vif-" + devid,
                    path -> xenbus.read(path, v -> backendChanged(XenbusState.parse(v.payloadString()))));
        })));
    }

    /** The event channel whose events {@link #onEvent} handles; -1 before the rings exist. */
    public int port() {
        return port;
    }

    /** The vif's index. */
    public int devid() {
        return devid;
    }

    /** The MAC address the toolstack gave this vif, {@code xx:xx:xx:xx:xx:xx}. */
    public String mac() {
        return mac;
    }

    /** Responses to sent frames that were not {@code NETIF_RSP_OKAY}. */
    public long txErrors() {
        return txErrors;
    }

    /** Receive responses that were errors or named no posted buffer. */
    public long rxErrors() {
        return rxErrors;
    }

    /** Whether {@link #send} would take a frame now. */
    public boolean canSend() {
        return carrier && !txFree.isEmpty() && !txRing.full();
    }

    /**
     * Sends one Ethernet frame (netfront's {@code xennet_start_xmit}) if {@link #canSend()}, and
     * publishes it (with any held back before it).
     *
     * @return false if the frame was not sent (no carrier, or the ring is full)
     * @throws IllegalArgumentException if the frame does not fit one page
     */
    public boolean send(byte[] frame) {
        return send(frame, false);
    }

    /**
     * Sends one Ethernet frame if {@link #canSend()}; with {@code more}, as with Linux's
     * {@code netdev_xmit_more()}, the request is put on the ring but not yet published, so a
     * burst costs one push and at most one notification: end it with a frame sent without
     * {@code more}, or with {@link #push()}. The frame is copied; the caller may reuse it.
     *
     * @return false if the frame was not sent (no carrier, or the ring is full)
     * @throws IllegalArgumentException if the frame does not fit one page
     */
    public boolean send(byte[] frame, boolean more) {
        if (frame.length > Page.SIZE) {
            throw new IllegalArgumentException("a frame of " + frame.length + " bytes needs more than one page");
        }
        if (!canSend()) {
            return false;
        }
        int id = txFree.poll();
        hv.page(txGfn[id]).write(0, frame, 0, frame.length);
        put(id, new NetifTx.Request(txRef[id], 0, 0, id, frame.length));
        if (!more) {
            push();
        }
        return true;
    }

    /** Publishes the requests put so far and notifies the back end if it asked to be told. */
    public void push() {
        if (txRing != null && txRing.pushRequestsAndCheckNotify()) {
            hv.evtchnSend(port);
        }
    }

    /**
     * Puts a tx request naming a grant reference this guest never granted, as a buggy or hostile
     * front end would, to exercise the back end's checks; its response counts in
     * {@link #txErrors()}.
     *
     * @return false if no request could be put on the ring now
     */
    public boolean sendUngranted(int size) {
        if (!canSend()) {
            return false;
        }
        int id = txFree.poll();
        put(id, new NetifTx.Request(hv.grantTable().nrEntries(), 0, 0, id, size));
        push();
        return true;
    }

    private void put(int id, NetifTx.Request request) {
        txBusy[id] = true;
        txRing.putRequest(TX_ENCODER, request);
    }

    /** The back end's event: completes sent frames, hands received ones on, reposts buffers. */
    public void onEvent() {
        if (txRing == null) {
            return;
        }
        do {
            while (txRing.hasUnconsumedResponses()) {
                completeTx(txRing.takeResponse(NetifTx.Response::decode));
            }
        } while (txRing.finalCheckForResponses());
        List<byte[]> frames = new ArrayList<>();
        do {
            while (rxRing.hasUnconsumedResponses()) {
                receive(rxRing.takeResponse(NetifRx.Response::decode), frames);
            }
        } while (rxRing.finalCheckForResponses());
        if (rxRing.pushRequestsAndCheckNotify()) {
            hv.evtchnSend(port);
        }
        frames.forEach(listener::received);
    }

    private void completeTx(NetifTx.Response rsp) {
        int id = rsp.id();
        // UNTRUSTED: an id with no request in flight is ignored.
        if (id >= TX_BUFFERS || !txBusy[id]) {
            txErrors++;
            return;
        }
        txBusy[id] = false;
        txFree.add(id);
        if (rsp.status() != Netif.NETIF_RSP_OKAY) {
            txErrors++;
        }
    }

    private void receive(NetifRx.Response rsp, List<byte[]> frames) {
        int id = rsp.id();
        // UNTRUSTED: the id must name a posted buffer and the fragment must lie in its page.
        if (id >= RX_BUFFERS || !rxPosted[id]) {
            rxErrors++;
            return;
        }
        rxPosted[id] = false;
        if (rsp.status() > 0 && rsp.offset() + rsp.status() <= Page.SIZE) {
            byte[] frame = new byte[rsp.status()];
            hv.page(rxGfn[id]).read(rsp.offset(), frame, 0, frame.length);
            frames.add(frame);
        } else {
            rxErrors++;
        }
        post(id);
    }

    /** Puts buffer {@code id} on the rx ring (published by the caller). */
    private void post(int id) {
        rxPosted[id] = true;
        rxRing.putRequest(RX_ENCODER, new NetifRx.Request(id, rxRef[id]));
    }

    /** netback_changed. */
    private void backendChanged(XenbusState back) {
        if (back == XenbusState.XenbusStateInitWait && state == XenbusState.XenbusStateInitialising && !talking) {
            // The watch's first event and the change it already saw can both read InitWait: set
            // up once, or the back end binds one channel while the guest listens on another.
            talking = true;
            xenbus.read(backend + "/feature-rx-copy", v -> {
                if (v.type() == XsType.XS_READ && parse(v.payloadString()) == 1) {
                    talkToNetback();
                } else {
                    // netfront: "backend does not support copying receive path".
                    switchState(XenbusState.XenbusStateClosing);
                }
            });
        } else if (back == XenbusState.XenbusStateConnected && state == XenbusState.XenbusStateConnected && !carrier) {
            carrier = true;
            listener.connected(this);
        } else if (back == XenbusState.XenbusStateClosing && state != XenbusState.XenbusStateClosed) {
            carrier = false;
            switchState(XenbusState.XenbusStateClosed);
        }
    }

    /** setup_netfront and talk_to_netback: rings, channel, keys, buffers, then Connected. */
    private void talkToNetback() {
        hv.page(txRingGfn).clear(0, Page.SIZE);
        hv.page(rxRingGfn).clear(0, Page.SIZE);
        txRing = FrontRing.init(new SharedRing(hv.page(txRingGfn), Netif.TX_SLOT_SIZE));
        rxRing = FrontRing.init(new SharedRing(hv.page(rxRingGfn), Netif.RX_SLOT_SIZE));
        hv.grantAccess(txRingRef, backendId, txRingGfn, false);
        hv.grantAccess(rxRingRef, backendId, rxRingGfn, false);
        port = hv.evtchnAllocUnbound(backendId);
        for (int id = 0; id < TX_BUFFERS; id++) {
            hv.grantAccess(txRef[id], backendId, txGfn[id], true);
        }
        for (int id = 0; id < RX_BUFFERS; id++) {
            hv.grantAccess(rxRef[id], backendId, rxGfn[id], false);
            post(id);
        }
        // The back end maps the ring only after Connected; no one waits for this notification.
        rxRing.pushRequestsAndCheckNotify();
        write("tx-ring-ref", Integer.toString(txRingRef));
        write("rx-ring-ref", Integer.toString(rxRingRef));
        write("event-channel", Integer.toString(port));
        write("request-rx-copy", "1");
        write("feature-rx-notify", "1");
        write("feature-sg", "1");
        switchState(XenbusState.XenbusStateConnected);
    }

    private void write(String key, String value) {
        xenbus.write(dir + "/" + key, value, r -> {
        });
    }

    private void switchState(XenbusState next) {
        state = next;
        write("state", next.node());
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
