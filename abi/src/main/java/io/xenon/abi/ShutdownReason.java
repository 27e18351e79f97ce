package io.xenon.abi;

/**
 * Why a domain shut down: the {@code SHUTDOWN_*} codes of {@code sched.h}, in code order.
 *
 * <p>{@link #letter()} is the fifth state column of {@code xl list}, from xl's
 * {@code shutdown_reason_letters[] = "-rscwS"}.
 */
public enum ShutdownReason {
    POWEROFF(SchedOp.SHUTDOWN_POWEROFF, "poweroff", '-'),
    REBOOT(SchedOp.SHUTDOWN_REBOOT, "reboot", 'r'),
    SUSPEND(SchedOp.SHUTDOWN_SUSPEND, "suspend", 's'),
    CRASH(SchedOp.SHUTDOWN_CRASH, "crash", 'c'),
    WATCHDOG(SchedOp.SHUTDOWN_WATCHDOG, "watchdog", 'w'),
    SOFT_RESET(SchedOp.SHUTDOWN_SOFT_RESET, "soft_reset", 'S');

    private final int code;
    private final String xlName;
    private final char letter;

    ShutdownReason(int code, String xlName, char letter) {
        this.code = code;
        this.xlName = xlName;
        this.letter = letter;
    }

    public int code() {
        return code;
    }

    /** The name libxl uses ({@code libxl_shutdown_reason}). */
    public String xlName() {
        return xlName;
    }

    public char letter() {
        return letter;
    }

    /** The reason for a {@code SHUTDOWN_*} code, or null if the code is not one. */
    public static ShutdownReason ofCode(int code) {
        for (ShutdownReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
