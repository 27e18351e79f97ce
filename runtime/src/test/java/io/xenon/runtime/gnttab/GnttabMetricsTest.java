package io.xenon.runtime.gnttab;

import static io.xenon.abi.gnttab.GnttabOp.GNTMAP_host_map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.DomId;
import io.xenon.abi.gnttab.GrantRef;
import io.xenon.runtime.mm.FramePool;
import io.xenon.runtime.mm.P2m;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;
import org.junit.jupiter.api.Test;

class GnttabMetricsTest {

    static long count(String name, TagSet tags) {
        return ((Counter.LongAdder) Kamon.counter(name).withTags(tags)).snapshot(false);
    }

    @Test
    void mapsUnmapsAndErrorsAreCounted() {
        DomId mapper = DomId.of(4001);
        DomId granter = DomId.of(4002);
        TagSet byMapper = TagSet.of("domid", "4001");
        TagSet badRef = TagSet.of("op", "map_grant_ref").withTag("status", "GNTST_bad_gntref");
        GrantTables tables = new GrantTables();
        FramePool pool = new FramePool(4096);
        tables.create(mapper, P2m.reserve(pool, 1024), 4);
        GrantTable g = tables.create(granter, P2m.reserve(pool, 1024), 4);
        long errorsBefore = count("xenon.gnttab.errors", badRef);

        g.grantAccess(new GrantRef(8), mapper, 1, false);
        GrantMapping m = tables.mapGrantRef(mapper, granter, new GrantRef(8), GNTMAP_host_map);
        tables.unmapGrantRef(mapper, m.handle());
        tables.mapGrantRef(mapper, granter, new GrantRef(-1), GNTMAP_host_map);

        assertEquals(1, count("xenon.gnttab.maps", byMapper));
        assertEquals(1, count("xenon.gnttab.unmaps", byMapper));
        assertEquals(errorsBefore + 1, count("xenon.gnttab.errors", badRef));
    }
}
