package io.xenon.guests.image;

import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.guests.net.GuestNet;
import io.xenon.guests.net.IpStack;
import io.xenon.guests.net.PingSession;
import io.xenon.guests.net.UdpEchoProbe;
import io.xenon.guests.os.MiniOs;
import io.xenon.network.packet.Ipv4Address;
import java.util.Optional;

/**
 * The kernel of {@code builtin:pinger}: once {@code eth0} has an address it resolves the next
 * hop towards the target, polling the ARP cache every 50 ms for up to 5 s (the vif may be wired
 * to its peer only after the guest booted; iputils has {@code arping} for this), then runs one
 * {@link PingSession} (or, with {@code udp=}, one {@link UdpEchoProbe}), whatever the
 * resolution's outcome.
 */
final class PingerKernel extends MiniOs {

    private static final long ARP_POLL_NANOS = 50_000_000L;
    private static final long ARP_WAIT_NANOS = 5_000_000_000L;

    private final PingSession.Settings settings;
    private final int udpPort;
    private GuestNet net;
    private boolean started;

    /** {@code udpPort} 0 pings with ICMP; another port probes it with UDP echo instead. */
    PingerKernel(KernelArgs args, PingSession.Settings settings, int udpPort) {
        super("pinger", args);
        this.settings = settings;
        this.udpPort = udpPort;
    }

    @Override
    protected void start(Hypercalls hv) {
        net = new GuestNet(hv, xenbus(), "pinger", args, line -> printk(hv, line), frame -> false,
                (n, config) -> resolve(hv, n.stack()));
        net.start();
    }

    private void resolve(Hypercalls hv, IpStack stack) {
        if (started) {
            return;
        }
        Optional<Ipv4Address> hop = stack.nextHop(settings.target());
        if (hop.isEmpty()) {
            printk(hv, "ping: connect: Network is unreachable");
            return;
        }
        long giveUp = stack.timers().now() + ARP_WAIT_NANOS;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (stack.arp().lookup(hop.get()).isPresent() || stack.timers().now() >= giveUp) {
                started = true;
                if (udpPort == 0) {
                    new PingSession(stack, settings, hv.domid().value(), line -> printk(hv, line)).start();
                } else {
                    new UdpEchoProbe(stack, settings, udpPort, line -> printk(hv, line)).start();
                }
            } else {
                stack.arp().resolve(hop.get());
                stack.timers().after(ARP_POLL_NANOS, poll[0]);
            }
        };
        poll[0].run();
    }

    @Override
    protected void event(Hypercalls hv, int port) {
        net.event(port);
    }

    @Override
    protected void run(Hypercalls hv) {
        if (hv.vcpuId() == 0 && net != null) {
            net.run();
        }
        hv.block();
    }
}
