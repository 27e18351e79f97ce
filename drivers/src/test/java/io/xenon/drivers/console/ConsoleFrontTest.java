package io.xenon.drivers.console;

import static io.xenon.abi.console.XenconsInterface.OFF_out_cons;
import static io.xenon.abi.console.XenconsInterface.OFF_out_prod;
import static io.xenon.abi.console.XenconsInterface.OUT_SIZE;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.runtime.mm.Page;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsoleFrontTest {

    private final Page page = new Page();
    private final AtomicInteger kicks = new AtomicInteger();
    private final ConsoleFront front = new ConsoleFront(page, kicks::incrementAndGet);
    private final ConsoleRing backSide = new ConsoleRing(page);

    @Test
    void writePublishesOutProdAndNotifies() {
        assertEquals(6, front.write("hello\n".getBytes(US_ASCII)));
        assertEquals(6, page.getInt(OFF_out_prod));
        assertEquals(1, kicks.get());
    }

    @Test
    void writeMoreThanFitsWritesWhatFitsAndAFullRingDoesNotNotify() {
        assertEquals(OUT_SIZE, front.write(new byte[OUT_SIZE + 1]));
        assertEquals(1, kicks.get());
        assertEquals(0, front.write(new byte[1]));
        assertEquals(1, kicks.get());
    }

    @Test
    void writeOnARingTheBackEndBrokeReportsIt() {
        page.putInt(OFF_out_cons, 5000);
        assertEquals(ConsoleRing.BROKEN, front.write(new byte[] {'x'}));
        assertEquals(0, page.getInt(OFF_out_prod));
        assertEquals(0, kicks.get());
    }

    @Test
    void readDrainsInAndNotifiesTheBackEnd() {
        byte[] keys = "ls -l\r".getBytes(US_ASCII);
        backSide.writeIn(keys, 0, keys.length);
        assertArrayEquals(keys, front.read());
        assertEquals(1, kicks.get());
        assertEquals(0, front.read().length);
        assertEquals(1, kicks.get());
    }
}
