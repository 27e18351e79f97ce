package io.xenon.runtime.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void compareAndSetU16ChangesOnlyItsHalf() {
        Page page = new Page();
        page.putU16(8, 0x1111);
        page.putU16(10, 0x2222);
        assertFalse(page.compareAndSetU16(10, 0x1111, 0x3333));
        assertTrue(page.compareAndSetU16(10, 0x2222, 0xBEEF));
        assertEquals(0x1111, page.getU16(8));
        assertEquals(0xBEEF, page.getU16(10));
        assertTrue(page.compareAndSetU16(8, 0x1111, 0));
        assertEquals(0xBEEF0000, page.getInt(8));
    }

    @Test
    void getAndClearBitsU16ReturnsTheOldValue() {
        Page page = new Page();
        page.putU16(0, 0x19);
        page.putU16(2, 0xFFFF);
        assertEquals(0x19, page.getAndClearBitsU16(0, 0x18));
        assertEquals(0x01, page.getU16(0));
        assertEquals(0xFFFF, page.getU16(2));
        page.getAndClearBitsU16(2, 0xFF00);
        assertEquals(0x00FF, page.getU16Volatile(2));
    }
}
