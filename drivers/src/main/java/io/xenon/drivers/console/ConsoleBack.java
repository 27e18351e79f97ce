package io.xenon.drivers.console;

import io.xenon.abi.console.XenconsInterface;
import io.xenon.runtime.console.ConsoleLog;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.mm.Page;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Domain-0's back end for one domain's first PV console: what xenconsoled
 * ({@code tools/console/daemon/io.c}) does for each domain it watches.
 *
 * <p>On each notification from the guest ({@link #onEvent()}, {@code handle_ring_read}) it drains
 * the {@code out} ring into the domain's {@link ConsoleLog}, which {@code xl console} streams,
 * and into the domain's log file, then advances {@code out_cons} and notifies the guest.
 * {@link #input} is {@code handle_tty_read}: keystrokes from {@code xl console} go into the
 * {@code in} ring as far as they fit; the rest waits here until the guest has read some and
 * notifies again.
 *
 * <p>UNTRUSTED: the guest writes the whole page. A ring whose indices claim more bytes in flight
 * than it holds is broken: that batch is dropped by moving our index to the guest's, the reset is
 * counted in {@code xenon.console.ring.resets}, and the console carries on. Nothing the guest
 * writes makes this loop, throw, or touch another domain.
 *
 * <p>Confined to its owning actor (Domain-0's {@code console-<domid>} back end), which calls
 * {@link #onEvent()} when the console port fires, {@link #input} for each chunk of keyboard
 * input, {@link #flush()} on a timer and {@link #close()} when the domain dies.
 */
public final class ConsoleBack implements AutoCloseable {

    /** How much unsent input the back end holds for a guest that is not reading. */
    public static final int INPUT_BUFFER = 16 * 1024;

    /**
     * Where and how the console log file is kept.
     *
     * @param logDir        directory of the {@code <domain-name>.log} files
     * @param maxLogBytes   size past which a log file is rotated to {@code <domain-name>.log.1}
     * @param flushBytes    buffered bytes that trigger a flush
     * @param flushInterval age of buffered bytes that triggers a flush at the next write
     */
    public record Settings(Path logDir, long maxLogBytes, int flushBytes, Duration flushInterval) {

        public Settings {
            if (maxLogBytes <= 0 || flushBytes <= 0 || flushInterval.isNegative()) {
                throw new IllegalArgumentException("bad console log settings: " + maxLogBytes + " bytes, flush at "
                        + flushBytes + " bytes or " + flushInterval);
            }
        }

        /** 1 MiB files, flushed every 4 KiB or each second. */
        public static Settings defaults(Path logDir) {
            return new Settings(logDir, 1024 * 1024, 4096, Duration.ofSeconds(1));
        }
    }

    private final ConsoleRing ring;
    private final ConsoleLog log;
    private final ConsoleLogFile file;
    private final Runnable notifyGuest;
    private final ConsoleBackMetrics metrics;
    // The output batch is made per drain and the input buffer when input comes: most consoles
    // print a little and take no input, and a thousand idle domains should not hold 18 KiB each.
    private byte[] pending = new byte[0];
    private int pendingLen;

    /**
     * Connects to a domain's console page: marks it {@code XENCONSOLE_CONNECTED}, as xenconsoled
     * does once it has mapped the ring, and opens (appends to) the domain's log file.
     *
     * @param domain      the guest; its name names the log file and its console log gets the output
     * @param page        the guest's console page as Domain-0 maps it ({@code GNTTAB_RESERVED_CONSOLE})
     * @param notifyGuest kicks the guest: {@code EVTCHNOP_send} on Domain-0's end of the console port
     * @throws IOException if the log directory or file cannot be created
     */
    public ConsoleBack(Domain domain, Page page, Runnable notifyGuest, Settings settings) throws IOException {
        this.ring = new ConsoleRing(page);
        this.log = domain.console();
        this.notifyGuest = notifyGuest;
        this.file = new ConsoleLogFile(settings.logDir(), domain.name(), settings.maxLogBytes(),
                settings.flushBytes(), settings.flushInterval());
        this.metrics = new ConsoleBackMetrics(domain.id().value());
        page.putU8(XenconsInterface.OFF_connection, XenconsInterface.XENCONSOLE_CONNECTED);
    }

    /**
     * The guest notified us: drain {@code out}, then push any held-back input (the guest may have
     * made room in {@code in}). One pass each: {@code out} never holds more than one batch.
     */
    public void onEvent() {
        drainOutput();
        pushInput();
    }

    /**
     * Input for the guest ({@code xl console} keystrokes): as much as fits goes into {@code in}
     * now and the guest is notified; the rest is held, up to {@link #INPUT_BUFFER} bytes.
     *
     * @return how many bytes were taken (now or for later); the caller keeps the others and
     *         offers them again after a while
     */
    public int input(byte[] data, int off, int len) {
        int taken = Math.min(len, INPUT_BUFFER - pendingLen);
        if (pendingLen + taken > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.min(INPUT_BUFFER, Math.max(256, (pendingLen + taken) * 2)));
        }
        System.arraycopy(data, off, pending, pendingLen, taken);
        pendingLen += taken;
        pushInput();
        return taken;
    }

    public int input(byte[] data) {
        return input(data, 0, data.length);
    }

    /** Input taken but not yet in the ring, because the guest has not read its earlier input. */
    public int pendingInput() {
        return pendingLen;
    }

    /** The log file this back end appends to. */
    public Path logFile() {
        return file.path();
    }

    /** Puts buffered log output on disk; the owner calls this on a timer (xenconsoled writes per batch). */
    public void flush() {
        file.flush();
    }

    /** The domain is gone: flushes and closes the log file and drops the metric series. */
    @Override
    public void close() {
        file.close();
        metrics.remove();
    }

    private void drainOutput() {
        byte[] batch = new byte[XenconsInterface.OUT_SIZE];
        int n = ring.readOut(batch, 0, batch.length);
        if (n == ConsoleRing.BROKEN) {
            // XEN-DIFF: buffer_append() returns and leaves the ring as it is, so a ring broken
            // once stays stuck; we drop the batch and carry on from the guest's out_prod.
            metrics.ringReset("out");
            ring.discardOut();
            notifyGuest.run();
            return;
        }
        if (n == 0) {
            return;
        }
        // The bytes are our private copy already, so out_cons could move before they are logged.
        log.write(batch, 0, n);
        file.append(batch, 0, n);
        metrics.out(n);
        notifyGuest.run();
    }

    private void pushInput() {
        if (pendingLen == 0) {
            return;
        }
        int n = ring.writeIn(pending, 0, pendingLen);
        if (n == ConsoleRing.BROKEN) {
            // UNTRUSTED: in_cons is out of range; empty the ring from our side and keep the input
            // for the guest's next notification.
            metrics.ringReset("in");
            ring.discardIn();
            return;
        }
        if (n == 0) {
            return;
        }
        System.arraycopy(pending, n, pending, 0, pendingLen - n);
        pendingLen -= n;
        metrics.in(n);
        notifyGuest.run();
    }
}
