package io.xenon.abi.xenstore;

/**
 * The XenStore message types ({@code enum xsd_sockmsg_type} in {@code xs_wire.h}), with Xen's
 * numbers. Number 20 ({@code XS_RESTRICT}) was removed from Xen and is not a type.
 */
public enum XsType {
    XS_CONTROL(0),
    XS_DIRECTORY(1),
    XS_READ(2),
    XS_GET_PERMS(3),
    XS_WATCH(4),
    XS_UNWATCH(5),
    XS_TRANSACTION_START(6),
    XS_TRANSACTION_END(7),
    XS_INTRODUCE(8),
    XS_RELEASE(9),
    XS_GET_DOMAIN_PATH(10),
    XS_WRITE(11),
    XS_MKDIR(12),
    XS_RM(13),
    XS_SET_PERMS(14),
    /** Sent by the daemon only: an asynchronous watch event. */
    XS_WATCH_EVENT(15),
    /** Sent by the daemon only: an error reply. */
    XS_ERROR(16),
    XS_IS_DOMAIN_INTRODUCED(17),
    XS_RESUME(18),
    XS_SET_TARGET(19),
    XS_RESET_WATCHES(21),
    XS_DIRECTORY_PART(22),
    XS_GET_FEATURE(23),
    XS_SET_FEATURE(24),
    XS_GET_QUOTA(25),
    XS_SET_QUOTA(26);

    /** {@code XS_DEBUG}, the old name of {@code XS_CONTROL}. */
    public static final XsType XS_DEBUG = XS_CONTROL;

    /** {@code XS_TYPE_COUNT}: one past the highest type number. */
    public static final int XS_TYPE_COUNT = 27;

    /** {@code XS_INVALID}: a type number no message carries. */
    public static final int XS_INVALID = 0xFFFF;

    private static final XsType[] BY_NUMBER = new XsType[XS_TYPE_COUNT];

    static {
        for (XsType t : values()) {
            BY_NUMBER[t.number] = t;
        }
    }

    private final int number;

    XsType(int number) {
        this.number = number;
    }

    /** The number on the wire. */
    public int number() {
        return number;
    }

    /** The type with this number, or null if Xen defines none. */
    public static XsType of(int number) {
        return number >= 0 && number < XS_TYPE_COUNT ? BY_NUMBER[number] : null;
    }
}
