package io.xenon.drivers.blk.back;

import static io.xenon.abi.blkif.Blkif.BLKIF_OP_DISCARD;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_FLUSH_DISKCACHE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_READ;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_RESERVED_1;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE_BARRIER;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_EOPNOTSUPP;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_ERROR;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_OKAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.DomId;
import io.xenon.abi.blkif.Blkif;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.drivers.DeviceStats;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifResponse;
import io.xenon.drivers.blk.BlkifSegment;
import io.xenon.runtime.mm.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkBackDataTest {

    static final long SIZE = 1 << 20;
    static final long SECTORS = SIZE / 512;

    @TempDir
    Path dir;
    BackFixture f;
    BlkBackData back;

    @BeforeEach
    void setUp() throws Exception {
        f = new BackFixture();
        back = f.back(dir.resolve("disk.img"), SIZE, true, new BlkBackFeatures(true, 256));
    }

    @AfterEach
    void tearDown() throws Exception {
        back.close();
    }

    @Test
    void writtenSectorsReadBackThroughGrantedPages() throws Exception {
        byte[] a = f.fill(10, 1);
        byte[] b = f.fill(11, 2);
        BlkifSegment tail = new BlkifSegment(f.grant(10, true), 5, 7);
        BlkifSegment head = new BlkifSegment(f.grant(11, true), 0, 1);
        assertEquals(new BlkifResponse(7, BLKIF_OP_WRITE, BLKIF_RSP_OKAY),
                back.process(f.rw(BLKIF_OP_WRITE, 7, 100, tail, head)));

        BlkifSegment into = new BlkifSegment(f.grant(20, false), 2, 6);
        assertEquals(new BlkifResponse(8, BLKIF_OP_READ, BLKIF_RSP_OKAY), back.process(f.rw(BLKIF_OP_READ, 8, 100, into)));
        byte[] got = new byte[5 * 512];
        f.page(20).read(2 * 512, got, 0, got.length);
        byte[] want = new byte[5 * 512];
        System.arraycopy(a, 5 * 512, want, 0, 3 * 512);
        System.arraycopy(b, 0, want, 3 * 512, 2 * 512);
        assertArrayEquals(want, got);

        byte[] onDisk = Arrays.copyOfRange(Files.readAllBytes(dir.resolve("disk.img")), 100 * 512, 105 * 512);
        assertArrayEquals(want, onDisk);
        assertEquals(0, f.grants.activeMappings());
    }

    @Test
    void everyMalformedRequestIsRefusedAndTheNextGoodOneStillWorks() {
        GrantRef neverGranted = new GrantRef(300);
        GrantRef toAnother = new GrantRef(301);
        f.guestTable.grantAccess(toAnother, DomId.of(9), 31, false);
        GrantRef readonly = f.grant(32, true);
        List<BlkifSegment> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(f.whole(40 + i, true));
        }
        record Case(String what, int status, String reason, Supplier<BlkifRequest> req) {
        }
        List<Case> cases = List.of(
                new Case("unknown operation", BLKIF_RSP_EOPNOTSUPP, "unsupported-op",
                        () -> new BlkifRequest.Other(99, 1)),
                new Case("reserved operation", BLKIF_RSP_EOPNOTSUPP, "unsupported-op",
                        () -> new BlkifRequest.Other(BLKIF_OP_RESERVED_1, 1)),
                new Case("no segments", BLKIF_RSP_ERROR, "bad-nr-segments", () -> f.rw(BLKIF_OP_READ, 1, 0)),
                new Case("12 segments", BLKIF_RSP_ERROR, "bad-nr-segments",
                        () -> new BlkifRequest.Rw(BLKIF_OP_WRITE, 12, 0, 1, 0, eleven)),
                new Case("first after last", BLKIF_RSP_ERROR, "bad-segment",
                        () -> f.rw(BLKIF_OP_WRITE, 1, 0, new BlkifSegment(readonly, 4, 3))),
                new Case("last past the frame", BLKIF_RSP_ERROR, "bad-segment",
                        () -> f.rw(BLKIF_OP_WRITE, 1, 0, new BlkifSegment(readonly, 0, 8))),
                new Case("past the end", BLKIF_RSP_ERROR, "beyond-end",
                        () -> f.rw(BLKIF_OP_WRITE, 1, SECTORS - 7, new BlkifSegment(readonly, 0, 7))),
                new Case("sector wraps u64", BLKIF_RSP_ERROR, "beyond-end",
                        () -> f.rw(BLKIF_OP_WRITE, 1, -4, new BlkifSegment(readonly, 0, 7))),
                new Case("grant never made", BLKIF_RSP_ERROR, "bad-grant",
                        () -> f.rw(BLKIF_OP_WRITE, 1, 0, new BlkifSegment(neverGranted, 0, 7))),
                new Case("grant to another domain", BLKIF_RSP_ERROR, "bad-grant",
                        () -> f.rw(BLKIF_OP_WRITE, 1, 0, new BlkifSegment(toAnother, 0, 7))),
                new Case("grant outside the table", BLKIF_RSP_ERROR, "bad-grant",
                        () -> f.rw(BLKIF_OP_WRITE, 1, 0, new BlkifSegment(new GrantRef(-1), 0, 7))),
                new Case("read into a read-only grant", BLKIF_RSP_ERROR, "bad-grant",
                        () -> f.rw(BLKIF_OP_READ, 1, 0, new BlkifSegment(readonly, 0, 7))),
                new Case("indirect flush", BLKIF_RSP_ERROR, "bad-indirect-op",
                        () -> indirect(BLKIF_OP_FLUSH_DISKCACHE, 1, readonly)),
                new Case("indirect with no segments", BLKIF_RSP_ERROR, "bad-nr-segments",
                        () -> indirect(BLKIF_OP_READ, 0, readonly)),
                new Case("indirect beyond the maximum", BLKIF_RSP_ERROR, "bad-nr-segments",
                        () -> indirect(BLKIF_OP_READ, 257, readonly)),
                new Case("indirect page not granted", BLKIF_RSP_ERROR, "bad-grant",
                        () -> indirect(BLKIF_OP_WRITE, 1, neverGranted)),
                new Case("discard past the end", BLKIF_RSP_ERROR, "beyond-end",
                        () -> new BlkifRequest.Discard(0, 0, 1, SECTORS, 1)),
                new Case("discard wraps u64", BLKIF_RSP_ERROR, "beyond-end",
                        () -> new BlkifRequest.Discard(0, 0, 1, 8, -1)));
        int good = 0;
        for (Case c : cases) {
            BlkifRequest req = c.req().get();
            long before = errors(c.status(), c.reason());
            BlkifResponse rsp = back.process(req);
            assertEquals(before + 1, errors(c.status(), c.reason()), c.what());
            assertEquals(c.status(), rsp.status(), c.what());
            assertEquals(req.id(), rsp.id(), c.what());
            byte[] data = f.fill(60, good);
            assertEquals(BLKIF_RSP_OKAY, back.process(f.rw(BLKIF_OP_WRITE, 2, 16, f.whole(60, true))).status(), "after " + c.what());
            assertEquals(BLKIF_RSP_OKAY, back.process(f.rw(BLKIF_OP_READ, 3, 16, f.whole(61, false))).status(), "after " + c.what());
            byte[] got = new byte[Page.SIZE];
            f.page(61).read(0, got, 0, got.length);
            assertArrayEquals(data, got, "after " + c.what());
            assertEquals(0, f.grants.activeMappings(), c.what());
            good++;
        }
    }

    private long errors(int status, String reason) {
        TagSet tags = TagSet.of("domid", f.front().toString()).withTag("device", "51712")
                .withTag("status", Blkif.statusName(status)).withTag("reason", reason);
        return count("xenon.blkback.errors", tags);
    }

    /** An indirect request of {@code segments} whole frames, its page of segments granted as {@code page}. */
    private BlkifRequest indirect(int op, int segments, GrantRef page) {
        return new BlkifRequest.Indirect(op, segments, 1, 0, 0, List.of(page));
    }

    @Test
    void requestsAndBytesAreCountedPerVbd() {
        TagSet vbd = TagSet.of("domid", f.front().toString()).withTag("device", "51712");
        long writes = count("xenon.blkback.requests", vbd.withTag("op", "BLKIF_OP_WRITE"));
        long unknown = count("xenon.blkback.requests", vbd.withTag("op", "unknown"));
        long written = count("xenon.blkback.bytes", vbd.withTag("direction", "written"));
        long read = count("xenon.blkback.bytes", vbd.withTag("direction", "read"));
        back.process(f.rw(BLKIF_OP_WRITE, 1, 0, f.whole(10, true), new BlkifSegment(f.grant(11, true), 0, 0)));
        back.process(f.rw(BLKIF_OP_READ, 2, 0, new BlkifSegment(f.grant(12, false), 3, 4)));
        back.process(new BlkifRequest.Other(77, 3));
        assertEquals(writes + 1, count("xenon.blkback.requests", vbd.withTag("op", "BLKIF_OP_WRITE")));
        assertEquals(unknown + 1, count("xenon.blkback.requests", vbd.withTag("op", "unknown")));
        assertEquals(written + 9 * 512, count("xenon.blkback.bytes", vbd.withTag("direction", "written")));
        assertEquals(read + 2 * 512, count("xenon.blkback.bytes", vbd.withTag("direction", "read")));
    }

    @Test
    void totalsCountReadsWritesAndSectorsUntilTheVbdCloses() throws Exception {
        back.process(f.rw(BLKIF_OP_WRITE, 1, 0, f.whole(10, true), new BlkifSegment(f.grant(11, true), 0, 0)));
        back.process(f.rw(BLKIF_OP_READ, 2, 0, new BlkifSegment(f.grant(12, false), 3, 4)));
        back.process(f.rw(BLKIF_OP_FLUSH_DISKCACHE, 3, 0));
        DeviceStats.Sample vbd = vbdTotals();
        assertEquals(1, vbd.get(DeviceStats.Counter.WR_REQS));
        assertEquals(1, vbd.get(DeviceStats.Counter.RD_REQS));
        assertEquals(9 * 512, vbd.get(DeviceStats.Counter.WR_BYTES));
        assertEquals(2 * 512, vbd.get(DeviceStats.Counter.RD_BYTES));
        assertEquals(0, vbd.get(DeviceStats.Counter.OO_REQS));
        back.close();
        assertEquals(null, vbdTotals(), "a closed vbd's totals are forgotten");
        back = f.back(dir.resolve("disk.img"), SIZE, true, new BlkBackFeatures(true, 256));
    }

    private DeviceStats.Sample vbdTotals() {
        return DeviceStats.sample().stream()
                .filter(s -> s.key().equals(new DeviceStats.Key(f.front().value(), "vbd", "51712")))
                .findFirst().orElse(null);
    }

    private static long count(String name, TagSet tags) {
        return ((Counter.LongAdder) Kamon.counter(name).withTags(tags)).snapshot(false);
    }

    @Test
    void anUnknownOperationIsAnsweredWithItsOwnCode() {
        assertEquals(new BlkifResponse(5, 200, BLKIF_RSP_EOPNOTSUPP), back.process(new BlkifRequest.Other(200, 5)));
    }

    @Test
    void anIndirectRequestNamingTooFewPagesIsRefused() throws Exception {
        try (BlkBackData wide = f.back(dir.resolve("w.img"), SIZE, true, new BlkBackFeatures(true, 4096))) {
            BlkifRequest twoPages = new BlkifRequest.Indirect(BLKIF_OP_READ, 600, 9, 0, 0, List.of(f.grant(5, true)));
            assertEquals(new BlkifResponse(9, BLKIF_OP_READ, BLKIF_RSP_ERROR), wide.process(twoPages));
        }
    }

    @Test
    void discardIsRefusedWhenTheToolstackDisallowsIt() throws Exception {
        try (BlkBackData noDiscard = f.back(dir.resolve("nd.img"), SIZE, true, new BlkBackFeatures(false, 256))) {
            assertEquals(new BlkifResponse(4, BLKIF_OP_DISCARD, BLKIF_RSP_EOPNOTSUPP),
                    noDiscard.process(new BlkifRequest.Discard(0, 0, 4, 0, 8)));
        }
    }

    @Test
    void indirectIsRefusedWhenNotOffered() throws Exception {
        try (BlkBackData direct = f.back(dir.resolve("d.img"), SIZE, true, new BlkBackFeatures(true, 0))) {
            assertEquals(BLKIF_RSP_EOPNOTSUPP, direct.process(indirect(BLKIF_OP_READ, 1, f.grant(5, true))).status());
        }
    }

    @Test
    void discardedSectorsReadAsZeros() {
        f.fill(10, 3);
        back.process(f.rw(BLKIF_OP_WRITE, 1, 8, f.whole(10, true)));
        assertEquals(BLKIF_RSP_OKAY, back.process(new BlkifRequest.Discard(0, 0, 2, 9, 2)).status());
        back.process(f.rw(BLKIF_OP_READ, 3, 8, f.whole(11, false)));
        byte[] got = new byte[Page.SIZE];
        f.page(11).read(0, got, 0, got.length);
        byte[] want = new byte[Page.SIZE];
        f.page(10).read(0, want, 0, want.length);
        Arrays.fill(want, 512, 3 * 512, (byte) 0);
        assertArrayEquals(want, got);
    }

    @Test
    void aReadOnlyDiskRefusesEveryWriteButReads() throws Exception {
        Path image = dir.resolve("ro.img");
        Files.write(image, new byte[(int) SIZE]);
        try (BlkBackData ro = f.back(image, SIZE, false, new BlkBackFeatures(true, 256))) {
            f.fill(10, 9);
            assertEquals(BLKIF_RSP_ERROR, ro.process(f.rw(BLKIF_OP_WRITE, 1, 0, f.whole(10, true))).status());
            assertEquals(BLKIF_RSP_ERROR, ro.process(f.rw(BLKIF_OP_WRITE_BARRIER, 2, 0, f.whole(10, true))).status());
            assertEquals(BLKIF_RSP_ERROR, ro.process(f.rw(BLKIF_OP_FLUSH_DISKCACHE, 3, 0)).status());
            assertEquals(BLKIF_RSP_ERROR, ro.process(new BlkifRequest.Discard(0, 0, 4, 0, 8)).status());
            assertEquals(BLKIF_RSP_ERROR, ro.process(new BlkifRequest.Indirect(BLKIF_OP_WRITE, 1, 5, 0, 0,
                    List.of(f.grant(12, true)))).status());
            assertEquals(BLKIF_RSP_OKAY, ro.process(f.rw(BLKIF_OP_READ, 6, 0, f.whole(11, false))).status());
        }
        assertArrayEquals(new byte[(int) SIZE], Files.readAllBytes(image));
    }

    @Test
    void anIndirectRequestOf100SegmentsWritesAndReadsBack() {
        int n = 100;
        List<BlkifSegment> out = new ArrayList<>();
        List<BlkifSegment> in = new ArrayList<>();
        byte[] want = new byte[n * Page.SIZE];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f.fill(100 + i, i), 0, want, i * Page.SIZE, Page.SIZE);
            out.add(f.whole(100 + i, true));
            in.add(f.whole(250 + i, false));
        }
        assertEquals(new BlkifResponse(1, BLKIF_OP_WRITE, BLKIF_RSP_OKAY),
                back.process(indirectOver(BLKIF_OP_WRITE, 1, 400, out)));
        assertEquals(new BlkifResponse(2, BLKIF_OP_READ, BLKIF_RSP_OKAY),
                back.process(indirectOver(BLKIF_OP_READ, 2, 401, in)));
        byte[] got = new byte[n * Page.SIZE];
        for (int i = 0; i < n; i++) {
            f.page(250 + i).read(0, got, i * Page.SIZE, Page.SIZE);
        }
        assertArrayEquals(want, got);
        assertEquals(0, f.grants.activeMappings());
    }

    /** Packs {@code segments} into guest frame {@code gfn}, grants it read-only, and names it in an indirect request. */
    private BlkifRequest indirectOver(int op, long id, long gfn, List<BlkifSegment> segments) {
        for (int i = 0; i < segments.size(); i++) {
            segments.get(i).encode(f.page(gfn), i * 8);
        }
        return new BlkifRequest.Indirect(op, segments.size(), id, 64, 0, List.of(f.grant(gfn, true)));
    }
}
