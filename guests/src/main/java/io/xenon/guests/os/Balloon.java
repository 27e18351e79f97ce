package io.xenon.guests.os;

import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.XenbusClient;
import java.util.function.Consumer;

/**
 * The guest's balloon driver, after Linux's {@code drivers/xen/balloon.c} and
 * {@code xen-balloon.c}: it watches {@code memory/target} (KiB) and moves the domain's
 * reservation towards it, giving frames back with {@code XENMEM_decrease_reservation} and taking
 * them with {@code XENMEM_populate_physmap}, at most {@link #BATCH_PAGES} per event-loop turn. A
 * turn that leaves work sends an event to itself on an IPI port, as {@code balloon_process}
 * re-queues itself, so other events run between turns. It writes nothing to XenStore; it logs its
 * progress on the console ({@code balloon: current N KiB, target M KiB}).
 *
 * <p>Which frames: the boot memory's special pages sit at its top (the console page and the grant
 * frames, from {@code start_info.console.domU.mfn} up) and {@code GuestFrames} hands out frames
 * from the bottom, so the balloon takes frames downwards from just below the console page, never
 * below {@link #RESERVED_LOW_PAGES}; frames above the boot memory (a domain started with
 * {@code maxmem} above {@code memory}) come and go first. Growing refills the boot memory's
 * holes, then populates upwards to {@code XENMEM_maximum_gpfn}. In each region the ballooned
 * frames are one contiguous run, so two cursors say which frames the balloon holds.
 *
 * <p>When the hypervisor populates fewer frames than asked (the domain reached its maximum, or
 * the host has no free memory) the driver logs it and waits for a new target, where Linux retries
 * with a back-off.
 *
 * <p>Confined to vCPU 0, where the XenStore port and the balloon's own IPI are bound.
 */
public final class Balloon {

    /** Frames moved per turn: Linux's {@code frame_list} holds one page of {@code xen_pfn_t}s. */
    public static final int BATCH_PAGES = 512;

    /** The lowest frames (8 MiB), which the balloon never takes: {@code GuestFrames} allocates there. */
    public static final long RESERVED_LOW_PAGES = 2048;

    private final Consumer<String> log;
    private final long bootPages;
    private final long topGfn;
    private final long maxGfn;
    private int kickPort;
    /** Boot-memory frames in {@code [downTo, topGfn)} are ballooned out. */
    private long downTo;
    /** Frames in {@code [bootPages, extraUpTo)} above the boot memory are populated. */
    private long extraUpTo;
    private long targetPages = -1;
    private boolean stalled;

    /** A balloon for the domain {@code hv} runs in; {@code log} prints a console line. */
    public Balloon(Hypercalls hv, Consumer<String> log) {
        this.log = log;
        this.bootPages = hv.memoryCurrentReservation();
        this.topGfn = Math.min(hv.consoleGfn(), bootPages);
        this.maxGfn = hv.memoryMaximumGpfn();
        this.downTo = topGfn;
        this.extraUpTo = bootPages;
    }

    /** Binds the balloon's IPI and watches {@code memory/target}. */
    public void start(Hypercalls hv, XenbusClient xenbus) {
        kickPort = hv.evtchnBindIpi(0);
        xenbus.watch("memory/target", "balloon", path -> xenbus.read("memory/target", reply -> {
            if (reply.type() != XsType.XS_READ) {
                return;
            }
            long kib;
            try {
                kib = Long.parseLong(reply.payloadString().trim());
            } catch (NumberFormatException e) {
                return;
            }
            targetPages = kib / 4;
            stalled = false;
            turn(hv);
        }));
    }

    /** The port on which the balloon kicks itself to run its next turn. */
    public int kickPort() {
        return kickPort;
    }

    /**
     * One turn: moves at most {@link #BATCH_PAGES} frames towards the target, logs where it
     * stands, and asks for another turn if it moved and is not there yet.
     */
    public void turn(Hypercalls hv) {
        if (targetPages < 0 || stalled) {
            return;
        }
        long current = hv.memoryCurrentReservation();
        if (current == targetPages) {
            return;
        }
        int moved = current > targetPages ? shrink(hv, (int) Math.min(BATCH_PAGES, current - targetPages))
                : grow(hv, (int) Math.min(BATCH_PAGES, targetPages - current));
        current = hv.memoryCurrentReservation();
        String line = "balloon: current " + current * 4 + " KiB, target " + targetPages * 4 + " KiB";
        if (moved == 0) {
            stalled = true;
            log.accept(line + (current > targetPages ? ": no more frames to give back"
                    : ": the hypervisor refused more memory (max " + hv.memoryMaximumReservation() * 4 + " KiB)"));
            return;
        }
        log.accept(line);
        if (current != targetPages) {
            hv.evtchnSend(kickPort);
        }
    }

    private int shrink(Hypercalls hv, int pages) {
        int done = 0;
        long extra = Math.min(pages, extraUpTo - bootPages);
        if (extra > 0) {
            int n = hv.memoryDecreaseReservation(run(extraUpTo - extra, extra));
            extraUpTo -= n;
            done += n;
        }
        long boot = Math.min(pages - done, downTo - RESERVED_LOW_PAGES);
        if (boot > 0) {
            long[] gfns = run(downTo - boot, boot);
            reverse(gfns);
            int n = hv.memoryDecreaseReservation(gfns);
            downTo -= n;
            done += n;
        }
        return done;
    }

    private int grow(Hypercalls hv, int pages) {
        int done = 0;
        long boot = Math.min(pages, topGfn - downTo);
        if (boot > 0) {
            int n = hv.memoryPopulatePhysmap(run(downTo, boot));
            downTo += n;
            done += n;
            if (n < boot) {
                return done;
            }
        }
        long extra = Math.min(pages - done, maxGfn + 1 - extraUpTo);
        if (extra > 0) {
            int n = hv.memoryPopulatePhysmap(run(extraUpTo, extra));
            extraUpTo += n;
            done += n;
        }
        return done;
    }

    private static long[] run(long from, long count) {
        long[] gfns = new long[(int) count];
        for (int i = 0; i < gfns.length; i++) {
            gfns[i] = from + i;
        }
        return gfns;
    }

    /** Highest first, so that a partial decrease leaves the ballooned frames contiguous. */
    private static void reverse(long[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
