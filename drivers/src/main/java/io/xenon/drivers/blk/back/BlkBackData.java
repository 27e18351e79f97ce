package io.xenon.drivers.blk.back;

import static io.xenon.abi.blkif.Blkif.BLKIF_OP_FLUSH_DISKCACHE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_READ;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE_BARRIER;
import static io.xenon.abi.blkif.Blkif.BLKIF_MAX_SEGMENTS_PER_REQUEST;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_EOPNOTSUPP;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_ERROR;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_OKAY;
import static io.xenon.abi.blkif.Blkif.SECTOR_SIZE;
import static io.xenon.abi.blkif.Blkif.SEGS_PER_INDIRECT_FRAME;

import io.xenon.abi.DomId;
import io.xenon.abi.blkif.BlkifStructs;
import io.xenon.abi.blkif.VbdNumber;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifResponse;
import io.xenon.drivers.blk.BlkifSegment;
import io.xenon.runtime.gnttab.GrantMapping;
import io.xenon.runtime.gnttab.GrantTables;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of one vbd back end, as Linux blkback's {@code dispatch_rw_block_io} and
 * {@code dispatch_discard_io}: it takes one decoded request and returns its response, moving the
 * data between the front end's granted frames and the {@link BlkImage}.
 *
 * <p>UNTRUSTED: every field of a request is the front end's. The operation must be known (else
 * {@code BLKIF_RSP_EOPNOTSUPP}); the segment count, each segment's sectors, the sector range, the
 * grants (they must be the front end's, granted to this back end, writable for a read) and the
 * disk's mode are checked before any byte moves, and a violation is answered
 * {@code BLKIF_RSP_ERROR}. A bad request never throws and leaves the device working.
 *
 * <p>Grants are mapped ({@code GNTTABOP_map_grant_ref}) for the length of one request, copied
 * through a direct bounce buffer, and unmapped before the response is produced.
 *
 * <p>INVARIANT: a response is produced only after the I/O it answers has returned; for
 * {@code BLKIF_OP_FLUSH_DISKCACHE} and {@code BLKIF_OP_WRITE_BARRIER}, after
 * {@code FileChannel.force(true)}, so every write answered {@code OKAY} before an {@code OKAY}
 * flush or barrier is on stable storage.
 *
 * <p>Confined to the back end that owns it; it owns the image and closes it.
 */
public final class BlkBackData implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(BlkBackData.class);

    private final GrantTables grants;
    private final DomId backend;
    private final DomId frontend;
    private final VbdNumber vbd;
    private final BlkImage image;
    private ByteBuffer bounceBuffer;
    private final BlkBackFeatures features;
    private final BlkBackMetrics metrics;

    /**
     * The data path of vbd {@code vbd} of {@code frontend}, served by {@code backend} from
     * {@code image}.
     */
    public BlkBackData(GrantTables grants, DomId backend, DomId frontend, VbdNumber vbd, BlkImage image,
            BlkBackFeatures features) {
        this.grants = grants;
        this.backend = backend;
        this.frontend = frontend;
        this.vbd = vbd;
        this.image = image;
        this.features = features;
        this.metrics = new BlkBackMetrics(frontend.value(), vbd.toString());
    }

    public BlkImage image() {
        return image;
    }

    public BlkBackFeatures features() {
        return features;
    }

    /**
     * Carries out one request and answers it. The response echoes the request's {@code id}, and
     * its {@code operation}, except that an indirect request is answered with its
     * {@code indirect_op}, as blkback answers it.
     */
    public BlkifResponse process(BlkifRequest req) {
        long start = System.nanoTime();
        int operation = req.operation();
        int status;
        if (req instanceof BlkifRequest.Rw rw) {
            status = readWrite(rw);
        } else if (req instanceof BlkifRequest.Indirect indirect) {
            operation = indirect.indirectOp();
            status = indirect(indirect);
        } else if (req instanceof BlkifRequest.Discard discard) {
            status = discard(discard);
        } else {
            status = refuse(BLKIF_RSP_EOPNOTSUPP, "unsupported-op");
        }
        metrics.request(req.operation(), operation, System.nanoTime() - start);
        return new BlkifResponse(req.id(), operation, status);
    }

    private int readWrite(BlkifRequest.Rw rw) {
        int op = rw.operation();
        boolean flush = op == BLKIF_OP_FLUSH_DISKCACHE || op == BLKIF_OP_WRITE_BARRIER;
        // UNTRUSTED: only a flush or barrier may carry no data (blkback's REQ_PREFLUSH case).
        if ((rw.nrSegments() == 0 && !flush) || rw.nrSegments() > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
            return refuse(BLKIF_RSP_ERROR, "bad-nr-segments");
        }
        if (op != BLKIF_OP_READ && !image.readwrite()) {
            return refuse(BLKIF_RSP_ERROR, "read-only");
        }
        return transfer(op != BLKIF_OP_READ, rw.sectorNumber(), rw.segments(), flush);
    }

    private int indirect(BlkifRequest.Indirect req) {
        if (features.maxIndirectSegments() == 0) {
            return refuse(BLKIF_RSP_EOPNOTSUPP, "unsupported-op");
        }
        int op = req.indirectOp();
        if (op != BLKIF_OP_READ && op != BLKIF_OP_WRITE) {
            return refuse(BLKIF_RSP_ERROR, "bad-indirect-op");
        }
        if (req.nrSegments() == 0 || req.nrSegments() > features.maxIndirectSegments()) {
            return refuse(BLKIF_RSP_ERROR, "bad-nr-segments");
        }
        if (op == BLKIF_OP_WRITE && !image.readwrite()) {
            return refuse(BLKIF_RSP_ERROR, "read-only");
        }
        int pages = (req.nrSegments() + SEGS_PER_INDIRECT_FRAME - 1) / SEGS_PER_INDIRECT_FRAME;
        if (pages > req.indirectGrefs().size()) {
            return refuse(BLKIF_RSP_ERROR, "bad-nr-segments");
        }
        List<BlkifSegment> segments = new ArrayList<>(req.nrSegments());
        for (int p = 0; p < pages; p++) {
            GrantMapping m = grants.mapGrantRef(backend, frontend, req.indirectGrefs().get(p),
                    GnttabOp.GNTMAP_host_map | GnttabOp.GNTMAP_readonly);
            if (!m.status().isOkay()) {
                return refuse(BLKIF_RSP_ERROR, "bad-grant");
            }
            // UNTRUSTED: each segment is copied out of the shared page once, then checked.
            int inPage = Math.min(SEGS_PER_INDIRECT_FRAME, req.nrSegments() - p * SEGS_PER_INDIRECT_FRAME);
            for (int i = 0; i < inPage; i++) {
                segments.add(BlkifSegment.decode(m.page(), i * BlkifStructs.Segment.SIZE));
            }
            grants.unmapGrantRef(backend, m.handle());
        }
        return transfer(op == BLKIF_OP_WRITE, req.sectorNumber(), segments, false);
    }

    private int discard(BlkifRequest.Discard req) {
        if (!features.discard()) {
            return refuse(BLKIF_RSP_EOPNOTSUPP, "discard-disabled");
        }
        // BLKIF_DISCARD_SECURE is ignored: discard-secure is not offered (blkif.h: "ignored if
        // discard-secure=0").
        if (!image.readwrite()) {
            return refuse(BLKIF_RSP_ERROR, "read-only");
        }
        if (!inDisk(req.sectorNumber(), req.nrSectors())) {
            return refuse(BLKIF_RSP_ERROR, "beyond-end");
        }
        try {
            image.discard(req.sectorNumber() * SECTOR_SIZE, req.nrSectors() * SECTOR_SIZE);
        } catch (IOException e) {
            return ioError(e);
        }
        return BLKIF_RSP_OKAY;
    }

    /**
     * Moves the data of {@code segments}, which lie back to back on the disk from {@code sector}:
     * checks them all, maps every grant (read-only when the guest's data goes to disk), then does
     * one positional read or write. A flush forces the image before, and after any data.
     */
    private int transfer(boolean toDisk, long sector, List<BlkifSegment> segments, boolean flush) {
        long sectors = 0;
        for (BlkifSegment s : segments) {
            if (!s.isValid()) {
                return refuse(BLKIF_RSP_ERROR, "bad-segment");
            }
            sectors += s.sectors();
        }
        if (sectors > 0 && !inDisk(sector, sectors)) {
            return refuse(BLKIF_RSP_ERROR, "beyond-end");
        }
        List<GrantMapping> mapped = new ArrayList<>(segments.size());
        try {
            for (BlkifSegment s : segments) {
                GrantMapping m = grants.mapGrantRef(backend, frontend, s.gref(),
                        GnttabOp.GNTMAP_host_map | (toDisk ? GnttabOp.GNTMAP_readonly : 0));
                if (!m.status().isOkay()) {
                    return refuse(BLKIF_RSP_ERROR, "bad-grant");
                }
                mapped.add(m);
            }
            if (flush) {
                image.flush();
            }
            if (sectors > 0) {
                move(toDisk, sector, segments, mapped, (int) sectors * SECTOR_SIZE);
            }
            if (flush && sectors > 0) {
                image.flush();
            }
        } catch (IOException e) {
            return ioError(e);
        } finally {
            for (GrantMapping m : mapped) {
                grants.unmapGrantRef(backend, m.handle());
            }
        }
        return BLKIF_RSP_OKAY;
    }

    private void move(boolean toDisk, long sector, List<BlkifSegment> segments, List<GrantMapping> pages, int bytes)
            throws IOException {
        // XEN-DIFF: blkback hands the mapped frames to the block layer; Xenon bounces through
        // one direct buffer, kept between requests, so that the file sees a single positional
        // read or write and the JDK copies no further (a heap buffer is copied again into a
        // temporary direct one).
        ByteBuffer bounce = bounce(bytes);
        long position = sector * SECTOR_SIZE;
        if (toDisk) {
            for (int i = 0; i < segments.size(); i++) {
                BlkifSegment s = segments.get(i);
                bounce.put(pages.get(i).page().bytes(), s.firstSect() * SECTOR_SIZE, s.sectors() * SECTOR_SIZE);
            }
            image.write(bounce.flip(), position);
            metrics.written(bytes);
        } else {
            image.read(bounce, position);
            bounce.flip();
            for (int i = 0; i < segments.size(); i++) {
                BlkifSegment s = segments.get(i);
                bounce.get(pages.get(i).page().bytes(), s.firstSect() * SECTOR_SIZE, s.sectors() * SECTOR_SIZE);
            }
            metrics.read(bytes);
        }
    }

    /** The bounce buffer, cleared and limited to {@code bytes}; grown when a request needs more. */
    private ByteBuffer bounce(int bytes) {
        if (bounceBuffer == null || bounceBuffer.capacity() < bytes) {
            bounceBuffer = ByteBuffer.allocateDirect(bytes);
        }
        bounceBuffer.clear().limit(bytes);
        return bounceBuffer;
    }

    /** Whether {@code count} sectors from {@code first} (both u64) lie inside the disk. */
    private boolean inDisk(long first, long count) {
        return Long.compareUnsigned(first, image.sectors()) <= 0
                && Long.compareUnsigned(count, image.sectors() - first) <= 0;
    }

    private int refuse(int status, String reason) {
        metrics.error(status, reason);
        return status;
    }

    private int ioError(IOException e) {
        LOG.warn("vbd {} of d{}: I/O error: {}", vbd, frontend, e.toString());
        return refuse(BLKIF_RSP_ERROR, "io-error");
    }

    /** Closes the image and drops the vbd's metric series. */
    @Override
    public void close() throws IOException {
        metrics.remove();
        image.close();
    }
}
