package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.xenstore.DeviceInfo;
import io.xenon.drivers.net.VifPort;
import io.xenon.drivers.net.Vifs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** netfront in builtin:netsend and builtin:netecho against Domain-0's netback, vifs wired back to back. */
class NetworkDeviceTest extends HostTestBase {

    @Test
    void everyFrameSentComesBackEchoedThroughBothVifs() throws Exception {
        int sender = host.create(guest("sender", "netsend", "count=300 size=1514")).domid().value();
        int echo = host.create(guest("echo", "netecho", "report=50")).domid().value();
        wire("sender", sender, "echo", echo);
        TestHost.await(() -> host.consoleText("sender").contains("netsend: done"), () -> host.consoleText("sender"));
        String console = host.consoleText("sender");
        assertTrue(console.contains("netsend: done: 300 sent, 300 echoed, 0 tx errors"), console);
        assertTrue(host.consoleText("echo").contains("netecho: 300 echoed, 0 dropped, 0 rx errors"), host.consoleText("echo"));
        for (String dom : List.of("sender", "echo")) {
            List<DeviceInfo> vifs = host.devices(dom, "vif");
            assertEquals(1, vifs.size());
            assertEquals(4, vifs.get(0).state());
            assertEquals(4, vifs.get(0).backState());
        }
    }

    @Test
    void aStreamingSenderEndsWithAMarkerAndTheSinkCountsEveryFrameThatArrived() throws Exception {
        int sender = host.create(guest("streamer", "netsend", "count=2000 size=64 mode=stream")).domid().value();
        int sink = host.create(guest("sink", "netsink", "")).domid().value();
        wire("streamer", sender, "sink", sink);
        TestHost.await(() -> host.consoleText("sink").contains("netsink: ") && host.consoleText("sink").contains(" ns,"),
                () -> host.consoleText("sink") + host.consoleText("streamer"));
        TestHost.await(() -> host.consoleText("streamer").contains("netsend: streamed 2000 frames, 0 tx errors"),
                () -> host.consoleText("streamer"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("netsink: (\\d+) of 2000 frames in \\d+ ns, 0 rx errors")
                .matcher(host.consoleText("sink"));
        assertTrue(m.find(), host.consoleText("sink"));
        int received = Integer.parseInt(m.group(1));
        assertTrue(received > 0 && received <= 2000, m.group());
    }

    @Test
    void aTxRequestWithAnUngrantedPageGetsAnErrorAndTheFramesAfterItPass() throws Exception {
        int sender = host.create(guest("liar", "netsend", "count=50 ungranted=3")).domid().value();
        int echo = host.create(guest("mirror", "netecho", "")).domid().value();
        wire("liar", sender, "mirror", echo);
        TestHost.await(() -> host.consoleText("liar").contains("netsend: done"), () -> host.consoleText("liar"));
        String console = host.consoleText("liar");
        assertTrue(console.contains("netsend: done: 50 sent, 50 echoed, 3 tx errors"), console);
    }

    @Test
    void aKilledNetbackIsStartedAgainAndResumesTheGuestsRings() throws Exception {
        int echo = host.create(guest("phoenix", "netecho", "")).domid().value();
        TestHost.await(() -> host.devices("phoenix", "vif").stream().anyMatch(d -> d.backState() == 4),
                () -> host.devices("phoenix", "vif").toString());
        Optional<VifPort> before = Vifs.get("vif" + echo + ".0");
        host.killBackend("vif-" + echo + "-0");
        TestHost.await(() -> Vifs.get("vif" + echo + ".0").isPresent() && !Vifs.get("vif" + echo + ".0").equals(before),
                () -> Vifs.names().toString());
        int sender = host.create(guest("caller", "netsend", "count=100")).domid().value();
        wire("caller", sender, "phoenix", echo);
        TestHost.await(() -> host.consoleText("caller").contains("netsend: done"), () -> host.consoleText("caller"));
        assertTrue(host.consoleText("caller").contains("netsend: done: 100 sent, 100 echoed, 0 tx errors"),
                host.consoleText("caller"));
    }

    @Test
    void vifBackEndsReleaseTheirPortsMappingsAndInterfacesWithTheirDomains() throws Exception {
        HypervisorActor.Counts before = host.counts();
        for (int i = 0; i < 5; i++) {
            String a = "a" + i;
            String b = "b" + i;
            int sender = host.create(guest(a, "netsend", "count=20")).domid().value();
            int echo = host.create(guest(b, "netecho", "")).domid().value();
            wire(a, sender, b, echo);
            TestHost.await(() -> host.consoleText(a).contains("netsend: done: 20 sent, 20 echoed"),
                    () -> host.consoleText(a) + host.consoleText(b) + host.devices(a, "vif") + host.devices(b, "vif"));
            assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.DestroyDomain(a, r)));
            assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.DestroyDomain(b, r)));
            TestHost.await(() -> Vifs.get("vif" + sender + ".0").isEmpty() && Vifs.get("vif" + echo + ".0").isEmpty(),
                    () -> Vifs.names().toString());
        }
        TestHost.await(() -> host.counts().equals(before), () -> before + " then " + host.counts());
        assertEquals(before, host.counts());
        assertFalse(Vifs.names().stream().anyMatch(n -> n.startsWith("vif")), Vifs.names().toString());
    }

    /**
     * Waits for both domains' vif 0 to be connected, so the ports registered are this host's and
     * not those of an earlier host still stopping, then wires them back to back.
     */
    private void wire(String a, int aId, String b, int bId) throws InterruptedException {
        for (String dom : List.of(a, b)) {
            TestHost.await(() -> host.devices(dom, "vif").stream().anyMatch(d -> d.backState() == 4),
                    () -> host.devices(dom, "vif").toString());
        }
        Vifs.connect("vif" + aId + ".0", "vif" + bId + ".0");
    }

    private static String guest(String name, String image, String extra) {
        return "name = \"" + name + "\"\nkernel = \"builtin:" + image + "\"\nmemory = 32\nextra = \"" + extra + "\"\n"
                + "vif = [ '' ]\n";
    }
}
