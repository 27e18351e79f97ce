package io.xenon.abi.gnttab;

/**
 * The status of one grant-table operation, the {@code GNTST_*} codes of
 * {@code xen/include/public/grant_table.h}; {@link #message()} is the matching string of Xen's
 * {@code GNTTABOP_error_msgs} (the fact sheet quotes the header comment "out of space (handles
 * etc.)" for {@code GNTST_no_space}; the message array says "out of space"). Every error is negative.
 */
public enum GrantStatus {
    GNTST_okay(0, "okay"),
    GNTST_general_error(-1, "undefined error"),
    GNTST_bad_domain(-2, "unrecognised domain id"),
    GNTST_bad_gntref(-3, "invalid grant reference"),
    GNTST_bad_handle(-4, "invalid mapping handle"),
    GNTST_bad_virt_addr(-5, "invalid virtual address"),
    GNTST_bad_dev_addr(-6, "invalid device address"),
    GNTST_no_device_space(-7, "no spare translation slot in the I/O MMU"),
    GNTST_permission_denied(-8, "permission denied"),
    GNTST_bad_page(-9, "bad page"),
    GNTST_bad_copy_arg(-10, "copy arguments cross page boundary"),
    GNTST_address_too_big(-11, "page address size too large"),
    GNTST_eagain(-12, "operation not done; try again"),
    GNTST_no_space(-13, "out of space");

    private final int code;
    private final String message;

    GrantStatus(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The {@code int16_t} value Xen writes into the operation's {@code status} field. */
    public int code() {
        return code;
    }

    /** Xen's text for the code. */
    public String message() {
        return message;
    }

    public boolean isOkay() {
        return this == GNTST_okay;
    }

    /** The status for a {@code GNTST_*} code, or null if the code is not one. */
    public static GrantStatus ofCode(int code) {
        return code <= 0 && code >= -values().length + 1 ? values()[-code] : null;
    }
}
