package io.xenon.runtime.evtchn;

import static io.xenon.abi.Errno.EPERM;
import static io.xenon.abi.Errno.ESRCH;

import io.xenon.abi.DomId;
import io.xenon.abi.evtchn.EvtchnOp;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.runtime.domain.Domain;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The host's event channels: one {@link EvtchnTable} per live domain, and the
 * {@code HYPERVISOR_event_channel_op} operations ({@code do_event_channel_op} in
 * {@code xen/common/event_channel.c}) with the caller's domid first. Results follow the
 * hypercall's: a port number or 0 on success, a negative errno ({@link io.xenon.abi.Errno}) on
 * failure. Each refusal is counted in {@code xenon.evtchn.errors}.
 *
 * <p>UNTRUSTED: every port, vCPU and VIRQ number comes from a guest and is checked by the table
 * it names; a bad one is an error code, never an exception.
 *
 * <p>Privilege follows XSM's dummy policy: a domain acts on its own table ({@code DOMID_SELF} or
 * its own id); naming another domain in {@code alloc_unbound}, {@code status} or {@code reset}
 * needs Domain-0, else -EPERM. XEN-DIFF: no other domain is ever privileged (no device-model
 * targets), and the global VIRQ handler is always Domain-0 ({@link #sendGlobalVirq}).
 *
 * <p>XEN-DIFF: pirqs ({@code EVTCHNOP_bind_pirq}) and the FIFO ABI ({@code init_control},
 * {@code expand_array}, {@code set_priority}) are not offered: Xenon has no physical interrupts
 * and its guests use the 2-level ABI. {@code reset} is not preemptible, so
 * {@code EVTCHNOP_reset_cont} is never needed.
 *
 * <p>Thread-safe: the domain map is concurrent and each table locks itself.
 */
public final class EventChannels {

    private final ConcurrentMap<DomId, EvtchnTable> tables = new ConcurrentHashMap<>();

    /**
     * {@code evtchn_init}: gives a new domain its table, sized by its config's
     * {@code max_event_channels} (Domain-0, which has no config, gets the FIFO limit).
     *
     * @throws IllegalStateException if the domain already has one
     */
    public EvtchnTable create(Domain domain) {
        int max = domain.config() == null ? EvtchnOp.EVTCHN_FIFO_NR_CHANNELS - 1 : domain.config().maxEventChannels();
        EvtchnTable table = new EvtchnTable(domain, max, new EvtchnMetrics(domain.id().value(), domain.name()));
        if (tables.putIfAbsent(domain.id(), table) != null) {
            throw new IllegalStateException(domain + " already has event channels");
        }
        return table;
    }

    /**
     * {@code evtchn_destroy}, for a dying domain: closes all its ports, so every interdomain peer
     * returns to unbound, and forgets the table. Later operations naming the domain get -ESRCH.
     *
     * @return how many ports were closed, or 0 if the domain had no table
     */
    public int destroy(DomId dom) {
        EvtchnTable table = tables.remove(dom);
        if (table == null) {
            return 0;
        }
        int closed = table.closeAll(true);
        table.metrics().remove();
        return closed;
    }

    /** The domain's table, or null if it has none. */
    public EvtchnTable table(DomId dom) {
        return tables.get(dom);
    }

    /** Ports open in the domain (0 if it has no table): for leak checks. */
    public int openPorts(DomId dom) {
        EvtchnTable table = tables.get(dom);
        return table == null ? 0 : table.openPorts();
    }

    /** Ports open in all domains. */
    public int openPorts() {
        return tables.values().stream().mapToInt(EvtchnTable::openPorts).sum();
    }

    /**
     * {@code EVTCHNOP_alloc_unbound}: a port in {@code dom} that {@code remoteDom} may bind to.
     * {@code DOMID_SELF} means the caller in both places.
     *
     * @return the port, or -ESRCH (no such domain), -EPERM (another domain, caller not Domain-0),
     *         -ENOSPC (no free port)
     */
    public int allocUnbound(DomId caller, DomId dom, DomId remoteDom) {
        DomId d = self(caller, dom);
        EvtchnTable table = tables.get(d);
        int rc = table == null ? -ESRCH
                : !mayControl(caller, d) ? -EPERM
                : table.allocUnbound(self(caller, remoteDom));
        return EvtchnMetrics.count("alloc_unbound", rc);
    }

    /**
     * {@code EVTCHNOP_bind_interdomain}: binds a new port of the caller to {@code remotePort} of
     * {@code remoteDom}; both ends become interdomain and the new local port starts pending.
     *
     * @return the local port, or -ESRCH (no such domain), -EINVAL (the remote port is not
     *         unbound or not offered to the caller), -ENOSPC (no free local port)
     */
    public int bindInterdomain(DomId caller, DomId remoteDom, EvtchnPort remotePort) {
        EvtchnTable local = tables.get(caller);
        EvtchnTable remote = tables.get(self(caller, remoteDom));
        int rc = local == null || remote == null ? -ESRCH : local.bindInterdomain(remote, remotePort);
        return EvtchnMetrics.count("bind_interdomain", rc);
    }

    /**
     * {@code EVTCHNOP_bind_virq}.
     *
     * @return the port, or -EINVAL (no such VIRQ, or a global VIRQ on a vCPU other than 0),
     *         -ENOENT (no such vCPU), -EEXIST (already bound), -ENOSPC
     */
    public int bindVirq(DomId caller, int virq, int vcpu) {
        EvtchnTable table = tables.get(caller);
        return EvtchnMetrics.count("bind_virq", table == null ? -ESRCH : table.bindVirq(virq, vcpu));
    }

    /**
     * {@code EVTCHNOP_bind_ipi}.
     *
     * @return the port, or -ENOENT (no such vCPU), -ENOSPC
     */
    public int bindIpi(DomId caller, int vcpu) {
        EvtchnTable table = tables.get(caller);
        return EvtchnMetrics.count("bind_ipi", table == null ? -ESRCH : table.bindIpi(vcpu));
    }

    /**
     * {@code EVTCHNOP_bind_vcpu}: later events on {@code port} notify {@code vcpu}.
     *
     * @return 0, or -ENOENT (no such vCPU), -EINVAL (bad port, or an IPI or per-vCPU VIRQ)
     */
    public int bindVcpu(DomId caller, EvtchnPort port, int vcpu) {
        EvtchnTable table = tables.get(caller);
        return EvtchnMetrics.count("bind_vcpu", table == null ? -ESRCH : table.bindVcpu(port, vcpu));
    }

    /**
     * {@code EVTCHNOP_send}.
     *
     * @return 0 (also when the port is unbound and the event is dropped), or -EINVAL
     */
    public int send(DomId caller, EvtchnPort port) {
        EvtchnTable table = tables.get(caller);
        return EvtchnMetrics.count("send", table == null ? -ESRCH : table.send(port));
    }

    /**
     * {@code EVTCHNOP_close}; an interdomain peer returns to unbound, offered to the caller.
     *
     * @return 0, or -EINVAL (a bad, free or reserved port)
     */
    public int close(DomId caller, EvtchnPort port) {
        EvtchnTable table = tables.get(caller);
        return EvtchnMetrics.count("close", table == null ? -ESRCH : table.close(port));
    }

    /**
     * {@code EVTCHNOP_status} of {@code port} in {@code dom} ({@code DOMID_SELF} for the caller).
     * A free or reserved port reports {@code EVTCHNSTAT_closed}.
     *
     * @return the status; its rc is -ESRCH, -EPERM or -EINVAL (port outside the table) on failure
     */
    public EvtchnStatus status(DomId caller, DomId dom, EvtchnPort port) {
        DomId d = self(caller, dom);
        EvtchnTable table = tables.get(d);
        EvtchnStatus status = table == null ? EvtchnStatus.error(-ESRCH)
                : !mayControl(caller, d) ? EvtchnStatus.error(-EPERM)
                : table.status(port);
        EvtchnMetrics.count("status", status.rc());
        return status;
    }

    /**
     * {@code EVTCHNOP_unmask}: if the port became pending while masked, its vCPU gets the upcall now.
     *
     * @return 0, or -EINVAL (port outside the table)
     */
    public int unmask(DomId caller, EvtchnPort port) {
        EvtchnTable table = tables.get(caller);
        return EvtchnMetrics.count("unmask", table == null ? -ESRCH : table.unmask(port));
    }

    /**
     * {@code EVTCHNOP_reset}: closes every port of {@code dom} ({@code DOMID_SELF} for the caller).
     *
     * @return 0, or -ESRCH, -EPERM
     */
    public int reset(DomId caller, DomId dom) {
        DomId d = self(caller, dom);
        EvtchnTable table = tables.get(d);
        int rc = table == null ? -ESRCH : !mayControl(caller, d) ? -EPERM : 0;
        if (rc == 0) {
            table.closeAll(false);
        }
        return EvtchnMetrics.count("reset", rc);
    }

    /**
     * Fires a VIRQ in {@code dom} for the hypervisor (timer, debug: per vCPU; global ones ignore
     * {@code vcpu}). See {@link EvtchnTable#sendVirq}.
     *
     * @return whether the domain exists and had a channel bound to it
     */
    public boolean sendVirq(DomId dom, int virq, int vcpu) {
        EvtchnTable table = tables.get(dom);
        return table != null && table.sendVirq(virq, vcpu);
    }

    /**
     * {@code send_global_virq}: fires a global VIRQ ({@code VIRQ_DOM_EXC}, {@code VIRQ_CONSOLE},
     * ...) in the domain that handles it, which is always Domain-0 here.
     *
     * @return whether Domain-0 had a channel bound to it
     */
    public boolean sendGlobalVirq(int virq) {
        if (!EvtchnTable.isGlobalVirq(virq)) {
            throw new IllegalArgumentException("VIRQ " + virq + " is per vCPU");
        }
        return sendVirq(DomId.DOM0, virq, 0);
    }

    private static DomId self(DomId caller, DomId dom) {
        return dom.value() == EvtchnOp.DOMID_SELF ? caller : dom;
    }

    /** XSM_TARGET under the dummy policy: the domain itself, or Domain-0. */
    private static boolean mayControl(DomId caller, DomId dom) {
        return caller.equals(dom) || caller.equals(DomId.DOM0);
    }
}
