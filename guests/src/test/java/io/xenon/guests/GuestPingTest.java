package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.drivers.net.Vifs;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** builtin:pinger pings builtin:netecho over their vifs wired back to back, each with its vif's ip=. */
class GuestPingTest extends HostTestBase {

    @Test
    void twentyPingsOverWiredVifsAllComeBackWithAParsableRttLine() throws Exception {
        int echo = host.create(guest("echo", "netecho", "", "10.77.0.2")).domid().value();
        int pinger = host.create(guest("pinger", "pinger", "target=10.77.0.2 count=20 interval=20", "10.77.0.3"))
                .domid().value();
        wire("pinger", pinger, "echo", echo);
        TestHost.await(() -> host.consoleText("pinger").contains("ping statistics"), () -> host.consoleText("pinger")
                + host.consoleText("echo"));
        TestHost.await(() -> host.consoleText("pinger").contains("rtt "), () -> host.consoleText("pinger"));
        String console = host.consoleText("pinger");
        assertTrue(console.contains("pinger: eth0 10.77.0.3/24 (static)"), console);
        assertTrue(console.contains("PING 10.77.0.2 (10.77.0.2) 56(84) bytes of data."), console);
        assertTrue(console.contains("20 packets transmitted, 20 received, 0% packet loss"), console);
        Matcher rtt = Pattern.compile("rtt min/avg/max/p99 = (\\d+\\.\\d{3})/(\\d+\\.\\d{3})/(\\d+\\.\\d{3})/(\\d+\\.\\d{3}) ms")
                .matcher(console);
        assertTrue(rtt.find(), console);
        double min = Double.parseDouble(rtt.group(1));
        double avg = Double.parseDouble(rtt.group(2));
        double max = Double.parseDouble(rtt.group(3));
        double p99 = Double.parseDouble(rtt.group(4));
        assertTrue(min <= avg && avg <= max && p99 <= max && p99 >= min && max < 1000, rtt.group());
        assertTrue(host.consoleText("echo").contains("netecho: eth0 10.77.0.2/24 (static)"), host.consoleText("echo"));
    }

    @Test
    void udpDatagramsToNetechosExtraPortComeBackToThePinger() throws Exception {
        int echo = host.create(guest("echo", "netecho", "udp=9000", "10.77.0.2")).domid().value();
        int prober = host.create(guest("prober", "pinger", "target=10.77.0.2 count=20 interval=10 udp=9000",
                "10.77.0.3")).domid().value();
        wire("prober", prober, "echo", echo);
        TestHost.await(() -> host.consoleText("prober").contains("udp echo "), () -> host.consoleText("prober"));
        String console = host.consoleText("prober");
        assertTrue(console.contains("udp echo 10.77.0.2:9000: 20 sent, 20 echoed, 0 lost"), console);
    }

    private void wire(String a, int aId, String b, int bId) throws InterruptedException {
        for (String dom : List.of(a, b)) {
            TestHost.await(() -> host.devices(dom, "vif").stream().anyMatch(d -> d.backState() == 4),
                    () -> host.devices(dom, "vif").toString());
        }
        Vifs.connect("vif" + aId + ".0", "vif" + bId + ".0");
    }

    private static String guest(String name, String image, String extra, String ip) {
        return "name = \"" + name + "\"\nkernel = \"builtin:" + image + "\"\nmemory = 32\nextra = \"" + extra + "\"\n"
                + "vif = [ 'ip=" + ip + "' ]\n";
    }
}
