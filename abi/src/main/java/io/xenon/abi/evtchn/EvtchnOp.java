package io.xenon.abi.evtchn;

import io.xenon.abi.Xen;

/**
 * Constants from {@code xen/include/public/event_channel.h}: the {@code EVTCHNOP_*} commands of
 * {@code HYPERVISOR_event_channel_op} (hypercall {@link Xen#HYPERVISOR_EVENT_CHANNEL_OP}), the
 * {@code EVTCHNSTAT_*} values of {@code struct evtchn_status}, and the 2-level ABI's limits
 * ({@code xen/include/xen/event.h}, {@code xen/common/event_2l.c}).
 */
public final class EvtchnOp {

    private EvtchnOp() {
    }

    public static final int EVTCHNOP_BIND_INTERDOMAIN = 0;
    public static final int EVTCHNOP_BIND_VIRQ = 1;
    public static final int EVTCHNOP_BIND_PIRQ = 2;
    public static final int EVTCHNOP_CLOSE = 3;
    public static final int EVTCHNOP_SEND = 4;
    public static final int EVTCHNOP_STATUS = 5;
    public static final int EVTCHNOP_ALLOC_UNBOUND = 6;
    public static final int EVTCHNOP_BIND_IPI = 7;
    public static final int EVTCHNOP_BIND_VCPU = 8;
    public static final int EVTCHNOP_UNMASK = 9;
    public static final int EVTCHNOP_RESET = 10;
    public static final int EVTCHNOP_INIT_CONTROL = 11;
    public static final int EVTCHNOP_EXPAND_ARRAY = 12;
    public static final int EVTCHNOP_SET_PRIORITY = 13;
    public static final int EVTCHNOP_RESET_CONT = 14;

    // struct evtchn_status: status.
    public static final int EVTCHNSTAT_CLOSED = 0;
    public static final int EVTCHNSTAT_UNBOUND = 1;
    public static final int EVTCHNSTAT_INTERDOMAIN = 2;
    public static final int EVTCHNSTAT_PIRQ = 3;
    public static final int EVTCHNSTAT_VIRQ = 4;
    public static final int EVTCHNSTAT_IPI = 5;

    /** {@code BIND_PIRQ__WILL_SHARE}: the only flag of {@code struct evtchn_bind_pirq}. */
    public static final int BIND_PIRQ__WILL_SHARE = 1;

    /** {@code DOMID_SELF}, which {@code alloc_unbound}, {@code bind_interdomain} and {@code status} accept. */
    public static final int DOMID_SELF = Xen.DOMID_SELF;

    /** {@code BITS_PER_EVTCHN_WORD}: bits in one {@code xen_ulong_t} of a 64-bit guest. */
    public static final int BITS_PER_EVTCHN_WORD = 64;

    /**
     * {@code EVTCHN_2L_NR_CHANNELS}: {@code sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64}, one
     * pending bit per port in {@code shared_info}, one selector bit per word: 64 x 64 = 4096.
     */
    public static final int EVTCHN_2L_NR_CHANNELS = BITS_PER_EVTCHN_WORD * BITS_PER_EVTCHN_WORD;

    /** Words in {@code shared_info.evtchn_pending[]} and {@code evtchn_mask[]}. */
    public static final int EVTCHN_2L_NR_WORDS = EVTCHN_2L_NR_CHANNELS / BITS_PER_EVTCHN_WORD;

    /** {@code EVTCHN_FIFO_NR_CHANNELS}: the FIFO ABI's limit, {@code 1 << 17}. */
    public static final int EVTCHN_FIFO_NR_CHANNELS = 1 << 17;
}
