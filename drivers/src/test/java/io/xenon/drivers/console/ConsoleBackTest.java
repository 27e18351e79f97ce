package io.xenon.drivers.console;

import static io.xenon.abi.console.XenconsInterface.IN_SIZE;
import static io.xenon.abi.console.XenconsInterface.OFF_connection;
import static io.xenon.abi.console.XenconsInterface.OFF_in_cons;
import static io.xenon.abi.console.XenconsInterface.OFF_in_prod;
import static io.xenon.abi.console.XenconsInterface.OFF_out_cons;
import static io.xenon.abi.console.XenconsInterface.OFF_out_prod;
import static io.xenon.abi.console.XenconsInterface.OUT_SIZE;
import static io.xenon.abi.console.XenconsInterface.XENCONSOLE_CONNECTED;
import static io.xenon.abi.console.XenconsInterface.XENCONSOLE_DISCONNECTED;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import io.xenon.runtime.mm.Page;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleBackTest {

    @TempDir
    Path dir;

    private Domain domain;
    private final Page page = new Page();
    private final AtomicInteger guestKicks = new AtomicInteger();
    private final AtomicInteger backKicks = new AtomicInteger();
    private final ConsoleFront front = new ConsoleFront(page, backKicks::incrementAndGet);
    private ConsoleBack back;

    @BeforeEach
    void boot() throws Exception {
        Host host = new Host(64, 1);
        domain = host.create(DomainConfigs.read("name = \"guest\"\nmemory = 16\nkernel = \"builtin:idle\"\n",
                "test", List.of()));
        page.putU8(OFF_connection, XENCONSOLE_DISCONNECTED);
        back = connect(ConsoleBack.Settings.defaults(dir));
    }

    @AfterEach
    void closeBack() {
        back.close();
    }

    private ConsoleBack connect(ConsoleBack.Settings settings) throws Exception {
        return new ConsoleBack(domain, page, guestKicks::incrementAndGet, settings);
    }

    private TagSet tags() {
        return TagSet.of("domid", Integer.toString(domain.id().value()));
    }

    private static long count(String name, TagSet tags) {
        return ((Counter.LongAdder) Kamon.counter(name).withTags(tags)).snapshot(false);
    }

    /** The guest prints everything, waiting for the back end whenever the ring is full. */
    private void print(byte[] data) {
        int off = 0;
        while (off < data.length) {
            int n = front.write(data, off, data.length - off);
            assertTrue(n >= 0);
            off += n;
            back.onEvent();
        }
    }

    private static byte[] text(int seed, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) ('a' + (seed + i) % 26);
        }
        return b;
    }

    @Test
    void connectingMarksTheRingConnected() {
        assertEquals(XENCONSOLE_CONNECTED, page.getU8(OFF_connection));
    }

    @Test
    void drainsOutputIntoConsoleLogAndLogFileAndFreesTheRing() throws Exception {
        long before = count("xenon.console.bytes.out", tags());
        front.write("Linux version 6.1\n".getBytes(US_ASCII));
        back.onEvent();

        assertEquals("Linux version 6.1\n", new String(domain.console().snapshot(), US_ASCII));
        assertEquals(page.getInt(OFF_out_prod), page.getInt(OFF_out_cons));
        assertEquals(1, guestKicks.get());
        back.flush();
        assertEquals(dir.resolve("guest.log"), back.logFile());
        assertEquals("Linux version 6.1\n", Files.readString(back.logFile(), US_ASCII));
        assertEquals(before + 18, count("xenon.console.bytes.out", tags()));
    }

    @Test
    void keepsEveryByteInOrderAcrossManyWrapsOfTheRing() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            byte[] line = text(i, 1 + (i * 37) % 1500);
            printed.write(line);
            print(line);
        }
        back.flush();
        assertArrayEquals(printed.toByteArray(), Files.readAllBytes(back.logFile()));
        assertEquals(printed.size(), domain.console().totalWritten());
        assertTrue(Integer.toUnsignedLong(page.getInt(OFF_out_prod)) > 100L * OUT_SIZE);
    }

    @Test
    void aQuietEventDoesNothing() {
        back.onEvent();
        assertEquals(0, guestKicks.get());
        assertEquals(0, domain.console().snapshot().length);
    }

    @Test
    void inputReachesTheGuestAndWhatDoesNotFitWaitsForItToRead() {
        long before = count("xenon.console.bytes.in", tags());
        byte[] typed = text(3, IN_SIZE * 2 + 100);
        assertEquals(typed.length, back.input(typed));
        assertEquals(1, guestKicks.get());
        assertEquals(IN_SIZE + 100, back.pendingInput());

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < typed.length) {
            byte[] chunk = front.read();
            assertTrue(chunk.length > 0, "the guest was notified of input it cannot read");
            got.writeBytes(chunk);
            back.onEvent();
        }
        assertArrayEquals(typed, got.toByteArray());
        assertEquals(0, back.pendingInput());
        assertEquals(before + typed.length, count("xenon.console.bytes.in", tags()));
        assertEquals(page.getInt(OFF_in_prod), page.getInt(OFF_in_cons));
    }

    @Test
    void inputBeyondTheBackEndsBufferIsRefusedForTheCallerToRetry() {
        byte[] flood = new byte[ConsoleBack.INPUT_BUFFER * 2];
        assertEquals(ConsoleBack.INPUT_BUFFER, back.input(flood));
        assertEquals(IN_SIZE, back.input(flood));
        assertEquals(0, back.input(flood));
        assertEquals(ConsoleBack.INPUT_BUFFER, back.pendingInput());
        front.read();
        back.onEvent();
        assertEquals(IN_SIZE, back.input(flood));
    }

    @Test
    void maliciousOutProdIsContainedAndTheConsoleCarriesOn() {
        TagSet out = tags().withTag("ring", "out");
        long resets = count("xenon.console.ring.resets", out);
        page.putInt(OFF_out_prod, 0x7FFF_FFFF);
        back.onEvent();

        assertEquals(0, domain.console().snapshot().length);
        assertEquals(resets + 1, count("xenon.console.ring.resets", out));
        assertEquals(0x7FFF_FFFF, page.getInt(OFF_out_cons));

        front.write("still here\n".getBytes(US_ASCII));
        back.onEvent();
        assertEquals("still here\n", new String(domain.console().snapshot(), US_ASCII));
    }

    @Test
    void randomIndicesNeverThrowNorLogMoreThanARing() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long logged = domain.console().totalWritten();
            page.putInt(OFF_out_prod, random.nextInt());
            page.putInt(OFF_out_cons, random.nextBoolean() ? random.nextInt() : page.getInt(OFF_out_prod) - random.nextInt(4096));
            page.putInt(OFF_in_cons, random.nextInt());
            back.onEvent();
            back.input(new byte[] {'x'});
            assertTrue(domain.console().totalWritten() - logged <= OUT_SIZE);
            assertTrue(Integer.compareUnsigned(page.getInt(OFF_out_prod) - page.getInt(OFF_out_cons), OUT_SIZE) <= 0);
        }
    }

    @Test
    void maliciousInConsIsContainedAndInputWaits() {
        TagSet in = tags().withTag("ring", "in");
        long resets = count("xenon.console.ring.resets", in);
        page.putInt(OFF_in_cons, 123_456);
        assertEquals(3, back.input("abc".getBytes(US_ASCII)));

        assertEquals(resets + 1, count("xenon.console.ring.resets", in));
        assertEquals(3, back.pendingInput());
        assertEquals(123_456, page.getInt(OFF_in_prod));
        back.onEvent();
        assertArrayEquals("abc".getBytes(US_ASCII), front.read());
    }

    @Test
    void logFileIsRotatedAtItsBound() throws Exception {
        back.close();
        back = connect(new ConsoleBack.Settings(dir, 4096, 1, Duration.ZERO));
        byte[] all = text(0, 20_000);
        for (int off = 0; off < all.length; off += 1000) {
            print(Arrays.copyOfRange(all, off, off + 1000));
        }
        Path backup = dir.resolve("guest.log.1");
        assertTrue(Files.size(back.logFile()) <= 4096);
        assertTrue(Files.size(backup) <= 4096);
        byte[] tail = Files.readAllBytes(back.logFile());
        assertArrayEquals(Arrays.copyOfRange(all, all.length - tail.length, all.length), tail);
        byte[] older = Files.readAllBytes(backup);
        int end = all.length - tail.length;
        assertArrayEquals(Arrays.copyOfRange(all, end - older.length, end), older);
    }

    @Test
    void logFileIsFlushedInBatchesNotPerWrite() throws Exception {
        back.close();
        back = connect(new ConsoleBack.Settings(dir, 1 << 20, 4096, Duration.ofHours(1)));
        print(text(0, 100));
        assertEquals(0, Files.size(back.logFile()));
        print(text(0, 4000));
        assertEquals(4100, Files.size(back.logFile()));
        print(text(0, 10));
        back.flush();
        assertEquals(4110, Files.size(back.logFile()));
    }

    @Test
    void reconnectingAppendsToTheExistingLog() throws Exception {
        print("before\n".getBytes(US_ASCII));
        back.close();
        back = connect(ConsoleBack.Settings.defaults(dir));
        print("after\n".getBytes(US_ASCII));
        back.close();
        assertEquals("before\nafter\n", Files.readString(dir.resolve("guest.log"), US_ASCII));
    }

    @Test
    void aDomainNameCannotLeaveTheLogDirectory() {
        assertEquals(".._.._etc_passwd", ConsoleLogFile.fileName("../../etc/passwd"));
        assertFalse(ConsoleLogFile.fileName("a/b\\c d").contains("/"));
    }
}
