package io.xenon.network.tap;

import java.io.IOException;

/**
 * A call on {@code /dev/net/tun} or on a TAP/TUN interface that the kernel refused, with its
 * {@code errno} and a message that says what failed, why, and, where there is one, what to do.
 */
public final class TunException extends IOException {

    private static final long serialVersionUID = 1L;

    /** {@code errno} for "Operation not permitted". */
    static final int EPERM = 1;
    /** {@code errno} for "No such file or directory". */
    static final int ENOENT = 2;
    /** {@code errno} for "Device or resource busy". */
    static final int EBUSY = 16;
    /** {@code errno} for "Permission denied". */
    static final int EACCES = 13;

    private final int errno;

    TunException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /**
     * An exception for {@code what} (for example {@code "cannot open /dev/net/tun"}) failing
     * with {@code errno}, described by {@code strerror} and followed by a hint when one helps.
     */
    static TunException of(String what, int errno, String strerror) {
        return new TunException(what + ": " + strerror + hint(errno), errno);
    }

    private static String hint(int errno) {
        return switch (errno) {
            case EPERM, EACCES -> " (run as root or grant CAP_NET_ADMIN)";
            case ENOENT -> " (load the tun module: modprobe tun)";
            case EBUSY -> " (the name is in use by another process or by a device of another kind)";
            default -> "";
        };
    }

    /** The {@code errno} the kernel returned, or 0 when the failure was not a system call's. */
    public int errno() {
        return errno;
    }
}
