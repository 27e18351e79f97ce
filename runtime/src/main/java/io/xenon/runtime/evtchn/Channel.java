package io.xenon.runtime.evtchn;

import io.xenon.abi.DomId;

/**
 * One port's channel ({@code struct evtchn}): its state and what that state binds it to.
 *
 * <p>Guarded by the owning {@link EvtchnTable}'s lock, except {@link #notifyVcpu}, which a peer
 * reads without that lock when it sends (as Xen reads {@code notify_vcpu_id} with
 * {@code read_atomic}).
 */
final class Channel {

    /** {@code ECS_*}; pirq channels are not modelled. */
    enum State { FREE, RESERVED, UNBOUND, INTERDOMAIN, VIRQ, IPI }

    final int port;
    State state = State.FREE;
    volatile int notifyVcpu;
    /** ECS_UNBOUND: {@code u.unbound.remote_domid}, the domain allowed to bind. */
    DomId unboundRemote;
    /** ECS_INTERDOMAIN: {@code u.interdomain.remote_dom}. */
    EvtchnTable peerTable;
    /** ECS_INTERDOMAIN: {@code u.interdomain.remote_port}. */
    int peerPort;
    /** ECS_VIRQ: {@code u.virq}. */
    int virq;

    Channel(int port) {
        this.port = port;
    }

    /** {@code evtchn_free}: back to ECS_FREE, notifying vCPU 0, bound to nothing. */
    void free() {
        state = State.FREE;
        notifyVcpu = 0;
        unboundRemote = null;
        peerTable = null;
        peerPort = 0;
        virq = 0;
    }
}
