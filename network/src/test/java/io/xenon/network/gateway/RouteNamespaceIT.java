package io.xenon.network.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.xenon.network.Network;
import io.xenon.network.NetworkSpec;
import io.xenon.network.packet.ArpPacket;
import io.xenon.network.packet.EtherType;
import io.xenon.network.packet.EthernetFrame;
import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.IpProtocol;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.Ipv4Packet;
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
 * A route network's gateway against the real kernel: its uplink is a TUN moved into a namespace
 * of the test's own, which holds 10.99.0.1/24 and routes 10.78.0.0/24 through the TUN; the
 * namespace pings a fake guest whose vif has 10.78.0.5, which answers the gateway's ARP and the
 * pings, with no translation either way. Needs root (or CAP_NET_ADMIN and CAP_SYS_ADMIN),
 * iproute2 and ping; fails, never skips, when they are missing. Traffic stays in the test's
 * namespace.
 */
@Tag("interop")
class RouteNamespaceIT {

    static final Ipv4Address GUEST = Ipv4Address.parse("10.78.0.5");

    @RegisterExtension
    static final Netns.Scope SCOPE = new Netns.Scope("route-namespace");

    @Test
    @Timeout(60)
    void theNamespacePingsAGuestsRoutedAddress() throws Exception {
        Netns ns = SCOPE.netns("xenon-route-");
        String device = "xrt" + Netns.PID;
        LinuxTun tun = SCOPE.openIn(ns, device, DeviceKind.TUN, "10.99.0.1/24");
        ns.ip("link", "set", "lo", "up");
        ns.ip("route", "add", "10.78.0.0/24", "dev", device);

        NetworkSpec spec = NetworkSpec.all(ConfigFactory.parseString("xenon.networks = [{ name = routeit, "
                + "mode = route, subnet = \"10.78.0.0/24\", uplink = \"tun:" + device + "\", "
                + "uplink-address = \"10.99.0.2/24\" }]").withFallback(ConfigFactory.load()).getConfig("xenon")).get(0);
        Materializer mat = Materializer.matFromSystem(SCOPE.system());
        Network network = Network.start(spec, mat);
        SCOPE.add(network::stop);
        Gateway gateway = Gateway.start(network, tun, mat).toCompletableFuture().get(5, TimeUnit.SECONDS);
        SCOPE.add(gateway::stop);

        Guest guest = new Guest(network, "vif1.0", 1, GUEST);
        Thread responder = new Thread(() -> answer(guest), "route-it-guest");
        responder.setDaemon(true);
        responder.start();
        SCOPE.add(responder::interrupt);

        Netns.Result ping = ns.exec("ping", "-n", "-c", "3", "-W", "2", GUEST.toString());
        assertEquals(0, ping.exit(), "the guest answers the namespace's pings through the route network:\n"
                + ping.output());
        assertTrue(ping.output().contains("from " + GUEST), ping.output());
        assertEquals(1, gateway.metrics().routes());
    }

    /** The guest's stack, as far as the test needs: it answers ARP for its address and echo requests. */
    private static void answer(Guest guest) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] f = guest.vif.got.poll(50, TimeUnit.MILLISECONDS);
                EthernetFrame e = f == null ? null : EthernetFrame.decode(f).orNull();
                if (e == null) {
                    continue;
                }
                if (e.etherType() == EtherType.ARP) {
                    ArpPacket a = ArpPacket.decode(e.payload()).orNull();
                    if (a != null && a.operation() == ArpPacket.REQUEST && a.targetIp().equals(GUEST)) {
                        guest.send(e.src(), EtherType.ARP, ArpPacket.replyTo(a, guest.mac).encode());
                    }
                } else if (e.etherType() == EtherType.IPV4) {
                    Ipv4Packet p = Ipv4Packet.decode(e.payload()).orNull();
                    IcmpMessage m = p == null || p.protocol() != IpProtocol.ICMP ? null
                            : IcmpMessage.decode(p.payload()).orNull();
                    if (m != null && m.type() == IcmpMessage.ECHO_REQUEST) {
                        guest.sendIp(e.src(), Ipv4Packet.of(IpProtocol.ICMP, GUEST, p.src(), p.identification(),
                                IcmpMessage.echoReplyTo(m).encode()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
