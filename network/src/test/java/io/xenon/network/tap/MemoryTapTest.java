package io.xenon.network.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryTapTest {

    @Test
    void whatOneEndWritesTheOtherReads() throws Exception {
        MemoryTap.Pair pair = MemoryTap.pair("mt-rw", DeviceKind.TAP, 1500, 4);
        pair.host().send(new byte[] {1, 2, 3});
        byte[] buffer = new byte[16];
        assertEquals(3, pair.device().read(buffer));
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(buffer, 3));
    }

    @Test
    void aFullEndDropsAndCounts() throws Exception {
        MemoryTap.Pair pair = MemoryTap.pair("mt-full", DeviceKind.TAP, 1500, 2);
        for (int i = 0; i < 5; i++) {
            pair.host().send(new byte[] {(byte) i});
        }
        assertEquals(2, pair.device().queued());
        assertEquals(3, pair.device().rxDropped());
    }

    @Test
    void closeEndsABlockedRead() throws Exception {
        MemoryTap.Pair pair = MemoryTap.pair("mt-close", DeviceKind.TUN, 1500, 2);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.device().read(new byte[16]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        pair.host().close();
        assertEquals(-1, read.get(2, TimeUnit.SECONDS));
        assertTrue(pair.device().isClosed());
        assertThrows(IOException.class, () -> pair.device().send(new byte[1]));
    }
}
