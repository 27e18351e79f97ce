package io.xenon.drivers.blk.front;

import static io.xenon.abi.blkif.Blkif.BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST;
import static io.xenon.abi.blkif.Blkif.BLKIF_MAX_SEGMENTS_PER_REQUEST;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_READ;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE;
import static io.xenon.abi.blkif.Blkif.SEGS_PER_INDIRECT_FRAME;

import io.xenon.abi.DomId;
import io.xenon.abi.blkif.BlkifStructs;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifResponse;
import io.xenon.drivers.blk.BlkifSegment;
import io.xenon.runtime.gnttab.GrantTable;
import io.xenon.runtime.mm.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What a guest's block front end does around the ring, as Linux blkfront's
 * {@code blkif_queue_rw_req} and {@code blkif_completion}: it grants its own frames to the back
 * end through its grant table ({@code gnttab_grant_foreign_access_ref}), builds the request that
 * names them, remembers the grants under the request's {@code id}, and ends them
 * ({@code gnttab_end_foreign_access_ref}) when the response comes back.
 *
 * <p>Frames the back end only reads (a write's data, indirect pages) are granted read-only.
 * The caller picks the grant references and frames; this class neither allocates them nor
 * touches the ring.
 *
 * <p>Confined to the guest's block driver.
 */
public final class BlkFrontData {

    /**
     * Sectors {@code firstSect..lastSect} of the guest's frame {@code gfn}, to be granted as
     * {@code ref}: one segment of a request.
     */
    public record Buffer(GrantRef ref, long gfn, int firstSect, int lastSect) {
    }

    /** A guest frame {@code gfn} to hold indirect segments, to be granted as {@code ref}. */
    public record IndirectPage(GrantRef ref, long gfn) {
    }

    /**
     * A response matched to its request.
     *
     * @param response the back end's answer
     * @param released the grants of the request, now ended unless {@code revoked} is false
     * @param revoked  false if the back end still had one of them mapped, so its grant stays
     *                 (the frame must not be reused; Linux marks the device broken)
     */
    public record Completion(BlkifResponse response, List<GrantRef> released, boolean revoked) {
    }

    private final GrantTable table;
    private final LongFunction<Page> memory;
    private final DomId backend;
    private final int handle;
    private final Map<Long, List<GrantRef>> pending = new HashMap<>();

    /**
     * The data path of one vbd of the domain that owns {@code table} and whose frames
     * {@code memory} returns ({@code P2m::page}, or a guest's {@code Hypercalls::page}), served by
     * {@code backend}; {@code handle} is the request's {@code blkif_vdev_t}.
     */
    public BlkFrontData(GrantTable table, LongFunction<Page> memory, DomId backend, int handle) {
        this.table = table;
        this.memory = memory;
        this.backend = backend;
        this.handle = handle;
    }

    /**
     * A direct request of up to 11 segments: read, write, or (with or without data) flush or
     * barrier. Each buffer is granted, read-only unless the back end must write into it.
     *
     * @throws IllegalArgumentException if there are more than 11 buffers or the id is in flight
     */
    public BlkifRequest.Rw readWrite(int operation, long id, long sector, List<Buffer> buffers) {
        if (buffers.size() > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
            throw new IllegalArgumentException("at most 11 segments in a direct request: " + buffers.size());
        }
        checkIdle(id);
        List<BlkifSegment> segments = grant(buffers, operation != BLKIF_OP_READ);
        pending.put(id, refs(buffers, List.of()));
        return new BlkifRequest.Rw(operation, segments.size(), handle, id, sector, segments);
    }

    /**
     * An indirect read or write: the segments are written into {@code pages} (512 to a page),
     * which are granted read-only, as are the buffers of a write.
     *
     * @throws IllegalArgumentException if {@code pages} cannot hold the segments, there are more
     *                                  than 8, or the id is in flight
     */
    public BlkifRequest.Indirect indirect(int operation, long id, long sector, List<Buffer> buffers,
            List<IndirectPage> pages) {
        int needed = (buffers.size() + SEGS_PER_INDIRECT_FRAME - 1) / SEGS_PER_INDIRECT_FRAME;
        if (operation != BLKIF_OP_READ && operation != BLKIF_OP_WRITE) {
            throw new IllegalArgumentException("an indirect request reads or writes: " + operation);
        }
        if (pages.size() < needed || pages.size() > BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST) {
            throw new IllegalArgumentException(buffers.size() + " segments need " + needed
                    + " indirect pages (at most 8), got " + pages.size());
        }
        checkIdle(id);
        List<BlkifSegment> segments = grant(buffers, operation == BLKIF_OP_WRITE);
        List<GrantRef> grefs = new ArrayList<>(pages.size());
        for (int p = 0; p < pages.size(); p++) {
            Page page = memory.apply(pages.get(p).gfn());
            int from = p * SEGS_PER_INDIRECT_FRAME;
            for (int i = from; i < Math.min(segments.size(), from + SEGS_PER_INDIRECT_FRAME); i++) {
                segments.get(i).encode(page, (i - from) * BlkifStructs.Segment.SIZE);
            }
            table.grantAccess(pages.get(p).ref(), backend, pages.get(p).gfn(), true);
            grefs.add(pages.get(p).ref());
        }
        pending.put(id, refs(buffers, grefs));
        return new BlkifRequest.Indirect(operation, segments.size(), id, sector, handle, grefs);
    }

    /** A discard of {@code nrSectors} from {@code sector}: no grants. */
    public BlkifRequest.Discard discard(long id, long sector, long nrSectors) {
        checkIdle(id);
        pending.put(id, List.of());
        return new BlkifRequest.Discard(0, handle, id, sector, nrSectors);
    }

    /**
     * Matches a response to its request and ends the request's grants.
     *
     * <p>UNTRUSTED: the back end wrote the response; an id with no request in flight is ignored.
     *
     * @return the completion, or empty if no request has that id
     */
    public Optional<Completion> complete(BlkifResponse response) {
        List<GrantRef> refs = pending.remove(response.id());
        if (refs == null) {
            return Optional.empty();
        }
        boolean revoked = true;
        for (GrantRef ref : refs) {
            revoked &= table.endAccess(ref);
        }
        return Optional.of(new Completion(response, refs, revoked));
    }

    /** Requests built and not yet completed. */
    public int inFlight() {
        return pending.size();
    }

    private List<BlkifSegment> grant(List<Buffer> buffers, boolean readonly) {
        List<BlkifSegment> segments = new ArrayList<>(buffers.size());
        for (Buffer b : buffers) {
            table.grantAccess(b.ref(), backend, b.gfn(), readonly);
            segments.add(new BlkifSegment(b.ref(), b.firstSect(), b.lastSect()));
        }
        return segments;
    }

    private static List<GrantRef> refs(List<Buffer> buffers, List<GrantRef> more) {
        List<GrantRef> refs = new ArrayList<>(buffers.size() + more.size());
        buffers.forEach(b -> refs.add(b.ref()));
        refs.addAll(more);
        return List.copyOf(refs);
    }

    private void checkIdle(long id) {
        if (pending.containsKey(id)) {
            throw new IllegalArgumentException("request id " + id + " is already in flight");
        }
    }
}
