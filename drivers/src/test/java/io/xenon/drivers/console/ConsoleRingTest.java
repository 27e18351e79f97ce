package io.xenon.drivers.console;

import static io.xenon.abi.console.XenconsInterface.IN_SIZE;
import static io.xenon.abi.console.XenconsInterface.OFF_in_cons;
import static io.xenon.abi.console.XenconsInterface.OFF_in_prod;
import static io.xenon.abi.console.XenconsInterface.OFF_out;
import static io.xenon.abi.console.XenconsInterface.OFF_out_cons;
import static io.xenon.abi.console.XenconsInterface.OFF_out_prod;
import static io.xenon.abi.console.XenconsInterface.OUT_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.runtime.mm.Page;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConsoleRingTest {

    private final Page page = new Page();
    private final ConsoleRing ring = new ConsoleRing(page);

    private static byte[] pattern(int start, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    @Test
    void outWrapsAroundTheRingOverManyWrites() {
        byte[] got = new byte[OUT_SIZE];
        int total = 0;
        // 700 is prime to 2048, so the writes start at every kind of offset and straddle the end.
        for (int i = 0; i < 200; i++) {
            byte[] chunk = pattern(total, 700);
            assertEquals(700, ring.writeOut(chunk, 0, chunk.length));
            int n = ring.readOut(got, 0, got.length);
            assertEquals(700, n);
            assertArrayEquals(chunk, Arrays.copyOf(got, n));
            total += 700;
        }
        assertEquals(total, page.getInt(OFF_out_prod));
        assertEquals(total, page.getInt(OFF_out_cons));
    }

    @Test
    void indicesRunFreeAcrossTwoToTheThirtyTwo() {
        page.putInt(OFF_out_prod, -10);
        page.putInt(OFF_out_cons, -10);
        byte[] chunk = pattern(1, 30);
        assertEquals(30, ring.writeOut(chunk, 0, chunk.length));
        assertEquals(20, page.getInt(OFF_out_prod));
        assertEquals(chunk[0], page.bytes()[OFF_out + OUT_SIZE - 10]);
        byte[] got = new byte[64];
        assertEquals(30, ring.readOut(got, 0, got.length));
        assertArrayEquals(chunk, Arrays.copyOf(got, 30));
    }

    @Test
    void writerOnlyWritesWhatFits() {
        byte[] big = pattern(0, OUT_SIZE + 500);
        assertEquals(OUT_SIZE, ring.writeOut(big, 0, big.length));
        assertEquals(0, ring.writeOut(big, 0, big.length));
        byte[] got = new byte[100];
        assertEquals(100, ring.readOut(got, 0, got.length));
        assertEquals(100, ring.writeOut(big, OUT_SIZE, 500));
        assertEquals(OUT_SIZE + 100, page.getInt(OFF_out_prod));
    }

    @Test
    void inRingCarriesBytesToTheGuest() {
        byte[] keys = pattern(40, IN_SIZE + 10);
        assertEquals(IN_SIZE, ring.writeIn(keys, 0, keys.length));
        byte[] got = new byte[IN_SIZE * 2];
        assertEquals(IN_SIZE, ring.readIn(got, 0, got.length));
        assertArrayEquals(Arrays.copyOf(keys, IN_SIZE), Arrays.copyOf(got, IN_SIZE));
        assertEquals(IN_SIZE, page.getInt(OFF_in_cons));
    }

    @Test
    void indicesClaimingMoreThanTheRingHoldsAreBroken() {
        page.putInt(OFF_out_prod, OUT_SIZE + 1);
        assertEquals(ConsoleRing.BROKEN, ring.readOut(new byte[OUT_SIZE], 0, OUT_SIZE));
        assertEquals(0, page.getInt(OFF_out_cons));
        ring.discardOut();
        assertEquals(OUT_SIZE + 1, page.getInt(OFF_out_cons));

        page.putInt(OFF_in_cons, 5000);
        assertEquals(ConsoleRing.BROKEN, ring.writeIn(new byte[1], 0, 1));
        assertEquals(ConsoleRing.BROKEN, ring.readIn(new byte[1], 0, 1));
        ring.discardIn();
        assertEquals(5000, page.getInt(OFF_in_prod));
        assertEquals(1, ring.writeIn(new byte[1], 0, 1));
    }
}
