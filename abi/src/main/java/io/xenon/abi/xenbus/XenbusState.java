package io.xenon.abi.xenbus;

/**
 * {@code enum xenbus_state} ({@code xen/include/public/io/xenbus.h}): the state each end of a
 * split device writes, as a decimal string, to its {@code state} node.
 */
public enum XenbusState {
    XenbusStateUnknown(0),
    XenbusStateInitialising(1),
    XenbusStateInitWait(2),
    XenbusStateInitialised(3),
    XenbusStateConnected(4),
    XenbusStateClosing(5),
    XenbusStateClosed(6),
    XenbusStateReconfiguring(7),
    XenbusStateReconfigured(8);

    private final int value;

    XenbusState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The value as the {@code state} node holds it. */
    public String node() {
        return Integer.toString(value);
    }

    /**
     * The state a {@code state} node's text names; {@link #XenbusStateUnknown} for an absent,
     * empty or unparsable node, as xenbus_read_driver_state treats it.
     */
    public static XenbusState parse(String text) {
        if (text == null) {
            return XenbusStateUnknown;
        }
        try {
            int v = Integer.parseInt(text.strip());
            for (XenbusState s : values()) {
                if (s.value == v) {
                    return s;
                }
            }
        } catch (NumberFormatException e) {
            // UNTRUSTED: a peer may write anything here.
        }
        return XenbusStateUnknown;
    }
}
