package io.xenon.drivers.blk.front;

import static io.xenon.abi.blkif.Blkif.BLKIF_OP_READ;
import static io.xenon.abi.blkif.Blkif.BLKIF_OP_WRITE;
import static io.xenon.abi.blkif.Blkif.BLKIF_RSP_OKAY;
import static io.xenon.abi.gnttab.Gtf.GTF_permit_access;
import static io.xenon.abi.gnttab.Gtf.GTF_readonly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.blkif.VbdNumber;
import io.xenon.abi.gnttab.GnttabOp;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.drivers.blk.BlkifRequest;
import io.xenon.drivers.blk.BlkifResponse;
import io.xenon.drivers.blk.back.BlkBackData;
import io.xenon.drivers.blk.back.BlkBackFeatures;
import io.xenon.drivers.blk.back.BlkImage;
import io.xenon.drivers.blk.front.BlkFrontData.Buffer;
import io.xenon.drivers.blk.front.BlkFrontData.Completion;
import io.xenon.drivers.blk.front.BlkFrontData.IndirectPage;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.gnttab.GrantTable;
import io.xenon.runtime.gnttab.GrantTables;
import io.xenon.runtime.mm.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkFrontDataTest {

    @TempDir
    Path dir;
    final Host host = new Host(128, 1);
    final GrantTables grants = new GrantTables();
    Domain guest;
    GrantTable table;
    BlkFrontData front;
    BlkBackData back;

    @BeforeEach
    void setUp() throws Exception {
        grants.create(host.createDom0(32, 1));
        guest = host.create(DomainConfigs.read("name = 'g'\nkernel = '/k'\nmemory = 16\n", "g.cfg", List.of()));
        table = grants.create(guest);
        front = new BlkFrontData(table, guest.memory()::page, DomId.DOM0, 51712);
        Path image = dir.resolve("disk.img");
        BlkImage.createSparse(image, 4 << 20);
        back = new BlkBackData(grants, DomId.DOM0, guest.id(), VbdNumber.parse("xvda"), BlkImage.open(image, true),
                new BlkBackFeatures(true, 256));
    }

    @AfterEach
    void tearDown() throws Exception {
        back.close();
    }

    byte[] fill(long gfn, int seed) {
        byte[] bytes = new byte[Page.SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed + i * 13);
        }
        guest.memory().page(gfn).write(0, bytes, 0, bytes.length);
        return bytes;
    }

    byte[] contents(long gfn) {
        byte[] bytes = new byte[Page.SIZE];
        guest.memory().page(gfn).read(0, bytes, 0, bytes.length);
        return bytes;
    }

    @Test
    void aWriteGrantsReadOnlyAReadWritableAndCompletionEndsBoth() {
        byte[] data = fill(10, 3);
        BlkifRequest.Rw write = front.readWrite(BLKIF_OP_WRITE, 1, 40, List.of(new Buffer(new GrantRef(8), 10, 0, 7)));
        assertEquals(GTF_permit_access | GTF_readonly, table.flags(new GrantRef(8)));
        assertEquals(51712, write.handle());
        BlkifResponse done = back.process(write);
        Completion c = front.complete(done).orElseThrow();
        assertEquals(BLKIF_RSP_OKAY, c.response().status());
        assertEquals(List.of(new GrantRef(8)), c.released());
        assertTrue(c.revoked());
        assertEquals(0, table.flags(new GrantRef(8)));

        BlkifRequest.Rw read = front.readWrite(BLKIF_OP_READ, 2, 40, List.of(new Buffer(new GrantRef(9), 20, 0, 7)));
        assertEquals(GTF_permit_access, table.flags(new GrantRef(9)));
        assertTrue(front.complete(back.process(read)).orElseThrow().revoked());
        assertArrayEquals(data, contents(20));
        assertEquals(0, front.inFlight());
    }

    @Test
    void anIndirectRequestOf100SegmentsIsPackedIntoItsPageAndServed() {
        List<Buffer> out = new ArrayList<>();
        List<Buffer> in = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fill(100 + i, i);
            out.add(new Buffer(new GrantRef(8 + i), 100 + i, 0, 7));
            in.add(new Buffer(new GrantRef(120 + i), 250 + i, 0, 7));
        }
        BlkifRequest.Indirect write = front.indirect(BLKIF_OP_WRITE, 1, 0, out, List.of(new IndirectPage(new GrantRef(300), 400)));
        assertEquals(100, write.nrSegments());
        assertEquals(GTF_permit_access | GTF_readonly, table.flags(new GrantRef(300)));
        assertEquals(new BlkifResponse(1, BLKIF_OP_WRITE, BLKIF_RSP_OKAY), back.process(write));
        assertTrue(front.complete(new BlkifResponse(1, BLKIF_OP_WRITE, BLKIF_RSP_OKAY)).orElseThrow().revoked());

        BlkifRequest.Indirect read = front.indirect(BLKIF_OP_READ, 2, 0, in, List.of(new IndirectPage(new GrantRef(300), 400)));
        Completion c = front.complete(back.process(read)).orElseThrow();
        assertEquals(101, c.released().size());
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(contents(100 + i), contents(250 + i), "segment " + i);
        }
    }

    @Test
    void aResponseWithAnUnknownIdIsIgnored() {
        front.discard(5, 0, 8);
        assertEquals(Optional.empty(), front.complete(new BlkifResponse(6, 0, BLKIF_RSP_OKAY)));
        assertEquals(1, front.inFlight());
        assertThrows(IllegalArgumentException.class, () -> front.discard(5, 8, 8));
    }

    @Test
    void aGrantTheBackEndStillMapsIsNotRevoked() {
        front.readWrite(BLKIF_OP_READ, 1, 0, List.of(new Buffer(new GrantRef(8), 10, 0, 7)));
        var mapping = grants.mapGrantRef(DomId.DOM0, guest.id(), new GrantRef(8), GnttabOp.GNTMAP_host_map);
        Completion c = front.complete(new BlkifResponse(1, BLKIF_OP_READ, BLKIF_RSP_OKAY)).orElseThrow();
        assertFalse(c.revoked());
        grants.unmapGrantRef(DomId.DOM0, mapping.handle());
        assertTrue(table.endAccess(new GrantRef(8)));
    }
}
