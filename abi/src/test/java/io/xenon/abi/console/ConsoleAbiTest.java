package io.xenon.abi.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.Xen;
import org.junit.jupiter.api.Test;

/** Checks {@link XenconsInterface} against {@code console.h} as compiled by gcc (x86_64). */
class ConsoleAbiTest {

    @Test
    void offsetsMatchConsoleH() {
        assertEquals(0, XenconsInterface.OFF_in);
        assertEquals(1024, XenconsInterface.OFF_out);
        assertEquals(3072, XenconsInterface.OFF_in_cons);
        assertEquals(3076, XenconsInterface.OFF_in_prod);
        assertEquals(3080, XenconsInterface.OFF_out_cons);
        assertEquals(3084, XenconsInterface.OFF_out_prod);
        assertEquals(3088, XenconsInterface.OFF_connection);
        assertEquals(3092, XenconsInterface.SIZE);
    }

    @Test
    void ringsAreContiguousAndIndicesFollowThem() {
        assertEquals(XenconsInterface.OFF_in + XenconsInterface.IN_SIZE, XenconsInterface.OFF_out);
        assertEquals(XenconsInterface.OFF_out + XenconsInterface.OUT_SIZE, XenconsInterface.OFF_in_cons);
        assertTrue(XenconsInterface.SIZE <= Xen.XEN_PAGE_SIZE);
    }

    @Test
    void maskWrapsFreeRunningIndices() {
        assertEquals(0, XenconsInterface.MASK_XENCONS_IDX(2048, XenconsInterface.OUT_SIZE));
        assertEquals(2047, XenconsInterface.MASK_XENCONS_IDX(-1, XenconsInterface.OUT_SIZE));
        assertEquals(1023, XenconsInterface.MASK_XENCONS_IDX(-1, XenconsInterface.IN_SIZE));
        assertEquals(5, XenconsInterface.MASK_XENCONS_IDX(1024 * 7 + 5, XenconsInterface.IN_SIZE));
    }
}
