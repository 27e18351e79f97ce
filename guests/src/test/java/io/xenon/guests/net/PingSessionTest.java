package io.xenon.guests.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.MacAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Two stacks on one clock, their links wired back to back: ping and UDP echo between them. */
class PingSessionTest {

    private static final Ipv4Address A = Ipv4Address.parse("10.77.0.3");
    private static final Ipv4Address B = Ipv4Address.parse("10.77.0.2");

    private final FakeClock clock = new FakeClock();
    private final FakeLink linkA = new FakeLink(MacAddress.parse("00:16:3e:00:00:03"));
    private final FakeLink linkB = new FakeLink(MacAddress.parse("00:16:3e:00:00:02"));
    private final IpStack a = new IpStack(linkA, clock.timers);
    private final IpStack b = new IpStack(linkB, clock.timers);
    private final List<String> console = new ArrayList<>();
    /** Whether frames from A reach B; B's always reach A. */
    private boolean aToB = true;

    PingSessionTest() {
        a.configure(new Ipv4Config(A, 24, null, "static"));
        b.configure(new Ipv4Config(B, 24, null, "static"));
    }

    @Test
    void printsOneLinePerReplyAndPingsStatistics() {
        PingSession ping = new PingSession(a, new PingSession.Settings(B, 20, 20_000_000L, 56, 1_000_000_000L), 77,
                console::add);
        ping.start();
        clock.advanceMillis(1_000, this::pump);
        assertEquals("PING 10.77.0.2 (10.77.0.2) 56(84) bytes of data.", console.get(0));
        assertTrue(console.get(1).matches("64 bytes from 10\\.77\\.0\\.2: icmp_seq=1 ttl=64 time=\\d+\\.\\d{3} ms"),
                console.get(1));
        assertTrue(console.get(20).startsWith("64 bytes from 10.77.0.2: icmp_seq=20 "), console.get(20));
        assertEquals("--- 10.77.0.2 ping statistics ---", console.get(21));
        assertTrue(console.get(22).matches("20 packets transmitted, 20 received, 0% packet loss, time \\d+ms"),
                console.get(22));
        Matcher rtt = Pattern.compile("rtt min/avg/max/p99 = (\\d+\\.\\d{3})/(\\d+\\.\\d{3})/(\\d+\\.\\d{3})/(\\d+\\.\\d{3}) ms")
                .matcher(console.get(23));
        assertTrue(rtt.matches(), console.get(23));
        // The first request waited one 1 ms tick for ARP; the others were answered within their tick.
        assertEquals("0.000", rtt.group(1));
        assertEquals("1.000", rtt.group(3));
        assertTrue(console.get(1).endsWith("time=1.000 ms"), console.get(1));
        assertEquals(20, ping.summary().received());
        assertEquals(20, b.stats().echoRequests());
    }

    @Test
    void unansweredRequestsTimeOutAndCountAsLoss() {
        PingSession ping = new PingSession(a, new PingSession.Settings(B, 3, 100_000_000L, 16, 500_000_000L), 1,
                console::add);
        ping.start();
        clock.advanceMillis(50, this::pump);
        aToB = false;
        clock.advanceMillis(1_000, this::pump);
        PingSession.Summary s = ping.summary();
        assertNotNull(s);
        assertEquals(3, s.transmitted());
        assertEquals(1, s.received());
        assertEquals("66.6667%", s.lossPercent());
        assertTrue(console.contains("3 packets transmitted, 1 received, 66.6667% packet loss, time "
                + s.elapsedNanos() / 1_000_000 + "ms"), console.toString());
        assertEquals(1, console.stream().filter(l -> l.contains(" bytes from ")).count());
    }

    @Test
    void noReplyAtAllLeavesOutTheRttLine() {
        aToB = false;
        PingSession ping = new PingSession(a, new PingSession.Settings(B, 2, 10_000_000L, 56, 100_000_000L), 1,
                console::add);
        ping.start();
        clock.advanceMillis(500, this::pump);
        assertEquals("2 packets transmitted, 0 received, 100% packet loss, time 110ms", console.get(console.size() - 1));
        assertNull(ping.summary().rttLine());
    }

    @Test
    void theP99IsTheNearestRankOfTheSortedRtts() {
        long[] rtts = new long[200];
        for (int i = 0; i < rtts.length; i++) {
            rtts[i] = (i + 1) * 1_000L;
        }
        PingSession.Summary s = new PingSession.Summary(200, 200, 1, rtts);
        assertEquals("rtt min/avg/max/p99 = 0.001/0.101/0.200/0.198 ms", s.rttLine());
        assertEquals("0%", s.lossPercent());
    }

    @Test
    void aDatagramToAnEchoSocketComesBackToTheSender() {
        b.bind(7, (sock, from, port, payload) -> sock.sendTo(from, port, payload));
        List<String> got = new ArrayList<>();
        UdpSocket client = a.bind(40000, (sock, from, port, payload) ->
                got.add(from + ":" + port + " " + new String(payload, StandardCharsets.UTF_8)));
        client.sendTo(B, 7, "ping over udp".getBytes(StandardCharsets.UTF_8));
        pump();
        assertEquals(List.of("10.77.0.2:7 ping over udp"), got);
    }

    @Test
    void aUdpEchoProbeCountsEchoedAndLostDatagrams() {
        b.bind(7, (sock, from, port, payload) -> sock.sendTo(from, port, payload));
        UdpEchoProbe probe = new UdpEchoProbe(a, new PingSession.Settings(B, 10, 10_000_000L, 32, 200_000_000L), 7,
                console::add);
        probe.start();
        clock.advanceMillis(45, this::pump);
        aToB = false;
        clock.advanceMillis(500, this::pump);
        assertTrue(probe.done());
        assertEquals(List.of("udp echo 10.77.0.2:7: 10 sent, 5 echoed, 5 lost"), console);
    }

    /** Delivers what each link sent to the other stack until both are quiet. */
    private void pump() {
        while (!linkA.sent.isEmpty() || !linkB.sent.isEmpty()) {
            byte[] f = linkA.sent.poll();
            if (f != null && aToB) {
                b.receive(f);
            }
            f = linkB.sent.poll();
            if (f != null) {
                a.receive(f);
            }
        }
    }
}
