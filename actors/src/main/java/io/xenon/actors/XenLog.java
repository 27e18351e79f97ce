package io.xenon.actors;

import io.xenon.runtime.console.ConsoleLog;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hypervisor's console ring, what {@code xl dmesg} prints: lines prefixed {@code (XEN)} as
 * Xen's {@code printk} writes them, also sent to the daemon's log.
 *
 * <p>Thread-safe.
 */
public final class XenLog {

    private static final Logger LOG = LoggerFactory.getLogger("xen");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final ConsoleLog ring;

    public XenLog(int capacity) {
        this.ring = new ConsoleLog(capacity);
    }

    /** Prints one line: {@code (XEN) [time] message}. */
    public void printk(String message) {
        ring.write("(XEN) [" + LocalTime.now().format(TIME) + "] " + message + "\n");
        LOG.info(message);
    }

    /** Prints a warning line; also logged at warning level. */
    public void warn(String message) {
        ring.write("(XEN) [" + LocalTime.now().format(TIME) + "] " + message + "\n");
        LOG.warn(message);
    }

    public ConsoleLog ring() {
        return ring;
    }
}
