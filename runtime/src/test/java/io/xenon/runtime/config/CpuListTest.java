package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuListTest {

    private static BitSet cpus(int... ids) {
        BitSet b = new BitSet();
        for (int id : ids) {
            b.set(id);
        }
        return b;
    }

    @Test
    void appliesItemsLeftToRight() {
        assertEquals(cpus(0, 2, 3, 5), CpuList.parse("0-3,5,^1", 8));
        assertEquals(cpus(0, 1, 2, 3, 4, 5, 6), CpuList.parse("all,^7", 8));
        assertEquals(cpus(0, 1, 2, 3), CpuList.parse("nodes:0", 4));
        assertEquals(cpus(0, 1, 2, 3), CpuList.parse("nodes:all", 4));
    }

    @Test
    void readsVcpuPinLists() {
        assertEquals(cpus(0, 1, 3), CpuList.parse("0-1,3", 4));
        assertEquals(cpus(0, 1), CpuList.parse("all", 2));
        assertEquals(cpus(1), CpuList.parse("1", 2));
    }

    @Test
    void skipsEmptyItemsAsXlDoes() {
        assertEquals(cpus(0, 1), CpuList.parse("0,,1,", 4));
    }

    @Test
    void refusesCpusTheHostLacks() {
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("0-8", 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "0-3,5,^1", "nodes:0-1,^node:1", "all,^7", "2"})
    void acceptsWellFormedLists(String spec) {
        assertTrue(CpuList.isWellFormed(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "^all", "^nodes:all", "3-1", "x", "1-", "-1", "1-2-3", "99999999999"})
    void refusesMalformedLists(String spec) {
        assertFalse(CpuList.isWellFormed(spec));
    }

    @Test
    void checksHugeRangesWithoutAllocatingForThem() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        assertTrue(CpuList.isWellFormed("0-2000000000,all"));
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            assertTrue(CpuList.isWellFormed("0-2000000000,all"));
        }
        long perCall = (threads.getThreadAllocatedBytes(thread) - before) / 1000;
        // A bitmap for two billion CPUs would be 250 MB; checking the syntax needs a few objects.
        assertTrue(perCall < 64 * 1024, "allocated " + perCall + " bytes per check");
    }
}
