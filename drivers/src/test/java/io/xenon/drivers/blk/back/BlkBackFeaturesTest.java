package io.xenon.drivers.blk.back;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.runtime.config.DiskSpec;
import io.xenon.runtime.config.Position;
import org.junit.jupiter.api.Test;

class BlkBackFeaturesTest {

    static BlkBackFeatures of(String spec) throws Exception {
        return BlkBackFeatures.of(DiskSpec.parse(spec, new Position("g.cfg", 1, 1)));
    }

    @Test
    void discardIsOfferedUnlessTheSpecSaysNoDiscard() throws Exception {
        assertTrue(of("vdev=xvda,target=/img/a").discard());
        assertTrue(of("discard,vdev=xvda,target=/img/a").discard());
        assertFalse(of("no-discard,vdev=xvda,target=/img/a").discard());
        assertEquals(256, of("vdev=xvda,target=/img/a").maxIndirectSegments());
    }

    @Test
    void indirectSegmentsAreBoundedByEightPages() {
        assertEquals(4096, new BlkBackFeatures(true, 4096).maxIndirectSegments());
        assertThrows(IllegalArgumentException.class, () -> new BlkBackFeatures(true, 4097));
        assertThrows(IllegalArgumentException.class, () -> new BlkBackFeatures(true, -1));
    }
}
