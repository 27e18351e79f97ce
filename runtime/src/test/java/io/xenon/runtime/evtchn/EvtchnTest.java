package io.xenon.runtime.evtchn;

import static io.xenon.abi.Errno.EEXIST;
import static io.xenon.abi.Errno.EINVAL;
import static io.xenon.abi.Errno.ENOENT;
import static io.xenon.abi.Errno.ENOSPC;
import static io.xenon.abi.Errno.EPERM;
import static io.xenon.abi.Errno.ESRCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.DomId;
import io.xenon.abi.Xen;
import io.xenon.abi.evtchn.EvtchnOp;
import io.xenon.abi.evtchn.EvtchnPort;
import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import io.xenon.runtime.domain.Domain;
import io.xenon.runtime.domain.Host;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvtchnTest {

    private static final DomId SELF = new DomId(EvtchnOp.DOMID_SELF);

    private final EventChannels evtchn = new EventChannels();
    private Host host;
    private Domain dom0;
    private Domain domU;
    private DomId d0;
    private DomId dU;

    @BeforeEach
    void boot() throws Exception {
        host = new Host(256, 2);
        dom0 = host.createDom0(64, 2);
        domU = host.create(config("guest", "vcpus = 2"));
        d0 = dom0.id();
        dU = domU.id();
        evtchn.create(dom0);
        evtchn.create(domU);
    }

    /** Connects a port offered by domU to dom0 (as a front end does) and returns {domU port, dom0 port}. */
    private int[] connect() {
        int front = evtchn.allocUnbound(dU, SELF, d0);
        assertTrue(front > 0, "alloc_unbound: " + front);
        int back = evtchn.bindInterdomain(d0, dU, port(front));
        assertTrue(back > 0, "bind_interdomain: " + back);
        return new int[] {front, back};
    }

    private static DomainConfig config(String name, String extra) throws ConfigException {
        return DomainConfigs.read("name = \"" + name + "\"\nmemory = 16\nkernel = \"builtin:idle\"\n" + extra + "\n",
                "test", List.of());
    }

    private static EvtchnPort port(int p) {
        return EvtchnPort.of(p);
    }

    /** The ports the guest's upcall handler would see on {@code vcpu}, clearing them. */
    private static List<Integer> drain(Domain d, EventChannels ec, int vcpu) {
        List<Integer> seen = new ArrayList<>();
        ec.table(d.id()).bits().drain(vcpu, seen::add);
        return seen;
    }

    @Test
    void portZeroIsReservedAndLowestFreePortComesFirst() {
        assertEquals(EvtchnOp.EVTCHNSTAT_CLOSED, evtchn.status(dU, SELF, EvtchnPort.RESERVED).status());
        assertEquals(-EINVAL, evtchn.close(dU, EvtchnPort.RESERVED));
        assertEquals(1, evtchn.allocUnbound(dU, SELF, d0));
        assertEquals(2, evtchn.allocUnbound(dU, SELF, d0));
        assertEquals(3, evtchn.bindIpi(dU, 0));
        assertEquals(0, evtchn.close(dU, port(2)));
        assertEquals(2, evtchn.allocUnbound(dU, SELF, d0));
        assertEquals(4, evtchn.allocUnbound(dU, SELF, d0));
        assertEquals(4, evtchn.openPorts(dU));
    }

    @Test
    void interdomainSendReachesThePeerBothWays() {
        int[] ports = connect();
        drain(dom0, evtchn, 0);
        domU.vcpu(0).takeUpcall();

        assertEquals(0, evtchn.send(d0, port(ports[1])));
        assertTrue(domU.vcpu(0).isUpcallPending());
        assertEquals(List.of(ports[0]), drain(domU, evtchn, 0));

        assertEquals(0, evtchn.send(dU, port(ports[0])));
        assertEquals(List.of(ports[1]), drain(dom0, evtchn, 0));

        EvtchnStatus front = evtchn.status(dU, SELF, port(ports[0]));
        assertEquals(EvtchnOp.EVTCHNSTAT_INTERDOMAIN, front.status());
        assertEquals(d0, front.dom());
        assertEquals(port(ports[1]), front.port());
    }

    @Test
    void newlyBoundLocalPortStartsPending() {
        int front = evtchn.allocUnbound(dU, SELF, d0);
        assertFalse(dom0.vcpu(0).isUpcallPending());
        int back = evtchn.bindInterdomain(d0, dU, port(front));
        assertTrue(evtchn.table(d0).bits().isPending(back));
        assertTrue(dom0.vcpu(0).isUpcallPending());
        assertFalse(evtchn.table(dU).bits().isPending(front));
    }

    @Test
    void closingOneEndReturnsThePeerToUnbound() {
        int[] ports = connect();
        assertEquals(0, evtchn.close(d0, port(ports[1])));

        EvtchnStatus front = evtchn.status(dU, SELF, port(ports[0]));
        assertEquals(EvtchnOp.EVTCHNSTAT_UNBOUND, front.status());
        assertEquals(d0, front.dom());
        assertEquals(EvtchnOp.EVTCHNSTAT_CLOSED, evtchn.status(d0, SELF, port(ports[1])).status());
        assertEquals(0, evtchn.openPorts(d0));
        int again = evtchn.bindInterdomain(d0, dU, port(ports[0]));
        assertEquals(ports[1], again);
    }

    @Test
    void sendOnUnboundPortIsDropped() {
        int front = evtchn.allocUnbound(dU, SELF, d0);
        domU.vcpu(0).takeUpcall();
        assertEquals(0, evtchn.send(dU, port(front)));
        assertFalse(evtchn.table(dU).bits().isPending(front));
        assertFalse(domU.vcpu(0).isUpcallPending());
        assertEquals(-EINVAL, evtchn.send(dU, port(front + 1)));
    }

    @Test
    void edgeRaisedWhileMaskedIsDeliveredOnUnmask() {
        int[] ports = connect();
        EvtchnBits bits = evtchn.table(dU).bits();
        bits.mask(ports[0]);
        assertTrue(bits.isMasked(ports[0]));

        evtchn.send(d0, port(ports[1]));
        assertTrue(bits.isPending(ports[0]));
        assertFalse(domU.vcpu(0).isUpcallPending());
        assertEquals(List.of(), drain(domU, evtchn, 0));

        assertEquals(0, evtchn.unmask(dU, port(ports[0])));
        assertFalse(bits.isMasked(ports[0]));
        assertTrue(domU.vcpu(0).isUpcallPending());
        assertEquals(List.of(ports[0]), drain(domU, evtchn, 0));
    }

    @Test
    void bindingAVirqTwiceOnOneVcpuGivesEexist() {
        int p = evtchn.bindVirq(dU, Xen.VIRQ_TIMER, 0);
        assertTrue(p > 0);
        assertEquals(-EEXIST, evtchn.bindVirq(dU, Xen.VIRQ_TIMER, 0));
        assertTrue(evtchn.bindVirq(dU, Xen.VIRQ_TIMER, 1) > 0);
        assertEquals(0, evtchn.close(dU, port(p)));
        assertEquals(p, evtchn.bindVirq(dU, Xen.VIRQ_TIMER, 0));
    }

    @Test
    void timerVirqFiresOnTheVcpuItWasBoundTo() {
        int p = evtchn.bindVirq(dU, Xen.VIRQ_TIMER, 1);
        assertTrue(evtchn.sendVirq(dU, Xen.VIRQ_TIMER, 1));
        assertFalse(evtchn.sendVirq(dU, Xen.VIRQ_TIMER, 0));
        assertEquals(List.of(p), drain(domU, evtchn, 1));
        EvtchnStatus s = evtchn.status(dU, SELF, port(p));
        assertEquals(EvtchnOp.EVTCHNSTAT_VIRQ, s.status());
        assertEquals(Xen.VIRQ_TIMER, s.virq());
        assertEquals(1, s.vcpu());
    }

    @Test
    void globalVirqOnlyBindsOnVcpuZeroAndGoesToDomain0() {
        assertEquals(-EINVAL, evtchn.bindVirq(d0, Xen.VIRQ_DOM_EXC, 1));
        assertEquals(-EINVAL, evtchn.bindVirq(d0, Xen.VIRQ_CONSOLE, 1));
        assertEquals(-EINVAL, evtchn.bindVirq(d0, Xen.NR_VIRQS, 0));
        assertEquals(-ENOENT, evtchn.bindVirq(d0, Xen.VIRQ_TIMER, 99));
        int p = evtchn.bindVirq(d0, Xen.VIRQ_DOM_EXC, 0);
        assertTrue(p > 0);
        assertTrue(evtchn.sendGlobalVirq(Xen.VIRQ_DOM_EXC));
        assertEquals(List.of(p), drain(dom0, evtchn, 0));
    }

    @Test
    void bindVcpuMovesDelivery() {
        int[] ports = connect();
        drain(dom0, evtchn, 0);
        domU.vcpu(0).takeUpcall();
        domU.vcpu(1).takeUpcall();
        assertEquals(0, evtchn.bindVcpu(dU, port(ports[0]), 1));

        evtchn.send(d0, port(ports[1]));
        assertFalse(domU.vcpu(0).isUpcallPending());
        assertTrue(domU.vcpu(1).isUpcallPending());
        assertEquals(List.of(ports[0]), drain(domU, evtchn, 1));
        assertEquals(1, evtchn.status(dU, SELF, port(ports[0])).vcpu());
    }

    @Test
    void bindVcpuRefusesIpiAndPerVcpuVirq() {
        int ipi = evtchn.bindIpi(dU, 0);
        int timer = evtchn.bindVirq(dU, Xen.VIRQ_TIMER, 0);
        assertEquals(-EINVAL, evtchn.bindVcpu(dU, port(ipi), 1));
        assertEquals(-EINVAL, evtchn.bindVcpu(dU, port(timer), 1));
        assertEquals(-ENOENT, evtchn.bindVcpu(dU, port(ipi), 7));
        assertEquals(0, evtchn.send(dU, port(ipi)));
        assertEquals(List.of(ipi), drain(domU, evtchn, 0));
    }

    @Test
    void fullTableGivesEnospc() throws Exception {
        Domain small = host.create(config("small", "max_event_channels = 8"));
        evtchn.create(small);
        for (int expected = 1; expected <= 8; expected++) {
            assertEquals(expected, evtchn.bindIpi(small.id(), 0));
        }
        assertEquals(-ENOSPC, evtchn.bindIpi(small.id(), 0));
        assertEquals(-ENOSPC, evtchn.allocUnbound(small.id(), SELF, d0));
        assertEquals(8, evtchn.openPorts(small.id()));
    }

    @Test
    void aDomUsTableIsCappedByItsConfigAndDomain0sByTheFifoLimit() {
        assertEquals(EvtchnOp.EVTCHN_FIFO_NR_CHANNELS - 1, evtchn.table(d0).maxPort());
        assertEquals(1023, evtchn.table(dU).maxPort());
        assertEquals(-EINVAL, evtchn.status(dU, SELF, port(1024)).rc());
        assertEquals(-EINVAL, evtchn.close(dU, port(-1)));
    }

    @Test
    void domain0EventsBeyondTheTwoLevelLimitAreDelivered() {
        int last = -1;
        for (int i = 0; i < 5000; i++) {
            last = evtchn.bindIpi(d0, 0);
        }
        assertTrue(last >= EvtchnOp.EVTCHN_2L_NR_CHANNELS, "port " + last);
        int port = last;
        evtchn.send(d0, port(port));
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        evtchn.table(d0).bits().drain(0, seen::add);
        assertTrue(seen.contains(port), seen.toString());
    }

    @Test
    void cannotBindAPortNotOfferedToTheCaller() throws Exception {
        Domain other = host.create(config("other", ""));
        DomId dO = other.id();
        assertEquals(-ESRCH, evtchn.bindInterdomain(d0, dO, port(1)));
        evtchn.create(other);

        int offeredToDom0 = evtchn.allocUnbound(dU, SELF, d0);
        assertEquals(-EINVAL, evtchn.bindInterdomain(dO, dU, port(offeredToDom0)));
        assertEquals(-EINVAL, evtchn.bindInterdomain(dO, dU, port(offeredToDom0 + 1)));
        assertEquals(-EINVAL, evtchn.bindInterdomain(dO, dU, port(1 << 20)));
        int ipi = evtchn.bindIpi(dU, 0);
        assertEquals(-EINVAL, evtchn.bindInterdomain(d0, dU, port(ipi)));
        assertEquals(0, evtchn.openPorts(dO));

        assertEquals(-EPERM, evtchn.allocUnbound(dO, dU, dO));
        assertEquals(-EPERM, evtchn.status(dO, dU, port(offeredToDom0)).rc());
        assertTrue(evtchn.allocUnbound(d0, dU, dO) > 0);
    }

    @Test
    void loopbackChannelWithinOneDomain() {
        int a = evtchn.allocUnbound(dU, SELF, SELF);
        int b = evtchn.bindInterdomain(dU, SELF, port(a));
        drain(domU, evtchn, 0);
        evtchn.send(dU, port(b));
        assertEquals(List.of(a), drain(domU, evtchn, 0));
        assertEquals(0, evtchn.close(dU, port(a)));
        assertEquals(EvtchnOp.EVTCHNSTAT_UNBOUND, evtchn.status(dU, SELF, port(b)).status());
    }

    @Test
    void domainDeathReturnsPeersToUnbound() {
        int[] ports = connect();
        evtchn.bindVirq(dU, Xen.VIRQ_TIMER, 0);
        evtchn.bindIpi(dU, 1);
        assertEquals(3, evtchn.destroy(dU));
        assertEquals(0, evtchn.openPorts(dU));
        assertEquals(-ESRCH, evtchn.send(dU, port(ports[0])));
        EvtchnStatus back = evtchn.status(d0, SELF, port(ports[1]));
        assertEquals(EvtchnOp.EVTCHNSTAT_UNBOUND, back.status());
        assertEquals(dU, back.dom());
        assertEquals(0, evtchn.send(d0, port(ports[1])));
    }

    @Test
    void resetClosesEveryPort() {
        connect();
        evtchn.bindIpi(dU, 0);
        assertEquals(-EPERM, evtchn.reset(dU, d0));
        assertEquals(0, evtchn.reset(dU, SELF));
        assertEquals(0, evtchn.openPorts(dU));
        assertEquals(1, evtchn.openPorts(d0));
        assertEquals(1, evtchn.allocUnbound(dU, SELF, d0));
    }

    @Test
    void tenThousandCyclesLeaveNoPorts() {
        for (int i = 0; i < 10_000; i++) {
            int[] ports = connect();
            assertEquals(0, evtchn.send(d0, port(ports[1])));
            assertEquals(0, evtchn.send(dU, port(ports[0])));
            int ipi = evtchn.bindIpi(dU, i % 2);
            assertEquals(0, evtchn.close(i % 2 == 0 ? d0 : dU, port(i % 2 == 0 ? ports[1] : ports[0])));
            assertEquals(0, evtchn.close(i % 2 == 0 ? dU : d0, port(i % 2 == 0 ? ports[0] : ports[1])));
            assertEquals(0, evtchn.close(dU, port(ipi)));
        }
        assertEquals(0, evtchn.openPorts(d0));
        assertEquals(0, evtchn.openPorts(dU));
        assertEquals(0, evtchn.openPorts());
        assertEquals(1, evtchn.allocUnbound(dU, SELF, d0));
    }
}
