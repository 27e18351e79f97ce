package io.xenon.runtime.evtchn;

import io.xenon.abi.DomId;
import io.xenon.abi.evtchn.EvtchnOp;
import io.xenon.abi.evtchn.EvtchnPort;

/**
 * The result of {@code EVTCHNOP_status}: the hypercall's return code and the OUT fields of
 * {@code struct evtchn_status} ({@code xen/include/public/event_channel.h}).
 *
 * @param rc     0, or a negative errno; the other fields mean nothing unless it is 0
 * @param status {@code EVTCHNSTAT_*}
 * @param vcpu   the vCPU the port notifies
 * @param dom    {@code u.unbound.dom} or {@code u.interdomain.dom}, else null
 * @param port   {@code u.interdomain.port}, else null
 * @param virq   {@code u.virq} when {@code status} is {@code EVTCHNSTAT_virq}, else -1
 */
public record EvtchnStatus(int rc, int status, int vcpu, DomId dom, EvtchnPort port, int virq) {

    static EvtchnStatus error(int rc) {
        return new EvtchnStatus(rc, EvtchnOp.EVTCHNSTAT_CLOSED, 0, null, null, -1);
    }

    static EvtchnStatus closed(int vcpu) {
        return new EvtchnStatus(0, EvtchnOp.EVTCHNSTAT_CLOSED, vcpu, null, null, -1);
    }

    static EvtchnStatus unbound(int vcpu, DomId remote) {
        return new EvtchnStatus(0, EvtchnOp.EVTCHNSTAT_UNBOUND, vcpu, remote, null, -1);
    }

    static EvtchnStatus interdomain(int vcpu, DomId peer, EvtchnPort peerPort) {
        return new EvtchnStatus(0, EvtchnOp.EVTCHNSTAT_INTERDOMAIN, vcpu, peer, peerPort, -1);
    }

    static EvtchnStatus virq(int vcpu, int virq) {
        return new EvtchnStatus(0, EvtchnOp.EVTCHNSTAT_VIRQ, vcpu, null, null, virq);
    }

    static EvtchnStatus ipi(int vcpu) {
        return new EvtchnStatus(0, EvtchnOp.EVTCHNSTAT_IPI, vcpu, null, null, -1);
    }
}
