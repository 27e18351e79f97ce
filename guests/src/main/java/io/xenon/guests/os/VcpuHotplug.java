package io.xenon.guests.os;

import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.guest.Hypercalls;
import io.xenon.actors.guest.XenbusClient;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * The guest's vCPU hotplug watcher, after Linux's {@code drivers/xen/cpu_hotplug.c}: it watches
 * {@code cpu} and, for each {@code cpu/<n>/availability} that changes, brings vCPU {@code n} up
 * ({@code VCPUOP_up}) when it reads {@code online} and down ({@code VCPUOP_down}) when it reads
 * {@code offline}. vCPU 0 never goes down: it runs the XenStore client.
 *
 * <p>UNTRUSTED: the event path and the value are only acted on when they parse; anything else is
 * ignored.
 *
 * <p>Confined to vCPU 0, where the XenStore port is bound.
 */
public final class VcpuHotplug {

    private final Consumer<String> log;
    /** The vCPUs this kernel has brought up, so a rewrite of the same value changes nothing. */
    private final BitSet online = new BitSet();

    public VcpuHotplug(Consumer<String> log) {
        this.log = log;
    }

    /** Registers the watch on {@code cpu}; the vCPUs below {@code hv.availableVcpus()} are up already. */
    public void start(Hypercalls hv, XenbusClient xenbus) {
        online.set(0, hv.availableVcpus());
        xenbus.watch("cpu", "cpu", path -> {
            int cpu = vcpuOf(path);
            if (cpu > 0) {
                xenbus.read("cpu/" + cpu + "/availability", reply -> {
                    if (reply.type() == XsType.XS_READ) {
                        apply(hv, cpu, reply.payloadString());
                    }
                });
            }
        });
    }

    private void apply(Hypercalls hv, int cpu, String availability) {
        if (availability.equals("online") && !online.get(cpu)) {
            if (hv.vcpuUp(cpu) == 0) {
                online.set(cpu);
                log.accept("vcpu " + cpu + " online");
            }
        } else if (availability.equals("offline") && online.get(cpu)) {
            if (hv.vcpuDown(cpu) == 0) {
                online.clear(cpu);
                log.accept("vcpu " + cpu + " offline");
            }
        }
    }

    /**
     * The vCPU a watch event names ({@code [/local/domain/<id>/]cpu/<n>/availability}), or -1
     * for any other path.
     */
    static int vcpuOf(String path) {
        int at = path.lastIndexOf("cpu/");
        if (at < 0 || !path.endsWith("/availability") || (at > 0 && path.charAt(at - 1) != '/')) {
            return -1;
        }
        String n = path.substring(at + 4, path.length() - "/availability".length());
        if (n.isEmpty() || n.length() > 4 || !n.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(n);
    }
}
