package io.xenon.guests.image;

import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.guests.net.GuestNet;
import io.xenon.guests.os.MiniOs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code builtin:netecho}: brings up its first vif through netfront and sends every frame of the
 * test EtherType ({@link EtherFrame#ETHERTYPE_TEST}) straight back, source and destination
 * swapped, as a reflector on a Xen bridge would. Every {@code report} such frames (default 100)
 * it prints its counts, e.g. {@code netecho: 100 echoed, 0 dropped, 0 rx errors}.
 *
 * <p>Other frames go to its IP stack ({@link GuestNet}): it takes the vif's {@code ip=} or a
 * DHCP lease, answers ARP and ping, and echoes UDP datagrams to port 7 (RFC 862) and to the
 * ports listed in {@code udp=}, e.g. {@code udp=7,9000}.
 */
public final class NetEcho implements GuestImage {

    /** The echo service's port (RFC 862). */
    public static final int ECHO_PORT = 7;

    @Override
    public String name() {
        return "netecho";
    }

    @Override
    public String description() {
        return "reflects test frames, answers ping, echoes UDP; report=100 udp=7,9000 netmask= prefix= gateway=";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        return new Kernel(args, Math.max(1, args.number("report", 100)), udpPorts(args.string("udp", "")));
    }

    /** Port 7 and the ports of {@code udp=}, without repeats. */
    static List<Integer> udpPorts(String list) {
        List<Integer> ports = new ArrayList<>(List.of(ECHO_PORT));
        for (String word : list.split(",")) {
            if (word.isBlank()) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(word.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("udp=" + list + ": expected ports such as 7,9000");
            }
            if (port < 1 || port > 0xffff) {
                throw new IllegalArgumentException("udp=" + list + ": " + port + " is not a UDP port");
            }
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static final class Kernel extends MiniOs {

        private final long report;
        private final List<Integer> ports;
        private GuestNet net;
        private long echoed;
        private long dropped;
        private boolean bound;

        Kernel(KernelArgs args, long report, List<Integer> ports) {
            super("netecho", args);
            this.report = report;
            this.ports = ports;
        }

        @Override
        protected void start(Hypercalls hv) {
            net = new GuestNet(hv, xenbus(), "netecho", args, line -> printk(hv, line), frame -> reflect(hv, frame),
                    (n, config) -> bindEchoPorts(n));
            net.start();
        }

        /** Binds the echo ports once: a lease that ran out and came back finds them bound. */
        private void bindEchoPorts(GuestNet n) {
            if (bound) {
                return;
            }
            bound = true;
            for (int port : ports) {
                n.stack().bind(port, (socket, from, fromPort, payload) -> socket.sendTo(from, fromPort, payload));
            }
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

        /** Reflects a test frame (or drops a runt); answers whether the frame was taken. */
        private boolean reflect(Hypercalls hv, byte[] frame) {
            if (frame.length >= EtherFrame.HEADER && EtherFrame.ethertype(frame) != EtherFrame.ETHERTYPE_TEST) {
                return false;
            }
            if (frame.length < EtherFrame.HEADER || !net.nic().send(EtherFrame.reflect(frame))) {
                dropped++;
            } else {
                echoed++;
            }
            if ((echoed + dropped) % report == 0) {
                printk(hv, "netecho: " + echoed + " echoed, " + dropped + " dropped, " + net.nic().rxErrors()
                        + " rx errors");
            }
            return true;
        }
    }
}
