package io.xenon.guests.image;

import io.xenon.abi.blkif.Blkif;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.drivers.blk.front.BlkFront;
import io.xenon.drivers.blk.front.BlkFrontData;
import io.xenon.guests.os.MiniOs;
import io.xenon.runtime.mm.Page;
import java.util.List;

/**
 * The kernel of {@code builtin:blkstress}: a small state machine on vCPU 0 driven by blkfront's
 * completions (write all pages, one flush, read all pages back into other frames, verify).
 */
final class BlkStressKernel extends MiniOs {

    private final int writes;
    private final int rounds;
    private Hypercalls hv0;
    private BlkFront disk;
    private long[] dataFrames;
    private long[] readFrames;
    private int[] refs;
    private int round;
    private int next;
    private int done;
    private int errors;
    private Phase phase = Phase.IDLE;

    private enum Phase { IDLE, WRITE, FLUSH, READ, FINISHED }

    BlkStressKernel(KernelArgs args) {
        super("blkstress", args);
        this.writes = (int) Math.max(1, Math.min(args.number("writes", 64), 1024));
        this.rounds = (int) Math.max(1, Math.min(args.number("rounds", 1), 1000));
    }

    @Override
    protected void start(Hypercalls hv) {
        hv0 = hv;
        xenbus().directory("device/vbd", devids -> {
            if (devids.isEmpty()) {
                printk(hv, "blkstress: no disk");
                return;
            }
            GuestFrames frames = new GuestFrames(hv);
            dataFrames = new long[writes];
            readFrames = new long[writes];
            refs = new int[writes];
            for (int i = 0; i < writes; i++) {
                dataFrames[i] = frames.frame();
                readFrames[i] = frames.frame();
                refs[i] = frames.ref();
            }
            disk = new BlkFront(hv, xenbus(), frames, Integer.parseInt(devids.get(0)), new BlkFront.Listener() {
                @Override
                public void connected(BlkFront d, long sectors, boolean readonly) {
                    if (readonly || sectors < (long) writes * Blkif.SECTORS_PER_PAGE) {
                        printk(hv, "blkstress: disk too small or read-only (" + sectors + " sectors)");
                        return;
                    }
                    printk(hv, "blkstress: vbd " + d.devid() + " connected, " + sectors + " sectors");
                    nextRound();
                }

                @Override
                public void completed(BlkFrontData.Completion c) {
                    onCompleted(c);
                }
            });
            disk.start();
        });
    }

    @Override
    protected void event(Hypercalls hv, int port) {
        if (disk != null && port == disk.port()) {
            disk.onEvent();
            pump();
        }
    }

    private void nextRound() {
        round++;
        next = 0;
        done = 0;
        errors = 0;
        phase = Phase.WRITE;
        for (int i = 0; i < writes; i++) {
            Page page = hv0.page(dataFrames[i]);
            for (int off = 0; off < Page.SIZE; off += 8) {
                page.putLong(off, pattern(i, off));
            }
        }
        pump();
    }

    /** Puts as many of the phase's requests on the ring as fit. */
    private void pump() {
        while (disk.canSubmit() && (phase == Phase.WRITE || phase == Phase.READ) && next < writes) {
            int i = next++;
            long frame = phase == Phase.WRITE ? dataFrames[i] : readFrames[i];
            int op = phase == Phase.WRITE ? Blkif.BLKIF_OP_WRITE : Blkif.BLKIF_OP_READ;
            disk.submit(disk.data().readWrite(op, i, (long) i * Blkif.SECTORS_PER_PAGE,
                    List.of(new BlkFrontData.Buffer(new GrantRef(refs[i]), frame, 0, Blkif.SECTORS_PER_PAGE - 1))));
        }
    }

    private void onCompleted(BlkFrontData.Completion c) {
        if (c.response().status() != Blkif.BLKIF_RSP_OKAY) {
            errors++;
        }
        if (phase == Phase.READ && c.response().status() == Blkif.BLKIF_RSP_OKAY && !verify((int) c.response().id())) {
            errors++;
        }
        done++;
        if (phase == Phase.WRITE && done == writes) {
            phase = Phase.FLUSH;
            disk.submit(disk.data().readWrite(Blkif.BLKIF_OP_FLUSH_DISKCACHE, writes, 0, List.of()));
        } else if (phase == Phase.FLUSH) {
            phase = Phase.READ;
            next = 0;
            done = 0;
            pump();
        } else if (phase == Phase.READ && done == writes) {
            printk(hv0, "blkstress: round " + round + ": " + writes + " writes, 1 flush, " + writes
                    + " reads verified, " + errors + " errors");
            if (round < rounds) {
                nextRound();
            } else {
                phase = Phase.FINISHED;
                printk(hv0, "blkstress: done");
            }
        }
    }

    private boolean verify(int i) {
        Page page = hv0.page(readFrames[i]);
        for (int off = 0; off < Page.SIZE; off += 8) {
            if (page.getLong(off) != pattern(i, off)) {
                return false;
            }
        }
        return true;
    }

    private long pattern(int i, int off) {
        return ((long) round << 48) ^ ((long) i << 20) ^ off ^ 0x5a5a_0000_0000L;
    }
}
