package io.xenon.actors;

import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.mm.P2m;
import java.util.function.Consumer;

/**
 * Domain-0's balloon driver, after Linux's {@code drivers/xen/balloon.c} and
 * {@code xen-balloon.c} running in a Xen dom0: given the value of Domain-0's own
 * {@code memory/target} (KiB), it moves Domain-0's reservation towards it, giving frames back with
 * {@code XENMEM_decrease_reservation} and taking them with {@code XENMEM_populate_physmap}, at
 * most {@link #BATCH_PAGES} per {@link #turn()}. Domain-0 grows back at most to its maximum
 * ({@code max_pages}), which is its boot size ({@code xenon.dom0.memory}) unless {@code xl mem-max}
 * changed it, and never past the GFNs it booted with.
 *
 * <p>Which frames. Domain-0 is the daemon: its kernel's memory is the JVM heap, not its P2m, so
 * the only users of Domain-0's own GFNs are the ones found in the tree:
 * <ul>
 * <li>its grant table, whose shared frames are the top {@code max_grant_frames} GFNs of its P2m
 * ({@code GrantTable.firstFrameGfn()} up). A DomU's {@code GNTTABOP_map_grant_ref} or
 * {@code GNTTABOP_copy} naming Domain-0 reads them at any time, so they are never taken, touched or
 * not ({@code topGfn} is where they start);</li>
 * <li>nothing else: the back ends map DomU grants (DomU pages) and copy into heap buffers (grant
 * copies whose local side is a byte array, not a Domain-0 GFN), Domain-0's console is a heap
 * {@code ConsoleLog} with no ring page, Domain-0 has no vCPU actors to make hypercalls on its
 * memory, and {@code xl dump-core} refuses Domain-0.</li>
 * </ul>
 * Still, any GFN that {@code P2m.peek} shows backed by a page is skipped, so a frame somebody uses
 * is never given back. The balloon takes frames from just below the grant table downwards and
 * refills the lowest holes first on the way up, so one cursor says where it stands.
 *
 * <p>INVARIANT: every GFN in {@code [downTo, topGfn)} is a hole or was touched when the balloon
 * passed it; every GFN below {@code downTo} is populated.
 *
 * <p>When nothing moves (no untouched frame left to give, the maximum reached, or the host has no
 * free memory) it logs where it stands and waits for a new target, where Linux retries with a
 * back-off.
 *
 * <p>Confined to its owning actor ({@link Dom0BalloonActor}).
 */
final class Dom0Balloon {

    /** Frames moved per turn: Linux's {@code frame_list} holds one page of {@code xen_pfn_t}s. */
    static final int BATCH_PAGES = 512;

    private final Domain dom0;
    private final P2m memory;
    private final long topGfn;
    private final Consumer<String> log;
    private long downTo;
    private long targetPages = -1;
    private boolean stalled;

    /**
     * A balloon for {@code dom0}, which may take the GFNs below {@code topGfn} (where its grant
     * table starts); {@code log} writes one line of the daemon's log.
     */
    Dom0Balloon(Domain dom0, long topGfn, Consumer<String> log) {
        this.dom0 = dom0;
        this.memory = dom0.memory();
        this.topGfn = Math.max(0, Math.min(topGfn, memory.gfnLimit()));
        this.log = log;
        this.downTo = firstHoleFrom(0);
    }

