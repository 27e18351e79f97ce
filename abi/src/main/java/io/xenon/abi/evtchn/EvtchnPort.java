package io.xenon.abi.evtchn;

/**
 * An event-channel port ({@code evtchn_port_t}, a u32 in
 * {@code xen/include/public/event_channel.h}), local to one domain.
 *
 * <p>UNTRUSTED: a port handed in by a guest may be any u32, so this record holds any int
 * (read as unsigned) and does not check it; the table it is looked up in checks its range.
 */
public record EvtchnPort(int value) {

    /** Port 0: never a channel ({@code ECS_RESERVED}), so a zero port means "none" to guests. */
    public static final EvtchnPort RESERVED = new EvtchnPort(0);

    public static EvtchnPort of(int value) {
        return value == 0 ? RESERVED : new EvtchnPort(value);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(value);
    }
}
