package io.xenon.guests.image;

import io.xenon.abi.blkif.Blkif;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.drivers.blk.front.BlkFront;
import io.xenon.drivers.blk.front.BlkFrontData;
import io.xenon.guests.os.MiniOs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The kernel of {@code builtin:blkbench}: keeps {@code qd} requests of {@code bs} bytes in flight
 * (direct requests up to 44 KiB, indirect above) until {@code total} bytes are done, then prints
 * the elapsed time. A write run ends with one {@code BLKIF_OP_FLUSH_DISKCACHE} inside the timed
 * span, as {@code fio --end_fsync=1} ends with {@code fsync}.
 */
final class BlkBenchKernel extends MiniOs {

    /** The id of the closing flush; buffer slots use ids 0 to {@code qd - 1}. */
    private static final long FLUSH_ID = Long.MAX_VALUE;

    private final String mode;
    private final int bs;
    private final int qd;
    private final long total;
    private final SplittableRandom random = new SplittableRandom(42);
    private Hypercalls hv0;
    private BlkFront disk;
    private long sectors;
    private long[][] frames;
    private int[][] refs;
    private long[] indirectFrames;
    private int[] indirectRefs;
    private long issued;
    private long done;
    private long started;
    private final List<Integer> idle = new ArrayList<>();

    BlkBenchKernel(KernelArgs args) {
        super("blkbench", args);
        this.mode = args.string("mode", "write");
        this.bs = (int) Math.max(4096, Math.min(args.number("bs", 1 << 20), 1 << 20)) / 4096 * 4096;
        this.qd = (int) Math.max(1, Math.min(args.number("qd", 1), 8));
        this.total = Math.max(bs, args.number("total", 256L << 20));
    }

    @Override
    protected void start(Hypercalls hv) {
        hv0 = hv;
        int pages = bs / 4096;
        // Enough grant entries for every buffer page and indirect page in flight.
        hv.gnttabSetupTable(Math.min(hv.gnttabQuerySize().maxNrFrames(), 2 + qd * (pages + 1) / 512));
        xenbus().directory("device/vbd", devids -> {
            if (devids.isEmpty()) {
                printk(hv, "blkbench: no disk");
                return;
            }
            GuestFrames alloc = new GuestFrames(hv);
            frames = new long[qd][pages];
            refs = new int[qd][pages];
            indirectFrames = new long[qd];
            indirectRefs = new int[qd];
            for (int s = 0; s < qd; s++) {
                for (int p = 0; p < pages; p++) {
                    frames[s][p] = alloc.frame();
                    refs[s][p] = alloc.ref();
                }
                indirectFrames[s] = alloc.frame();
                indirectRefs[s] = alloc.ref();
                idle.add(s);
            }
            disk = new BlkFront(hv, xenbus(), alloc, Integer.parseInt(devids.get(0)), new BlkFront.Listener() {
                @Override
                public void connected(BlkFront d, long size, boolean readonly) {
                    sectors = size;
                    started = hv.systemTime();
                    pump();
                }

                @Override
                public void completed(BlkFrontData.Completion c) {
                    if (c.response().id() == FLUSH_ID) {
                        report();
                        return;
                    }
                    done += bs;
                    idle.add((int) c.response().id());
                    if (done < total) {
                        pump();
                    } else if (!mode.equals("write")) {
                        report();
                    } else if (idle.size() == qd) {
                        disk.submit(disk.data().readWrite(Blkif.BLKIF_OP_FLUSH_DISKCACHE, FLUSH_ID, 0, List.of()));
                    }
                }
            });
            disk.start();
        });
    }

    private void report() {
        printk(hv0, "blkbench: " + mode + " " + done + " bytes in " + (hv0.systemTime() - started) + " ns, bs " + bs
                + ", qd " + qd);
    }

    @Override
    protected void event(Hypercalls hv, int port) {
        if (disk != null && port == disk.port()) {
            disk.onEvent();
        }
    }

    private void pump() {
        long span = sectors / (bs / Blkif.SECTOR_SIZE);
        while (!idle.isEmpty() && issued < total && disk.canSubmit()) {
            int slot = idle.remove(idle.size() - 1);
            long block = mode.equals("randread") ? random.nextLong(span) : (issued / bs) % span;
            long sector = block * (bs / Blkif.SECTOR_SIZE);
            int op = mode.equals("write") ? Blkif.BLKIF_OP_WRITE : Blkif.BLKIF_OP_READ;
            List<BlkFrontData.Buffer> buffers = new ArrayList<>(frames[slot].length);
            for (int p = 0; p < frames[slot].length; p++) {
                buffers.add(new BlkFrontData.Buffer(new GrantRef(refs[slot][p]), frames[slot][p], 0,
                        Blkif.SECTORS_PER_PAGE - 1));
            }
            issued += bs;
            if (buffers.size() <= Blkif.BLKIF_MAX_SEGMENTS_PER_REQUEST) {
                disk.submit(disk.data().readWrite(op, slot, sector, buffers));
            } else {
                disk.submit(disk.data().indirect(op, slot, sector, buffers, List.of(
                        new BlkFrontData.IndirectPage(new GrantRef(indirectRefs[slot]), indirectFrames[slot]))));
            }
        }
    }
}
