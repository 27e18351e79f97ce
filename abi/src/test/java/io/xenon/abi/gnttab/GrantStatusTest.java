package io.xenon.abi.gnttab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GrantStatusTest {

    @Test
    void codesAreXensAndRoundTrip() {
        assertEquals(0, GrantStatus.GNTST_okay.code());
        assertEquals(-3, GrantStatus.GNTST_bad_gntref.code());
        assertEquals(-8, GrantStatus.GNTST_permission_denied.code());
        assertEquals(-10, GrantStatus.GNTST_bad_copy_arg.code());
        assertEquals(-13, GrantStatus.GNTST_no_space.code());
        for (GrantStatus s : GrantStatus.values()) {
            assertEquals(s, GrantStatus.ofCode(s.code()));
        }
        assertNull(GrantStatus.ofCode(1));
        assertNull(GrantStatus.ofCode(-14));
    }

    @Test
    void messagesAreXens() {
        assertEquals("invalid grant reference", GrantStatus.GNTST_bad_gntref.message());
        assertEquals("copy arguments cross page boundary", GrantStatus.GNTST_bad_copy_arg.message());
    }

    @Test
    void entryLayoutFitsTheFrame() {
        assertEquals(512, GrantEntryV1.ENTRIES_PER_FRAME);
        assertEquals(1, GrantEntryV1.frameIndex(512));
        assertEquals(8, GrantEntryV1.offsetInFrame(513));
    }

    @Test
    void refsAreUnsigned() {
        assertEquals(0xFFFFFFFFL, new GrantRef(-1).unsigned());
        assertEquals("4294967295", new GrantHandle(-1).toString());
    }
}
