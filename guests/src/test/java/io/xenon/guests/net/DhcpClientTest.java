package io.xenon.guests.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.packet.DhcpLease;
import io.xenon.network.packet.DhcpMessage;
import io.xenon.network.packet.DhcpMessageType;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.MacAddress;
import io.xenon.network.packet.UdpDatagram;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DHCP client's state machine against a server scripted with {@link DhcpMessage}'s builders. */
class DhcpClientTest {

    private static final MacAddress MAC = MacAddress.parse("00:16:3e:00:00:05");
    private static final MacAddress SERVER_MAC = MacAddress.parse("00:16:3e:00:00:01");
    private static final Ipv4Address SERVER = Ipv4Address.parse("10.77.0.1");
    private static final Ipv4Address OFFERED = Ipv4Address.parse("10.77.0.50");
    private static final DhcpLease LEASE = new DhcpLease(SERVER, 3600, Ipv4Address.parse("255.255.255.0"), SERVER,
            List.of(SERVER));
    private static final DhcpClient.Settings SETTINGS = new DhcpClient.Settings(4, 1_000_000_000L, 4_000_000_000L);

    private final FakeClock clock = new FakeClock();
    private final FakeLink link = new FakeLink(MAC);
    private final IpStack stack = new IpStack(link, clock.timers);
    private final List<String> events = new ArrayList<>();
    private final DhcpClient client = new DhcpClient(stack, "guest-a", null, SETTINGS, 7, new DhcpClient.Listener() {
        @Override
        public void bound(Ipv4Config config, int leaseSeconds) {
            events.add("bound " + config + " " + leaseSeconds + "s gw " + config.gateway());
        }

        @Override
        public void failed(int sends) {
            events.add("failed after " + sends);
        }

        @Override
        public void expired(Ipv4Config config) {
            events.add("expired " + config.address());
        }
    });

    @Test
    void discoverOfferRequestAckConfiguresTheInterface() {
        client.start();
        DhcpMessage discover = takeDhcp();
        assertEquals(DhcpMessageType.DISCOVER, discover.type());
        assertEquals("guest-a", discover.options().hostname().orElseThrow());
        assertEquals(client.xid(), discover.xid());
        answer(DhcpMessage.offer(discover, OFFERED, LEASE));
        assertEquals(DhcpClient.State.REQUESTING, client.state());
        DhcpMessage request = takeDhcp();
        assertEquals(DhcpMessageType.REQUEST, request.type());
        assertEquals(OFFERED, request.options().requestedIp().orElseThrow());
        assertEquals(SERVER, request.options().serverId().orElseThrow());
        assertEquals("guest-a", request.options().hostname().orElseThrow());
        answer(DhcpMessage.ack(request, OFFERED, LEASE));
        assertEquals(DhcpClient.State.BOUND, client.state());
        assertEquals(List.of("bound 10.77.0.50/24 (dhcp) 3600s gw 10.77.0.1"), events);
        assertEquals(OFFERED, stack.config().orElseThrow().address());
    }

    @Test
    void theRequestIsSentFromZeroToBroadcastAtTheBroadcastMac() {
        client.start();
        byte[] frame = link.sent.poll();
        assertEquals(MacAddress.BROADCAST, Frames.eth(frame).dst());
        Ipv4Packet ip = Frames.ip(frame);
        assertEquals(Ipv4Address.ANY, ip.src());
        assertEquals(Ipv4Address.BROADCAST, ip.dst());
        UdpDatagram u = Frames.udp(frame);
        assertEquals(68, u.srcPort());
        assertEquals(67, u.dstPort());
    }

