package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guests on the host's networks, each mode as a guest sees it: who can reach whom. */
class NetworkModesTest {

    private static final String NETWORKS = """
            xenon.networks = [
              { name = xenbr0, mode = bridge },
              { name = iso, mode = isolated },
              { name = lab, mode = host-only, subnet = "10.79.0.0/24" },
              { name = natnet, mode = nat, subnet = "10.77.0.0/24" },
              { name = routed, mode = route, subnet = "10.78.0.0/24" }
            ]
            """;

    @TempDir
    Path stateDir;

    private TestHost host;

    @AfterEach
    void shutdown() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void guestsOnABridgePingEachOther() throws Exception {
        host = new TestHost(stateDir, NETWORKS);
        host.create(guest("echo", "netecho", "", "bridge=xenbr0,ip=10.76.0.2"));
        int pinger = host.create(guest("pinger", "pinger", "target=10.76.0.2 count=20 interval=20",
                "bridge=xenbr0,ip=10.76.0.3")).domid().value();
        String console = summary("pinger");
        assertTrue(console.contains("20 packets transmitted, 20 received, 0% packet loss"), console);
        String vif = "vif" + pinger + ".0";
        TagSet netback = TagSet.of("domid", Integer.toString(pinger)).withTag("vif", vif);
        assertTrue(count("xenon.netback.frames", netback.withTag("direction", "tx")) >= 20, "netback counted the requests");
        assertTrue(count("xenon.netback.frames", netback.withTag("direction", "rx")) >= 20, "and the replies");
        TagSet port = TagSet.of("network", "xenbr0").withTag("port", vif);
        assertTrue(count("xenon.network.port.frames", port.withTag("direction", "in")) >= 20, "the bridge port too");
        assertTrue(count("xenon.network.port.frames", port.withTag("direction", "out")) >= 20);
    }

    @Test
    void anIsolatedNetworkLetsNoFramePassBetweenGuestsAndCountsThemAtEachPort() throws Exception {
        host = new TestHost(stateDir, NETWORKS);
        int echo = host.create(guest("echo", "netecho", "", "bridge=iso,ip=10.76.0.2")).domid().value();
        int pinger = host.create(guest("pinger", "pinger", "target=10.76.0.2 count=5 interval=20 timeout=200",
                "bridge=iso,ip=10.76.0.3")).domid().value();
        String console = summary("pinger");
        assertTrue(console.contains("5 packets transmitted, 0 received, 100% packet loss"), console);
        assertTrue(isolatedDrops("vif" + echo + ".0") > 0, "the echo's port refused the pinger's frames");
        assertTrue(isolatedDrops("vif" + pinger + ".0") > 0, "the pinger's port refused the echo's frames");
        assertFalse(host.consoleText("echo").contains("1 echoed"), host.consoleText("echo"));
    }

    @Test
    void aHostOnlyGuestGetsALeaseAndReachesTheHostSideAndAnotherGuest() throws Exception {
        host = new TestHost(stateDir, NETWORKS);
        host.create(guest("echo", "netecho", "", "bridge=lab,ip=10.79.0.50"));
        host.create(guest("gw", "pinger", "target=10.79.0.1 count=5 interval=20", "bridge=lab"));
        String toGateway = summary("gw");
        assertTrue(toGateway.contains("pinger: eth0 10.79.0.2/24 (dhcp)"), toGateway);
        assertTrue(toGateway.contains("5 packets transmitted, 5 received, 0% packet loss"), toGateway);
        host.create(guest("peer", "pinger", "target=10.79.0.50 count=5 interval=20", "bridge=lab"));
        String toPeer = summary("peer");
        assertTrue(toPeer.contains("5 packets transmitted, 5 received, 0% packet loss"), toPeer);
    }

    @Test
    void aNatGuestGetsItsLeaseFromDomainZero() throws Exception {
        host = new TestHost(stateDir, NETWORKS);
        host.create(guest("client", "pinger", "target=10.77.0.1 count=3 interval=20", "bridge=natnet"));
        String console = summary("client");
        assertTrue(console.contains("pinger: eth0 10.77.0.2/24 (dhcp)"), console);
        assertTrue(console.contains("3 packets transmitted, 3 received, 0% packet loss"), console);
    }

    @Test
    void routedGuestsReachEachOtherThroughDomainZerosProxyArp() throws Exception {
        host = new TestHost(stateDir, NETWORKS);
        host.create(guest("echo", "netecho", "", "bridge=routed,ip=10.78.0.5"));
        host.create(guest("pinger", "pinger", "target=10.78.0.5 count=10 interval=20", "bridge=routed,ip=10.78.0.6"));
        assertTrue(summary("pinger").contains("10 packets transmitted, 10 received, 0% packet loss"), summary("pinger"));
    }

    @Test
    void guestsOnDifferentVlansOfOneBridgeCannotReachEachOther() throws Exception {
        host = new TestHost(stateDir, NETWORKS);
        host.create(guest("echo", "netecho", "", "ip=10.76.0.2,vlan=10"));
        host.create(guest("far", "pinger", "target=10.76.0.2 count=3 interval=20 timeout=200", "ip=10.76.0.3,vlan=20"));
        host.create(guest("near", "pinger", "target=10.76.0.2 count=3 interval=20", "ip=10.76.0.4,vlan=10"));
        assertTrue(summary("far").contains("3 packets transmitted, 0 received, 100% packet loss"), summary("far"));
        assertTrue(summary("near").contains("3 packets transmitted, 3 received, 0% packet loss"), summary("near"));
    }

    @Test
    void aVifNamingANetworkTheHostLacksFailsItsHotplugWithXensWords() throws Exception {
        host = new TestHost(stateDir, NETWORKS);
        host.create(guest("lost", "idle", "", "bridge=nowhere"));
        TestHost.await(() -> host.devices("lost", "vif").stream().anyMatch(d -> d.backend() != null),
                () -> host.devices("lost", "vif").toString());
        String backend = host.devices("lost", "vif").get(0).backend();
        TestHost.await(() -> "error".equals(host.read(backend + "/hotplug-status")), () -> host.read(backend + "/hotplug-status"));
        assertTrue(host.read(backend + "/hotplug-error").contains("Could not find bridge device nowhere"));
    }

    private String summary(String dom) throws InterruptedException {
        TestHost.await(() -> host.consoleText(dom).contains("rtt ") || host.consoleText(dom).contains("100% packet loss"),
                () -> host.consoleText(dom));
        return host.consoleText(dom);
    }

    private static long isolatedDrops(String port) {
        return count("xenon.network.port.drops", TagSet.of("network", "iso").withTag("port", port).withTag("reason", "isolated"));
    }

    private static long count(String metric, TagSet tags) {
        return ((Counter.LongAdder) Kamon.counter(metric).withTags(tags)).snapshot(false);
    }

    private static String guest(String name, String image, String extra, String vif) {
        return "name = \"" + name + "\"\nkernel = \"builtin:" + image + "\"\nmemory = 32\nextra = \"" + extra + "\"\n"
                + "vif = [ '" + vif + "' ]\n";
    }
}
