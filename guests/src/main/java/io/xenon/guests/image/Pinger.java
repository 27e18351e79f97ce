package io.xenon.guests.image;

import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.guests.net.PingSession;
import io.xenon.network.packet.Ipv4Address;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * {@code builtin:pinger}: {@code ping} in a guest. It takes its address as every image with an
 * IP stack does (the vif's {@code ip=}, else DHCP), resolves the next hop towards
 * {@code target=}, then sends {@code count=} echo requests (default 10) of {@code size=} data
 * bytes (default 56), {@code interval=} ms apart (default 1000), each lost if unanswered within
 * {@code timeout=} ms (default 1000), and prints Linux ping's lines on its console, ending with
 * e.g. {@code 20 packets transmitted, 20 received, 0% packet loss, time 950ms} and
 * {@code rtt min/avg/max/p99 = 0.052/0.081/0.190/0.190 ms}. Then it stays idle.
 *
 * <p>With {@code udp=PORT} it sends the same number of UDP datagrams to the target's
 * {@code PORT} instead and prints how many came back, e.g.
 * {@code udp echo 10.77.0.2:7: 20 sent, 20 echoed, 0 lost}.
 */
public final class Pinger implements GuestImage {

    @Override
    public String name() {
        return "pinger";
    }

    @Override
    public String description() {
        return "pings target=<ip>, prints ping statistics; count=10 interval=1000 size=56 timeout=1000 udp=<port>";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        if (!args.has("target")) {
            throw new IllegalArgumentException("pinger needs target=<IPv4 address>");
        }
        PingSession.Settings settings = new PingSession.Settings(Ipv4Address.parse(args.string("target", "")),
                (int) args.number("count", 10),
                args.duration("interval", Duration.ofSeconds(1), ChronoUnit.MILLIS).toNanos(),
                (int) args.number("size", 56),
                args.duration("timeout", Duration.ofSeconds(1), ChronoUnit.MILLIS).toNanos());
        long udp = args.number("udp", 0);
        if (udp < 0 || udp > 0xffff) {
            throw new IllegalArgumentException("udp=" + udp + ": not a UDP port");
        }
        return new PingerKernel(args, settings, (int) udp);
    }
}