    @Test
    void silenceIsAnsweredByRetransmissionWithBackoffThenFailure() {
        client.start();
        List<Long> sentAt = new ArrayList<>();
        sentAt.add(clock.now);
        link.sent.clear();
        for (int ms = 0; ms < 20_000; ms++) {
            clock.advance(1_000_000L);
            while (!link.sent.isEmpty()) {
                assertEquals(DhcpMessageType.DISCOVER, takeDhcp().type());
                sentAt.add(clock.now);
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < sentAt.size(); i++) {
            gaps.add((sentAt.get(i) - sentAt.get(i - 1)) / 1_000_000L);
        }
        assertEquals(List.of(1000L, 2000L, 4000L), gaps, "4 tries: 1 s, 2 s, then the 4 s cap");
        assertEquals(DhcpClient.State.FAILED, client.state());
        assertEquals(List.of("failed after 4"), events);
        assertTrue(stack.config().isEmpty());
    }

    @Test
    void aLostRequestIsSentAgainAndTheLateAckStillBinds() {
        client.start();
        answer(DhcpMessage.offer(takeDhcp(), OFFERED, LEASE));
        takeDhcp();
        clock.advance(1_000_000_000L);
        DhcpMessage again = takeDhcp();
        assertEquals(DhcpMessageType.REQUEST, again.type());
        answer(DhcpMessage.ack(again, OFFERED, LEASE));
        assertEquals(DhcpClient.State.BOUND, client.state());
    }

    @Test
    void anAnswerForAnotherTransactionOrMacIsIgnored() {
        client.start();
        DhcpMessage discover = takeDhcp();
        DhcpMessage stranger = DhcpMessage.discover(discover.xid() + 1, MAC, null);
        answer(DhcpMessage.offer(stranger, OFFERED, LEASE));
        DhcpMessage otherMac = DhcpMessage.discover(discover.xid(), SERVER_MAC, null);
        answer(DhcpMessage.offer(otherMac, OFFERED, LEASE));
        stack.receive(Frames.udpFrame(MAC, SERVER_MAC, SERVER, 67, Ipv4Address.BROADCAST, 68, new byte[40]));
        assertEquals(DhcpClient.State.SELECTING, client.state());
        assertEquals(3, client.ignored());
    }

    @Test
    void aNakSendsTheClientBackToDiscovery() {
        client.start();
        answer(DhcpMessage.offer(takeDhcp(), OFFERED, LEASE));
        int firstXid = client.xid();
        answer(DhcpMessage.nak(takeDhcp(), SERVER));
        assertEquals(DhcpClient.State.SELECTING, client.state());
        DhcpMessage discover = takeDhcp();
        assertEquals(DhcpMessageType.DISCOVER, discover.type());
        assertTrue(discover.xid() != firstXid, "a new transaction");
    }

    @Test
    void theLeaseIsHonouredTheAddressDroppedWhenItRunsOut() {
        DhcpLease shortLease = new DhcpLease(SERVER, 10, Ipv4Address.parse("255.255.0.0"), null, List.of());
        client.start();
        answer(DhcpMessage.offer(takeDhcp(), OFFERED, shortLease));
        answer(DhcpMessage.ack(takeDhcp(), OFFERED, shortLease));
        assertEquals(16, stack.config().orElseThrow().prefix());
        link.sent.clear();
        clock.advance(9_999_999_999L);
        assertTrue(stack.config().isPresent());
        clock.advance(1);
        assertTrue(stack.config().isEmpty());
        assertEquals("expired 10.77.0.50", events.get(events.size() - 1));
        assertEquals(DhcpMessageType.DISCOVER, takeDhcp().type());
    }

    /** The next DHCP message the client sent, skipping ARP. */
    private DhcpMessage takeDhcp() {
        while (!link.sent.isEmpty()) {
            UdpDatagram u = Frames.udp(link.sent.poll());
            if (u != null) {
                DhcpMessage m = DhcpMessage.decode(u).orNull();
                assertNotNull(m);
                return m;
            }
        }
        throw new AssertionError("the client sent no DHCP message");
    }

    private void answer(DhcpMessage reply) {
        stack.receive(Frames.ipFrame(MacAddress.BROADCAST, SERVER_MAC, reply.toUdp().toIpv4(SERVER,
                Ipv4Address.BROADCAST, 1)));
    }
}
