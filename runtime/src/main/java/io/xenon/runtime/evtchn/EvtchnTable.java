package io.xenon.runtime.evtchn;

import static io.xenon.abi.Errno.EEXIST;
import static io.xenon.abi.Errno.EINVAL;
import static io.xenon.abi.Errno.ENOENT;
import static io.xenon.abi.Errno.ENOSPC;

import io.xenon.abi.DomId;
import io.xenon.abi.Xen;
import io.xenon.abi.evtchn.EvtchnOp;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.runtime.domain.Domain;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * One domain's event channels ({@code struct domain}'s {@code evtchn} buckets, {@code event_lock}
 * and {@code virq_to_evtchn}, from {@code xen/common/event_channel.c}): the ports, what each is
 * bound to, and the 2-level pending and mask bits ({@link EvtchnBits}).
 *
 * <p>Ports run from 0 to {@link #maxPort()}, the domain's {@code max_event_channels} (xl's
 * default 1023) capped by {@link EvtchnOp#EVTCHN_2L_NR_CHANNELS} - 1, so a domain has at most
 * {@code max_event_channels} usable channels. A new channel takes the lowest free port.
 *
 * <p>INVARIANT: port 0 is {@code ECS_RESERVED} and never bound, closed or counted.
 * INVARIANT: an interdomain channel's peer channel is interdomain and points back at it; both
 * ends change together, under both tables' locks.
 *
 * <p>Thread-safe, by a per-table lock (this object's monitor), as Xen uses a per-domain
 * {@code event_lock}: a back end in one domain notifies a front end in another, and timer
 * threads fire VIRQs, so confining a table to its domain's actor would make every notify a
 * message round trip into a foreign actor. Operations on two tables ({@code bind_interdomain},
 * closing an interdomain port) lock both in creation order, as Xen's {@code double_evtchn_lock}
 * does, and re-check what they read before taking the second lock. A send takes only the
 * sender's lock: the interdomain link cannot change without it, the peer's
 * {@code notify_vcpu_id} is volatile and the peer's bits are atomic.
 *
 * <p>INVARIANT: a vCPU's upcall is raised under the lock, as in Xen, so a vCPU's wake listener
 * must not call back into event channels (the actors' listener only tells the scheduler).
 */
public final class EvtchnTable {

    private static final AtomicLong CREATED = new AtomicLong();

    private final Domain domain;
    private final int maxPort;
    private Channel[] channels;
    private static final int INITIAL_PORTS = 16;
    private final int[][] virqToPort;
    private final EvtchnBits bits;
    private final EvtchnMetrics metrics;
    private final long lockOrder = CREATED.incrementAndGet();
    private int open;
    private boolean dead;

    EvtchnTable(Domain domain, int maxEventChannels, EvtchnMetrics metrics) {
        this.domain = domain;
        // XEN-DIFF: Domain-0 gets the FIFO ABI's 131,071 ports, as Xen's Domain-0 uses FIFO: with a
        // store, a console and devices per DomU, 4,095 would cap a host at about a thousand DomUs.
        int limit = domain.id().equals(DomId.DOM0) ? EvtchnOp.EVTCHN_FIFO_NR_CHANNELS - 1
                : EvtchnOp.EVTCHN_2L_NR_CHANNELS - 1;
        this.maxPort = Math.min(maxEventChannels, limit);
        // Grown as ports are allocated (Xen allocates its ports in buckets too): most domains use a
        // handful of the 1,023 they may have.
        this.channels = new Channel[Math.min(maxPort + 1, INITIAL_PORTS)];
        this.virqToPort = new int[domain.maxVcpus()][Xen.NR_VIRQS];
        this.bits = new EvtchnBits(domain.maxVcpus(),
                Math.max(EvtchnOp.EVTCHN_2L_NR_WORDS, (maxPort + EvtchnOp.BITS_PER_EVTCHN_WORD) / EvtchnOp.BITS_PER_EVTCHN_WORD));
        this.metrics = metrics;
        channels[0] = new Channel(0);
        channels[0].state = Channel.State.RESERVED;
    }

    public DomId domid() {
        return domain.id();
    }

    /** The highest port this domain may use. */
    public int maxPort() {
        return maxPort;
    }

    EvtchnMetrics metrics() {
        return metrics;
    }

    /** The pending and mask bits, as the guest sees them in {@code shared_info}. */
    public EvtchnBits bits() {
        return bits;
    }

    /** Ports in use (any state but free), port 0 not counted: the number a leak check wants. */
    public synchronized int openPorts() {
        return open;
    }

    /**
     * Fires a VIRQ for the hypervisor ({@code send_guest_vcpu_virq} for a per-vCPU VIRQ,
     * {@code send_guest_global_virq} for a global one, which is bound on vCPU 0 and ignores
     * {@code vcpu}). The upcall goes to the channel's notify vCPU.
     *
     * @return whether a channel was bound to it (if not, the VIRQ is dropped, as in Xen)
     * @throws IllegalArgumentException if {@code virq} or {@code vcpu} is out of range
     */
    public synchronized boolean sendVirq(int virq, int vcpu) {
        if (virq < 0 || virq >= Xen.NR_VIRQS || vcpu < 0 || vcpu >= virqToPort.length) {
            throw new IllegalArgumentException("virq " + virq + " on vcpu " + vcpu + " of " + domain);
        }
        int port = virqToPort[isGlobalVirq(virq) ? 0 : vcpu][virq];
        if (port == 0) {
            return false;
        }
        setPending(channels[port]);
        return true;
    }

    /**
     * {@code virq_is_global}: every VIRQ but the per-vCPU ones (timer, debug, xenoprof, xenpmu)
     * is bound once per domain, on vCPU 0; x86's arch VIRQs are all global.
     */
    public static boolean isGlobalVirq(int virq) {
        return virq != Xen.VIRQ_TIMER && virq != Xen.VIRQ_DEBUG && virq != Xen.VIRQ_XENOPROF
                && virq != Xen.VIRQ_XENPMU;
    }

    /** {@code evtchn_alloc_unbound} in this domain, for {@code remote} to bind to. */
    synchronized int allocUnbound(DomId remote) {
        int port = freePort();
        if (port < 0) {
            return port;
        }
        Channel c = take(port);
        c.state = Channel.State.UNBOUND;
        c.unboundRemote = remote;
        return port;
    }

    /**
     * {@code evtchn_bind_interdomain}: binds a fresh local port to {@code remote}'s unbound port
     * {@code remotePort}, which must have been offered to this domain (else -EINVAL). The new
     * local port starts pending, so an event sent while the remote end was unbound is not missed.
     */
    int bindInterdomain(EvtchnTable remote, EvtchnPort remotePort) {
        int rport = remotePort.value();
        return lockBoth(this, remote, () -> {
            int lport = freePort();
            if (lport < 0) {
                return lport;
            }
            // UNTRUSTED: the remote port comes from the guest.
            if (remote.dead || !remote.isValid(rport)) {
                return -EINVAL;
            }
            Channel r = remote.slot(rport);
            if (r == null || r.state != Channel.State.UNBOUND || !domid().equals(r.unboundRemote)) {
                return -EINVAL;
            }
            Channel l = take(lport);
            l.state = Channel.State.INTERDOMAIN;
            l.peerTable = remote;
            l.peerPort = rport;
            r.state = Channel.State.INTERDOMAIN;
            r.unboundRemote = null;
            r.peerTable = this;
            r.peerPort = lport;
            setPending(l);
            return lport;
        });
    }

    /** {@code evtchn_bind_virq}: one port per (VIRQ, vCPU); global VIRQs only on vCPU 0. */
    synchronized int bindVirq(int virq, int vcpu) {
        // UNTRUSTED: virq and vcpu come from the guest.
        if (virq < 0 || virq >= Xen.NR_VIRQS || (isGlobalVirq(virq) && vcpu != 0)) {
            return -EINVAL;
        }
        if (!isVcpu(vcpu)) {
            return -ENOENT;
        }
        if (virqToPort[vcpu][virq] != 0) {
            return -EEXIST;
        }
        int port = freePort();
        if (port < 0) {
            return port;
        }
        Channel c = take(port);
        c.state = Channel.State.VIRQ;
        c.virq = virq;
        c.notifyVcpu = vcpu;
        virqToPort[vcpu][virq] = port;
        return port;
    }

    /** {@code evtchn_bind_ipi}: a channel within this domain that notifies {@code vcpu}. */
    synchronized int bindIpi(int vcpu) {
        if (!isVcpu(vcpu)) {
            return -ENOENT;
        }
        int port = freePort();
        if (port < 0) {
            return port;
        }
        Channel c = take(port);
        c.state = Channel.State.IPI;
        c.notifyVcpu = vcpu;
        return port;
    }

    /**
     * {@code evtchn_bind_vcpu}: moves an unbound, interdomain or global-VIRQ channel's
     * notifications to {@code vcpu}; IPIs and per-vCPU VIRQs stay where they were bound (-EINVAL).
     */
    synchronized int bindVcpu(EvtchnPort port, int vcpu) {
        if (!isVcpu(vcpu)) {
            return -ENOENT;
        }
        Channel c = channel(port);
        if (c == null) {
            return -EINVAL;
        }
        boolean movable = switch (c.state) {
            case UNBOUND, INTERDOMAIN -> true;
            case VIRQ -> isGlobalVirq(c.virq);
            default -> false;
        };
        if (!movable) {
            return -EINVAL;
        }
        c.notifyVcpu = vcpu;
        return 0;
    }

    /**
     * {@code evtchn_send}: interdomain sets the peer's port pending, IPI sets this port pending,
     * unbound drops the event (and succeeds, as Xen does); any other state is -EINVAL.
     */
    synchronized int send(EvtchnPort port) {
        Channel c = channel(port);
        if (c == null) {
            return -EINVAL;
        }
        switch (c.state) {
            case INTERDOMAIN -> c.peerTable.setPending(c.peerTable.channels[c.peerPort]);
            case IPI -> setPending(c);
            case UNBOUND -> metrics.dropped();
            default -> {
                return -EINVAL;
            }
        }
        metrics.sent();
        return 0;
    }

    /**
     * {@code evtchn_close}: frees the port; if it was interdomain, the peer's port becomes
     * unbound again, offered to this domain. A free or reserved port is -EINVAL.
     */
    int close(EvtchnPort port) {
        while (true) {
            EvtchnTable peer;
            synchronized (this) {
                Channel c = channel(port);
                if (c == null || c.state == Channel.State.FREE || c.state == Channel.State.RESERVED) {
                    return -EINVAL;
                }
                if (c.state != Channel.State.INTERDOMAIN) {
                    release(c);
                    return 0;
                }
                peer = c.peerTable;
            }
            boolean closed = lockBoth(this, peer, () -> {
                Channel c = channels[port.value()];
                if (c.state != Channel.State.INTERDOMAIN || c.peerTable != peer) {
                    return 0;
                }
                Channel p = peer.channels[c.peerPort];
                p.state = Channel.State.UNBOUND;
                p.peerTable = null;
                p.peerPort = 0;
                p.unboundRemote = domid();
                release(c);
                return 1;
            }) == 1;
            if (closed) {
                return 0;
            }
        }
    }

    /** {@code evtchn_status}: the port's state and binding, as {@code struct evtchn_status}. */
    synchronized EvtchnStatus status(EvtchnPort port) {
        Channel c = channel(port);
        if (c == null) {
            return EvtchnStatus.error(-EINVAL);
        }
        int vcpu = c.notifyVcpu;
        return switch (c.state) {
            case FREE, RESERVED -> EvtchnStatus.closed(vcpu);
            case UNBOUND -> EvtchnStatus.unbound(vcpu, c.unboundRemote);
            case INTERDOMAIN -> EvtchnStatus.interdomain(vcpu, c.peerTable.domid(), EvtchnPort.of(c.peerPort));
            case VIRQ -> EvtchnStatus.virq(vcpu, c.virq);
            case IPI -> EvtchnStatus.ipi(vcpu);
        };
    }

    /**
     * {@code evtchn_unmask}: clears the port's mask bit; if an event arrived while it was masked,
     * the notify vCPU gets its upcall now.
     */
    synchronized int unmask(EvtchnPort port) {
        Channel c = channel(port);
        if (c == null) {
            return -EINVAL;
        }
        if (bits.unmask(c.port, c.notifyVcpu)) {
            raise(c.notifyVcpu);
        }
        return 0;
    }

    /**
     * {@code evtchn_reset} and, with {@code dying}, {@code evtchn_destroy}: closes every port
     * (interdomain peers return to unbound). A dying table allocates no port again.
     *
     * @return how many ports were closed
     */
    int closeAll(boolean dying) {
        synchronized (this) {
            dead |= dying;
        }
        int closed = 0;
        for (int p = 1; p <= maxPort; p++) {
            if (close(EvtchnPort.of(p)) == 0) {
                closed++;
            }
        }
        return closed;
    }

    /** {@code evtchn_port_set_pending} on one of this table's channels; caller holds a lock that pins it. */
    private void setPending(Channel c) {
        int vcpu = c.notifyVcpu;
        if (bits.setPending(c.port, vcpu)) {
            raise(vcpu);
        }
    }

    /** {@code vcpu_mark_events_pending}: sets {@code evtchn_upcall_pending} and kicks the vCPU. */
    private void raise(int vcpu) {
        domain.vcpu(vcpu).raiseUpcall();
        metrics.upcall();
    }

    /** {@code get_free_port}: the lowest free port, -ENOSPC if none, -EINVAL once dying. */
    private int freePort() {
        if (dead) {
            return -EINVAL;
        }
        for (int p = 1; p <= maxPort; p++) {
            Channel c = slot(p);
            if (c == null || c.state == Channel.State.FREE) {
                return p;
            }
        }
        return -ENOSPC;
    }

    private Channel take(int port) {
        if (port >= channels.length) {
            channels = java.util.Arrays.copyOf(channels, Math.min(maxPort + 1, Math.max(port + 1, channels.length * 2)));
        }
        if (channels[port] == null) {
            channels[port] = new Channel(port);
        }
        open++;
        return channels[port];
    }

    /** {@code evtchn_free}: unhooks a VIRQ, clears the pending bit so a re-bind starts clean. */
    private void release(Channel c) {
        if (c.state == Channel.State.VIRQ) {
            for (int[] perVcpu : virqToPort) {
                if (perVcpu[c.virq] == c.port) {
                    perVcpu[c.virq] = 0;
                }
            }
        }
        bits.clearPending(c.port);
        c.free();
        open--;
    }

    /** The channel at a guest-supplied port, or null if the port is outside the table. */
    private Channel channel(EvtchnPort port) {
        // UNTRUSTED: any u32; negative ints are ports above 2^31.
        int p = port.value();
        if (!isValid(p)) {
            return null;
        }
        // A port never used is free; its stand-in is not stored, so probing ports costs no table space.
        Channel c = slot(p);
        return c != null ? c : new Channel(p);
    }

    /** The channel stored for a port inside the table, or null if none was ever allocated there. */
    private Channel slot(int port) {
        return port < channels.length ? channels[port] : null;
    }

    private boolean isValid(int port) {
        return port >= 0 && port <= maxPort;
    }

    private boolean isVcpu(int vcpu) {
        return vcpu >= 0 && vcpu < virqToPort.length;
    }

    /** Runs {@code body} holding both tables' locks, taken in creation order (one lock if a == b). */
    private static int lockBoth(EvtchnTable a, EvtchnTable b, IntSupplier body) {
        EvtchnTable first = a.lockOrder <= b.lockOrder ? a : b;
        EvtchnTable second = first == a ? b : a;
        synchronized (first) {
            synchronized (second) {
                return body.getAsInt();
            }
        }
    }

    @Override
    public String toString() {
        return "evtchn(" + domain + ")";
    }
}
