package io.xenon.network.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.TcpSegment;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NatTableTest {

    private static final Ipv4Address GUEST = Ipv4Address.parse("10.77.0.2");
    private static final Ipv4Address REMOTE = Ipv4Address.parse("192.0.2.1");
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void findsASessionFromEitherSide() {
        NatTable t = new NatTable(10, Set.of());
        NatTable.Session s = t.open(IpProtocol.UDP, GUEST, 1234, REMOTE, 53, 0);
        assertSame(s, t.outbound(IpProtocol.UDP, GUEST, 1234, REMOTE, 53));
        assertSame(s, t.inbound(IpProtocol.UDP, REMOTE, 53, s.outsidePort));
        assertNull(t.inbound(IpProtocol.UDP, Ipv4Address.parse("192.0.2.2"), 53, s.outsidePort),
                "another remote does not match");
        assertNull(t.inbound(IpProtocol.TCP, REMOTE, 53, s.outsidePort), "nor another protocol");
    }

    @Test
    void udpAndIcmpSessionsExpireWhenIdle() {
        NatTable t = new NatTable(10, Set.of());
        t.open(IpProtocol.UDP, GUEST, 1, REMOTE, 53, 0);
        t.open(IpProtocol.ICMP, GUEST, 7, REMOTE, 0, 0);
        assertEquals(0, t.expire(29 * S));
        assertEquals(1, t.expire(31 * S), "ICMP after 30 s");
        assertEquals(0, t.expire(59 * S));
        assertEquals(1, t.expire(61 * S), "UDP after 60 s");
        assertEquals(0, t.size());
    }

    @Test
    void anEstablishedTcpSessionOutlivesAHalfOpenOne() {
        NatTable t = new NatTable(10, Set.of());
        NatTable.Session open = t.open(IpProtocol.TCP, GUEST, 1, REMOTE, 80, 0);
        open.saw(true, TcpSegment.SYN, 0);
        open.saw(false, TcpSegment.SYN | TcpSegment.ACK, 0);
        NatTable.Session half = t.open(IpProtocol.TCP, GUEST, 2, REMOTE, 80, 0);
        half.saw(true, TcpSegment.SYN, 0);
        assertEquals(1, t.expire(121 * S), "the half-open one after 2 min");
        assertNotNull(t.outbound(IpProtocol.TCP, GUEST, 1, REMOTE, 80));
        open.saw(true, TcpSegment.FIN | TcpSegment.ACK, 200 * S);
        assertEquals(1, t.expire(321 * S), "a closing one after 2 min");
    }

    @Test
    void refusesBeyondItsCapacityAndFreesPortsOnExpiry() {
        NatTable t = new NatTable(2, Set.of());
        NatTable.Session a = t.open(IpProtocol.UDP, GUEST, 1, REMOTE, 53, 0);
        NatTable.Session b = t.open(IpProtocol.UDP, GUEST, 2, REMOTE, 53, 0);
        assertNotEquals(a.outsidePort, b.outsidePort);
        assertNull(t.open(IpProtocol.UDP, GUEST, 3, REMOTE, 53, 0));
        t.expire(61 * S);
        assertNotNull(t.open(IpProtocol.UDP, GUEST, 3, REMOTE, 53, 61 * S));
    }

    @Test
    void neverAllocatesAForwardedPort() {
        int first = NatTable.FIRST_PORT;
        NatTable t = new NatTable(10, Set.of(IpProtocol.UDP << 16 | first));
        assertEquals(first + 1, t.open(IpProtocol.UDP, GUEST, 1, REMOTE, 53, 0).outsidePort);
        NatTable tcp = new NatTable(10, Set.of(IpProtocol.UDP << 16 | first));
        assertEquals(first, tcp.open(IpProtocol.TCP, GUEST, 1, REMOTE, 53, 0).outsidePort, "only UDP's is forwarded");
    }
}