    /**
     * A new value of {@code memory/target}. Returns whether it was taken as the target; if so the
     * owner should run {@link #turn()} until it answers false.
     *
     * <p>UNTRUSTED: anyone allowed to write Domain-0's XenStore nodes wrote it (the toolstack,
     * after the host checked it, or {@code xenstore-write}). Anything but a positive decimal
     * number of KiB is ignored with a log line; a value above the maximum is clamped to it.
     */
    boolean setTarget(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            log.accept("balloon: ignoring memory/target \"" + printable(value) + "\": not a number of KiB");
            return false;
        }
        long maxPages = memory.maxPages();
        long pages;
        try {
            pages = Long.parseLong(value) / 4;
        } catch (NumberFormatException e) {
            pages = Long.MAX_VALUE;
        }
        if (pages == 0) {
            log.accept("balloon: ignoring memory/target " + value + " KiB: Domain-0 cannot give back all its memory");
            return false;
        }
        if (pages > maxPages) {
            log.accept("balloon: memory/target " + printable(value) + " KiB is above Domain-0's maximum, "
                    + "clamped to " + maxPages * 4 + " KiB");
            pages = maxPages;
        }
        if (pages != targetPages && pages != memory.nrPages()) {
            log.accept("balloon: current " + memory.nrPages() * 4 + " KiB, target " + pages * 4 + " KiB");
        }
        targetPages = pages;
        stalled = false;
        dom0.setTargetKiB(pages * 4);
        return true;
    }

    /** The target in pages, -1 before the first one. */
    long targetPages() {
        return targetPages;
    }

    /**
     * One turn: moves at most {@link #BATCH_PAGES} frames towards the target.
     *
     * @return true if it moved frames and is not there yet (the owner runs another turn)
     */
    boolean turn() {
        if (targetPages < 0 || stalled || memory.isReleased()) {
            return false;
        }
        long current = memory.nrPages();
        if (current == targetPages) {
            return false;
        }
        boolean shrinking = current > targetPages;
        int moved = shrinking ? shrink((int) Math.min(BATCH_PAGES, current - targetPages))
                : grow((int) Math.min(BATCH_PAGES, targetPages - current));
        current = memory.nrPages();
        if (moved == 0) {
            stalled = true;
            log.accept("balloon: current " + current * 4 + " KiB, target " + targetPages * 4 + " KiB: "
                    + (shrinking ? "no more unused frames to give back" : whyNotGrowing(current)));
            return false;
        }
        if (current == targetPages) {
            log.accept("balloon: current " + current * 4 + " KiB, target reached");
            return false;
        }
        return true;
    }

    /** Gives back up to {@code pages} untouched frames from {@code downTo} downwards. */
    private int shrink(int pages) {
        long[] found = new long[pages];
        int n = 0;
        long gfn = downTo - 1;
        for (; gfn >= 0 && n < pages; gfn--) {
            if (memory.contains(gfn) && memory.peek(gfn) == null) {
                found[n++] = gfn;
            }
        }
        if (n == 0) {
            downTo = gfn + 1;
            return 0;
        }
        long[] gfns = java.util.Arrays.copyOf(found, n);
        int done = memory.decreaseReservation(gfns);
        downTo = done == n ? gfn + 1 : done == 0 ? downTo : gfns[done - 1];
        return done;
    }

    /** Refills up to {@code pages} holes from {@code downTo} upwards, lowest first. */
    private int grow(int pages) {
        long[] found = new long[pages];
        int n = 0;
        for (long gfn = downTo; gfn < topGfn && n < pages; gfn++) {
            if (!memory.contains(gfn)) {
                found[n++] = gfn;
            }
        }
        if (n == 0) {
            return 0;
        }
        long[] gfns = java.util.Arrays.copyOf(found, n);
        int done = memory.populatePhysmap(gfns);
        if (done > 0) {
            downTo = firstHoleFrom(gfns[done - 1] + 1);
        }
        return done;
    }

    private String whyNotGrowing(long current) {
        if (current >= memory.maxPages()) {
            return "Domain-0 is at its maximum (" + memory.maxPages() * 4 + " KiB)";
        }
        if (downTo >= topGfn) {
            return "no ballooned-out frames left to refill";
        }
        return "the hypervisor refused more memory (the host has no free memory)";
    }

    /** The lowest hole in {@code [from, topGfn)}, or {@code topGfn} if there is none. */
    private long firstHoleFrom(long from) {
        for (long gfn = from; gfn < topGfn; gfn++) {
            if (!memory.contains(gfn)) {
                return gfn;
            }
        }
        return topGfn;
    }

    private static String printable(String s) {
        String cut = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
