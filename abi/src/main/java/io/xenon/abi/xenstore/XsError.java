package io.xenon.abi.xenstore;

import io.xenon.abi.Errno;
import java.nio.charset.StandardCharsets;

/**
 * The errors a XenStore daemon may reply with, in the order of {@code xsd_errors[]} in
 * {@code xs_wire.h}. Only the name goes on the wire, NUL-terminated, as the payload of an
 * {@link XsType#XS_ERROR} reply; the errno value is Linux's.
 */
public enum XsError {
    EINVAL(Errno.EINVAL),
    EACCES(Errno.EACCES),
    EEXIST(Errno.EEXIST),
    EISDIR(Errno.EISDIR),
    ENOENT(Errno.ENOENT),
    ENOMEM(Errno.ENOMEM),
    ENOSPC(Errno.ENOSPC),
    EIO(Errno.EIO),
    ENOTEMPTY(Errno.ENOTEMPTY),
    ENOSYS(Errno.ENOSYS),
    EROFS(Errno.EROFS),
    EBUSY(Errno.EBUSY),
    EAGAIN(Errno.EAGAIN),
    EISCONN(Errno.EISCONN),
    E2BIG(Errno.E2BIG),
    EPERM(Errno.EPERM);

    private final int errno;

    XsError(int errno) {
        this.errno = errno;
    }

    /** The Linux errno value. */
    public int errno() {
        return errno;
    }

    /** The reply payload: the name followed by a NUL, e.g. {@code "ENOENT\0"}. */
    public byte[] payload() {
        return (name() + '\0').getBytes(StandardCharsets.US_ASCII);
    }

    /** The error with this wire name (without the NUL), or null if there is none. */
    public static XsError ofName(String name) {
        for (XsError e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
