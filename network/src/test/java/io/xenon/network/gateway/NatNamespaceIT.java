package io.xenon.network.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.xenon.network.Network;
import io.xenon.network.NetworkSpec;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
import io.xenon.network.packet.UdpDatagram;
import io.xenon.network.tap.DeviceKind;
import io.xenon.network.tap.LinuxTun;
import io.xenon.network.tap.Netns;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A nat network's gateway against the real kernel: its uplink is a TUN moved into a namespace of
 * the test's own, which holds 10.99.0.1/24 and a socat UDP echo server; a fake guest gets an
 * address by DHCP and its datagram to 10.99.0.1:5000 comes back through the NAT. Needs root (or
 * CAP_NET_ADMIN and CAP_SYS_ADMIN), iproute2 and socat; fails, never skips, when they are missing.
 * Traffic stays in the test's namespace.
 */
@Tag("interop")
class NatNamespaceIT {

    static final Ipv4Address ECHO = Ipv4Address.parse("10.99.0.1");

    @RegisterExtension
    static final Netns.Scope SCOPE = new Netns.Scope("nat-namespace");

    @Test
    @Timeout(60)
    void aGuestsDatagramIsEchoedBackThroughTheNat() throws Exception {
        Netns ns = SCOPE.netns("xenon-nat-");
        String device = "xgw" + Netns.PID;
        LinuxTun tun = SCOPE.openIn(ns, device, DeviceKind.TUN, "10.99.0.1/24");
        ns.ip("link", "set", "lo", "up");
        Process echo = new ProcessBuilder("ip", "netns", "exec", ns.name(), "socat", "-T5",
                "UDP-RECVFROM:5000,fork", "EXEC:cat").redirectErrorStream(true).start();
        SCOPE.add(() -> {
            echo.descendants().forEach(ProcessHandle::destroyForcibly);
            echo.destroyForcibly();
            echo.waitFor(5, TimeUnit.SECONDS);
        });
        awaitListening(ns);

        NetworkSpec spec = NetworkSpec.all(ConfigFactory.parseString("xenon.networks = [{ name = natit, mode = nat, "
                + "subnet = \"10.77.0.0/24\", uplink = \"tun:" + device + "\", uplink-address = \"10.99.0.2/24\" }]")
                .withFallback(ConfigFactory.load()).getConfig("xenon")).get(0);
        Materializer mat = Materializer.matFromSystem(SCOPE.system());
        Network network = Network.start(spec, mat);
        SCOPE.add(network::stop);
        Gateway gateway = Gateway.start(network, tun, mat).toCompletableFuture().get(5, TimeUnit.SECONDS);
        SCOPE.add(gateway::stop);

        Guest guest = new Guest(network, "vif1.0", 1);
        assertEquals(Ipv4Address.parse("10.77.0.2"), guest.dhcp("natit-guest"));
        guest.sendUdp(gateway.mac(), ECHO, 4321, 5000, "through the nat".getBytes());
        Ipv4Packet back = guest.awaitIp(IpProtocol.UDP);
        assertNotNull(back, "the echo comes back to the guest (" + ns.exec("ip", "-s", "link", "show", device).output()
                + ")");
        assertEquals(ECHO, back.src());
        assertEquals(guest.ip, back.dst());
        UdpDatagram u = UdpDatagram.decode(back).orNull();
        assertNotNull(u, "its UDP checksum verifies");
        assertEquals(5000, u.srcPort());
        assertEquals(4321, u.dstPort());
        assertEquals("through the nat", new String(u.payload().toArray()));
        assertTrue(gateway.metrics().sessions() >= 1);
    }

    /** Waits (bounded) until socat listens on UDP 5000 inside the namespace. */
    private static void awaitListening(Netns ns) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (ns.exec("ss", "-Hulnp").output().contains(":5000")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("socat did not listen on UDP 5000 in " + ns.name() + " (apt-get install socat)");
    }
}
