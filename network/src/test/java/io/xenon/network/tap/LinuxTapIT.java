package io.xenon.network.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LinuxTun} and {@link TapFlow} against the real kernel: a namespace of the test's own
 * pings an address whose host is Java code at the other end of a TAP (ARP and ICMP echo
 * answered by hand) or a TUN (ICMP echo only). Needs root (or CAP_NET_ADMIN), iproute2 and
 * ping; fails, never skips, when they are missing. Traffic stays in the test's namespaces.
 */
@Tag("interop")
class LinuxTapIT {

    static final byte[] PEER_MAC = {0x00, 0x16, 0x3e, 0x00, 0x00, 0x02};
    static final Pattern RECEIVED = Pattern.compile("(\\d+) received");

    @RegisterExtension
    static final Netns.Scope SCOPE = new Netns.Scope("linux-tap");

    private static LinuxTun open(String name, DeviceKind kind) throws TunException {
        return SCOPE.add(LinuxTun.open(name, kind));
    }

    @Test
    void aNamespacePingsAHostBehindATap() throws Exception {
        Netns ns = SCOPE.netns("xenon-tap-");
        LinuxTun tap = SCOPE.openIn(ns, "xtap" + Netns.PID, DeviceKind.TAP, "10.99.0.1/24");

        EchoResponder host = new EchoResponder(PEER_MAC, new byte[] {10, 99, 0, 2}, true);
        CompletionStage<Done> closed = TapFlow.create(tap)
                .join(Flow.of(byte[].class).mapConcat(host::answer))
                .run(SCOPE.system());

        Netns.Result ping = ns.exec("ping", "-c", "3", "-W", "1", "10.99.0.2");

        assertTrue(host.arpRequests() >= 1, "the ARP request for 10.99.0.2 came through the TAP");
        assertTrue(host.echoRequests() >= 1, "echo requests came through the TAP");
        assertReceived(ping);
        tap.close();
        closed.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aNamespacePingsAHostBehindATun() throws Exception {
        Netns ns = SCOPE.netns("xenon-tun-");
        LinuxTun tun = SCOPE.openIn(ns, "xtun" + Netns.PID, DeviceKind.TUN, "10.98.0.1/24");

        EchoResponder host = new EchoResponder(PEER_MAC, new byte[] {10, 98, 0, 2}, false);
        CompletionStage<Done> closed = TapFlow.create(tun)
                .join(Flow.of(byte[].class).mapConcat(host::answer))
                .run(SCOPE.system());

        Netns.Result ping = ns.exec("ping", "-c", "3", "-W", "1", "10.98.0.2");

        assertTrue(host.echoRequests() >= 1, "echo requests came through the TUN");
        assertReceived(ping);
        tun.close();
        closed.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void closeEndsABlockedReadAndRemovesTheInterface() throws Exception {
        LinuxTun tap = open("xblk" + Netns.PID, DeviceKind.TAP);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return tap.read(new byte[2048]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        long start = System.nanoTime();
        tap.close();
        assertEquals(-1, read.get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "read ended within a second");
        assertNotEquals(0, Netns.run(List.of("ip", "link", "show", tap.name())).exit(), "the interface is gone");
        assertThrows(TunException.class, () -> tap.write(new byte[60], 0, 60));
    }

    @Test
    void setsMtuAndBringsTheLinkUp() throws Exception {
        LinuxTun tap = open("xmtu" + Netns.PID, DeviceKind.TAP);
        tap.setMtu(1400);
        tap.up();
        String link = Netns.run(List.of("ip", "link", "show", tap.name())).output();
        assertTrue(link.contains("mtu 1400"), link);
        assertTrue(link.contains(",UP"), link);
        assertEquals(1400, tap.mtu());
    }

    @Test
    void aNameInUseIsRefusedWithTheReason() throws Exception {
        LinuxTun tap = open("xdup" + Netns.PID, DeviceKind.TAP);
        TunException e = assertThrows(TunException.class, () -> open(tap.name(), DeviceKind.TAP));
        assertTrue(e.getMessage().startsWith("cannot create TAP '" + tap.name() + "' (TUNSETIFF): "), e.getMessage());
        assertNotEquals(0, e.errno());
    }

    @Test
    void aKernelChosenNameIsReported() throws Exception {
        LinuxTun tun = open("xk%d", DeviceKind.TUN);
        assertTrue(tun.name().matches("xk\\d+"), tun.name());
    }

    private static void assertReceived(Netns.Result ping) {
        Matcher m = RECEIVED.matcher(ping.output());
        assertTrue(m.find(), "ping reported what it received:\n" + ping.output());
        int received = Integer.parseInt(m.group(1));
        assertTrue(received >= 1, "ping got replies:\n" + ping.output());
        assertEquals(3, received, "all three echo requests were answered:\n" + ping.output());
    }
}
