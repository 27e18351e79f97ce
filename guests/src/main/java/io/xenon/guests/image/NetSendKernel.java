package io.xenon.guests.image;

import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.drivers.net.front.NetFront;
import io.xenon.guests.os.MiniOs;

/**
 * The kernel of {@code builtin:netsend}: a state machine on vCPU 0 (probe until echoed, then
 * send within a window, count echoes) driven by netfront's events and, while probing, the
 * one-shot timer. In {@code mode=stream} it sends without waiting for echoes, as fast as the tx
 * ring takes frames, then sends an end marker (carrying the count sent) every probe interval
 * until the peer reflects one.
 */
final class NetSendKernel extends MiniOs {

    private static final long PROBE_INTERVAL_NANOS = 50_000_000L;
    private static final byte PROBE = 0;
    /** A data frame; its sequence number follows the kind byte. */
    static final byte DATA = 1;
    /** The stream's end marker; its sequence number is the count of frames sent. */
    static final byte END = 2;

    private final int count;
    private final int size;
    private final byte[] to;
    private final int window;
    private final int ungranted;
    private final boolean stream;
    private final boolean[] echoes;
    private Hypercalls hv0;
    private NetFront nic;
    private byte[] self;
    private Phase phase = Phase.DOWN;
    private long nextProbe;
    private int sent;
    private int echoed;
    private long runStarted;
    private long endSent;
    private byte[] scratch;

    private enum Phase { DOWN, PROBE, RUN, END, DONE }

    NetSendKernel(KernelArgs args) {
        super("netsend", args);
        this.count = (int) Math.max(1, Math.min(args.number("count", 100), 1_000_000));
        this.size = (int) Math.max(60, Math.min(args.number("size", 128), 1514));
        this.to = EtherFrame.mac(args.string("to", EtherFrame.BROADCAST));
        this.window = (int) Math.max(1, Math.min(args.number("window", 32), NetFront.TX_BUFFERS));
        this.ungranted = (int) Math.max(0, Math.min(args.number("ungranted", 0), NetFront.TX_BUFFERS));
        this.stream = "stream".equals(args.string("mode", "echo"));
        this.echoes = new boolean[stream ? 0 : count];
    }

    @Override
    protected void start(Hypercalls hv) {
        hv0 = hv;
        xenbus().directory("device/vif", devids -> {
            if (devids.isEmpty()) {
                printk(hv, "netsend: no vif");
                return;
            }
            nic = new NetFront(hv, xenbus(), new GuestFrames(hv), Integer.parseInt(devids.get(0)),
                    new NetFront.Listener() {
                        @Override
                        public void connected(NetFront n) {
                            self = EtherFrame.mac(n.mac());
                            printk(hv, "netsend: vif " + n.devid() + " up, mac " + n.mac());
                            phase = Phase.PROBE;
                            probe();
                        }

                        @Override
                        public void received(byte[] frame) {
                            onFrame(frame);
                        }
                    });
            nic.start();
        });
    }

    @Override
    protected void event(Hypercalls hv, int port) {
        if (nic != null && port == nic.port()) {
            nic.onEvent();
            pump();
        }
    }

    @Override
    protected void run(Hypercalls hv) {
        if (hv.vcpuId() == 0 && phase == Phase.PROBE && hv.systemTime() >= nextProbe) {
            probe();
        } else if (hv.vcpuId() == 0 && phase == Phase.END && hv.systemTime() >= nextProbe) {
            endMarker();
        }
        hv.block();
    }

    private void probe() {
        nic.send(frame(PROBE, 0));
        nextProbe = hv0.systemTime() + PROBE_INTERVAL_NANOS;
        hv0.setTimer(nextProbe);
    }

    private void endMarker() {
        nic.send(frame(END, sent));
        nextProbe = hv0.systemTime() + PROBE_INTERVAL_NANOS;
        hv0.setTimer(nextProbe);
    }

    private void onFrame(byte[] frame) {
        if (frame.length < EtherFrame.HEADER + 5 || EtherFrame.ethertype(frame) != EtherFrame.ETHERTYPE_TEST
                || !EtherFrame.isFor(frame, self)) {
            return;
        }
        byte kind = frame[EtherFrame.HEADER];
        if (kind == PROBE && phase == Phase.PROBE) {
            phase = Phase.RUN;
            runStarted = hv0.systemTime();
            printk(hv0, "netsend: link up, " + (stream ? "streaming " : "sending ") + count + " frames");
            for (int i = 0; i < ungranted; i++) {
                nic.sendUngranted(size);
            }
        } else if (kind == END && phase == Phase.END) {
            phase = Phase.DONE;
            printk(hv0, "netsend: streamed " + sent + " frames, " + nic.txErrors() + " tx errors in "
                    + (endSent - runStarted) + " ns");
        } else if (kind == DATA && phase == Phase.RUN && !stream) {
            int seq = java.nio.ByteBuffer.wrap(frame, EtherFrame.HEADER + 1, 4).getInt();
            // The echo is the peer's; a sequence number never sent, or seen twice, is not counted.
            if (seq >= 0 && seq < sent && !echoes[seq]) {
                echoes[seq] = true;
                echoed++;
            }
        }
        pump();
    }

    /**
     * Sends what the window (or, streaming, the ring alone) allows; reports once every frame has
     * come back, or, streaming, starts sending the end marker once every frame is on the ring.
     */
    private void pump() {
        while (phase == Phase.RUN && sent < count && (stream || sent - echoed < window) && nic.canSend()) {
            nic.send(frame(DATA, sent++), true);
        }
        nic.push();
        if (phase == Phase.RUN && stream && sent == count) {
            phase = Phase.END;
            endSent = hv0.systemTime();
            endMarker();
            return;
        }
        if (phase == Phase.RUN && echoed == count) {
            phase = Phase.DONE;
            printk(hv0, "netsend: done: " + sent + " sent, " + echoed + " echoed, " + nic.txErrors() + " tx errors in "
                    + (hv0.systemTime() - runStarted) + " ns");
        }
    }

    /** The one frame buffer, rewritten for each frame: netfront copies a frame as it sends it. */
    private byte[] frame(byte kind, int seq) {
        if (scratch == null) {
            scratch = EtherFrame.build(to, self, size);
        }
        scratch[EtherFrame.HEADER] = kind;
        for (int i = 0; i < 4; i++) {
            scratch[EtherFrame.HEADER + 1 + i] = (byte) (seq >>> (24 - 8 * i));
        }
        return scratch;
    }
}
