package io.xenon.guests.net;

import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.guest.GuestFrames;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.actors.guest.XenbusClient;
import io.xenon.drivers.net.front.NetFront;
import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.packet.MacAddress;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A guest's {@code eth0}: its first vif's netfront with an {@link IpStack} on top, configured as
 * a Linux guest's {@code ifup} would. The address is the vif's {@code ip=} if it has one (libxl
 * writes it as the back end's {@code ip} key), with the prefix from the kernel's
 * {@code netmask=} or {@code prefix=} (default /24) and the gateway from {@code gateway=};
 * otherwise a {@link DhcpClient} asks for one, sending the domain's name as its hostname. The
 * result goes on the console, e.g. {@code netecho: eth0 10.77.0.2/24 (dhcp)}.
 *
 * <p>A kernel hands it its device events ({@link #event}) and calls {@link #run} from its vCPU 0
 * step, which runs due timers and arms {@code set_timer_op} for the next.
 *
 * <p>Confined to the guest's vCPU 0.
 */
public final class GuestNet {

    /** What the kernel hears about the interface. */
    public interface Listener {

        /** The interface has an address. */
        void up(GuestNet net, Ipv4Config config);

        /** No address could be had; the reason is on the console already. */
        default void failed(GuestNet net) {
        }
    }

    private final Hypercalls hv;
    private final XenbusClient xenbus;
    private final String tag;
    private final KernelArgs args;
    private final Consumer<String> console;
    private final Predicate<byte[]> raw;
    private final Listener listener;
    private final Timers timers;
    private NetFront nic;
    private IpStack stack;
    private String vifIp;
    private String hostname;

    /**
     * {@code eth0} of the guest {@code hv} runs; {@code tag} prefixes its console lines, and
     * {@code raw} sees each received frame first and answers whether it took it (so an image can
     * handle frames that are not IP); the rest go to the stack.
     */
    public GuestNet(Hypercalls hv, XenbusClient xenbus, String tag, KernelArgs args, Consumer<String> console,
            Predicate<byte[]> raw, Listener listener) {
        this.hv = hv;
        this.xenbus = xenbus;
        this.tag = tag;
        this.args = args;
        this.console = console;
        this.raw = raw;
        this.listener = listener;
        this.timers = new Timers(hv::systemTime);
    }

    /** Finds the first vif, reads its back end's {@code ip} and the domain's name, and starts netfront. */
    public void start() {
        xenbus.directory("device/vif", devids -> {
            if (devids.isEmpty()) {
                console.accept(tag + ": no vif");
                return;
            }
            int devid = Integer.parseInt(devids.get(0));
            xenbus.read("device/vif/" + devid + "/backend", be -> xenbus.read(be.payloadString().strip() + "/ip",
                    ip -> xenbus.read("name", name -> {
                        vifIp = ip.type() == XsType.XS_READ ? ip.payloadString().strip() : "";
                        hostname = name.type() == XsType.XS_READ ? name.payloadString().strip() : null;
                        startNic(devid);
                    })));
        });
    }

    private void startNic(int devid) {
        nic = new NetFront(hv, xenbus, new GuestFrames(hv), devid, new NetFront.Listener() {
            @Override
            public void connected(NetFront n) {
                console.accept(tag + ": vif " + n.devid() + " up, mac " + n.mac());
                linkUp(n);
            }

            @Override
            public void received(byte[] frame) {
                if (!raw.test(frame) && stack != null) {
                    stack.receive(frame);
                }
            }
        });
        nic.start();
    }

    private void linkUp(NetFront n) {
        MacAddress mac = MacAddress.parse(n.mac());
        stack = new IpStack(new Link() {
            @Override
            public MacAddress mac() {
                return mac;
            }

            @Override
            public boolean send(byte[] frame) {
                return n.send(frame);
            }
        }, timers);
        if (!vifIp.isEmpty()) {
            Ipv4Config config;
            try {
                config = Ipv4Config.fromVifIp(vifIp, args.asMap());
            } catch (IllegalArgumentException e) {
                console.accept(tag + ": eth0: " + e.getMessage());
                listener.failed(this);
                return;
            }
            up(config);
            return;
        }
        Ipv4Address gateway;
        try {
            gateway = Ipv4Config.gatewayOf(args.asMap());
        } catch (IllegalArgumentException e) {
            console.accept(tag + ": eth0: " + e.getMessage());
            gateway = null;
        }
        new DhcpClient(stack, hostname, gateway, DhcpClient.Settings.DEFAULT, mac.value() ^ hv.systemTime(),
                new DhcpClient.Listener() {
                    @Override
                    public void bound(Ipv4Config config, int leaseSeconds) {
                        up(config);
                    }

                    @Override
                    public void failed(int sends) {
                        console.accept(tag + ": eth0: dhcp: no lease after " + sends + " tries");
                        listener.failed(GuestNet.this);
                    }

                    @Override
                    public void expired(Ipv4Config config) {
                        console.accept(tag + ": eth0: dhcp lease on " + config.address() + " expired");
                    }
                }).start();
    }

    private void up(Ipv4Config config) {
        if (stack.config().isEmpty()) {
            stack.configure(config);
        }
        console.accept(tag + ": eth0 " + config);
        listener.up(this, config);
    }

    /** Handles an event on {@code port} if it is the vif's; answers whether it was. */
    public boolean event(int port) {
        if (nic != null && port == nic.port()) {
            nic.onEvent();
            return true;
        }
        return false;
    }

    /** Runs the timers that are due and arms the vCPU's timer for the next; call on vCPU 0. */
    public void run() {
        timers.runDue();
        hv.setTimer(timers.nextDeadline());
    }

    /** The interface's netfront, once the vif was found. */
    public NetFront nic() {
        return nic;
    }

    /** The stack, once the link is up; {@code null} before. */
    public IpStack stack() {
        return stack;
    }

    /** The timers the stack runs on, for the image's own. */
    public Timers timers() {
        return timers;
    }
}
