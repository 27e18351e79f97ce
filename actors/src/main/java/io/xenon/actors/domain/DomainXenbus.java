package io.xenon.actors.domain;

import io.xenon.abi.DomId;
import io.xenon.abi.Errno;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.abi.xenstore.XsWire;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.evtchn.EventChannels;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import kamon.Kamon;
import kamon.metric.Counter;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A domain's connection to XenStore, as its xenbus ring and store event channel are in Xen: the
 * guest puts requests on it; xenstored's replies and watch events come back in order and each is
 * signalled on the domain's store port ({@code start_info.store_evtchn}), which Dom0's end of the
 * channel sends to.
 *
 * <p>XEN-DIFF: the messages travel as objects, not through the 2 KiB
 * {@code xenstore_domain_interface} page; the bounds stand in for the ring's size and
 * xenstored's quota: at most {@link #MAX_IN_FLIGHT} requests awaiting replies (further ones get
 * {@code -EAGAIN}, as a full ring makes a guest wait) and {@link #MAX_EVENTS} unread watch events
 * (further events are dropped and counted, where a full ring would stall xenstored).
 *
 * <p>Requests come from the domain's vCPU threads, replies from xenstored's: the queues are
 * concurrent.
 */
final class DomainXenbus {

    /** C xenstored's default quota of outstanding requests per domain. */
    static final int MAX_IN_FLIGHT = io.xenon.runtime.xenstore.XsQuota.defaults().outstandingRequests();
    static final int MAX_EVENTS = 256;

    private static final Counter DROPPED = Kamon.counter("xenon.xenbus.events.dropped",
            "watch events lost because the domain did not read its xenbus connection").withoutTags();

    private final DomId domid;
    private final ActorRef<XenStoreActor.Command> xenstored;
    private final EventChannels evtchns;
    private final int storePort;
    private final int dom0Port;
    private final ConcurrentLinkedQueue<XsMessage> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger events = new AtomicInteger();

    private DomainXenbus(DomId domid, ActorRef<XenStoreActor.Command> xenstored, EventChannels evtchns,
            int storePort, int dom0Port) {
        this.domid = domid;
        this.xenstored = xenstored;
        this.evtchns = evtchns;
        this.storePort = storePort;
        this.dom0Port = dom0Port;
    }

    /**
     * Opens the store channel as libxl and xenstored do: an unbound port in the domain offered to
     * Dom0, which Dom0 binds.
     *
     * @throws IllegalStateException if the domain's or Dom0's port table is full
     */
    static DomainXenbus open(DomId domid, ActorRef<XenStoreActor.Command> xenstored, EventChannels evtchns) {
        int port = evtchns.allocUnbound(DomId.DOM0, domid, DomId.DOM0);
        if (port < 0) {
            throw new IllegalStateException("no event channel for XenStore in domain " + domid + " (" + port + ")");
        }
        int dom0Port = evtchns.bindInterdomain(DomId.DOM0, domid, EvtchnPort.of(port));
        if (dom0Port < 0) {
            throw new IllegalStateException("Domain-0 cannot bind the XenStore channel of domain " + domid
                    + " (" + dom0Port + ")");
        }
        return new DomainXenbus(domid, xenstored, evtchns, port, dom0Port);
    }

    int storePort() {
        return storePort;
    }

    /** The guest's request; see {@code Hypercalls.xsWrite}. */
    int write(XsMessage request) {
        // UNTRUSTED: the whole message is the guest's; xenstored checks its content.
        if (request == null || request.payload().length > XsWire.XENSTORE_PAYLOAD_MAX) {
            return -Errno.E2BIG;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            return -Errno.EAGAIN;
        }
        xenstored.tell(new XenStoreActor.DomainRequest(domid.value(), request));
        return 0;
    }

    /** The next reply or event for the guest, or null. */
    XsMessage read() {
        XsMessage m = inbox.poll();
        if (m != null) {
            if (m.type() == XsType.XS_WATCH_EVENT) {
                events.decrementAndGet();
            } else {
                inFlight.decrementAndGet();
            }
        }
        return m;
    }

    /**
     * Closes Domain-0's end of the store channel, as xenstored does when it releases a domain, so
     * Domain-0's port is free again.
     */
    void close() {
        evtchns.close(DomId.DOM0, EvtchnPort.of(dom0Port));
    }

    /** xenstored's output for this domain: queues it and signals the store port. */
    void deliver(XsMessage m) {
        if (m.type() == XsType.XS_WATCH_EVENT && events.incrementAndGet() > MAX_EVENTS) {
            events.decrementAndGet();
            DROPPED.increment();
            return;
        }
        inbox.add(m);
        evtchns.send(DomId.DOM0, EvtchnPort.of(dom0Port));
    }
}
