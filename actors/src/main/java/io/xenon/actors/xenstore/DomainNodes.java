package io.xenon.actors.xenstore;

import io.xenon.runtime.xenstore.XsPerm;
import io.xenon.runtime.xenstore.XsPerms;
import io.xenon.runtime.xenstore.XsTxn;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A domain's standard XenStore nodes, as libxl writes them when it makes a domain
 * ({@code libxl__domain_make}, then {@code libxl__build_post}): its home
 * {@code /local/domain/<id>} readable by the domain and owned by Dom0, the directories the guest
 * may write ({@code control/shutdown}, {@code data}, ...), {@code /vm/<uuid>} and libxl's private
 * {@code /libxl/<id>}.
 *
 * @param domid         the domain
 * @param uuid          its uuid
 * @param name          its name
 * @param type          {@code pv}, {@code pvh} or {@code hvm}
 * @param maxmemKiB     {@code memory/static-max}
 * @param targetKiB     {@code memory/target}
 * @param vcpus         vCPUs online at start ({@code cpu/<n>/availability = online})
 * @param maxVcpus      vCPUs in all
 * @param startMillis   creation time, for {@code /vm/<uuid>/start_time}
 * @param storePort     the domain's XenStore event channel, for {@code store/port}; 0 for Dom0
 */
public record DomainNodes(int domid, UUID uuid, String name, String type, long maxmemKiB, long targetKiB,
        int vcpus, int maxVcpus, long startMillis, int storePort) {

    /** {@code /local/domain/<id>}. */
    public String home() {
        return "/local/domain/" + domid;
    }

    /** {@code /vm/<uuid>}. */
    public String vmPath() {
        return "/vm/" + uuid;
    }

    /** {@code /libxl/<id>}. */
    public String libxlPath() {
        return "/libxl/" + domid;
    }

    /** The trees the toolstack removes when the domain dies. */
    public List<String> roots() {
        return List.of(home(), vmPath(), libxlPath());
    }

    /** Writes every node, with libxl's permissions, in {@code txn}. */
    public void writeTo(XsTxn txn) {
        XsPerms noperm = XsPerms.of(XsPerm.none(0));
        XsPerms roperm = XsPerms.of(XsPerm.none(0), XsPerm.read(domid));
        XsPerms rwperm = XsPerms.of(XsPerm.none(domid));
        String home = home();

        node(txn, home, "", roperm);
        node(txn, vmPath(), "", roperm);
        node(txn, libxlPath(), "", noperm);
        for (String dir : List.of("cpu", "memory", "device", "control")) {
            node(txn, home + "/" + dir, "", roperm);
        }
        for (String dir : List.of("control/shutdown", "control/feature-poweroff", "control/feature-reboot",
                "control/feature-suspend", "control/sysrq", "data", "drivers", "feature", "attr", "error",
                "device/suspend/event-channel")) {
            node(txn, home + "/" + dir, "", rwperm);
        }
        txn.write(home + "/vm", vmPath());
        txn.write(home + "/name", name);
        txn.write(home + "/domid", Integer.toString(domid));
        txn.write(vmPath() + "/uuid", uuid.toString());
        txn.write(vmPath() + "/name", name);
        txn.write(vmPath() + "/start_time", String.format(Locale.ROOT, "%d.%02d", startMillis / 1000,
                (startMillis % 1000) / 10));
        txn.write(libxlPath() + "/type", type);
        txn.write(home + "/memory/static-max", Long.toString(maxmemKiB));
        txn.write(home + "/memory/target", Long.toString(targetKiB));
        for (int cpu = 0; cpu < maxVcpus; cpu++) {
            txn.write(home + "/cpu/" + cpu + "/availability", cpu < vcpus ? "online" : "offline");
        }
        txn.write(home + "/store/port", Integer.toString(storePort));
    }

    private static void node(XsTxn txn, String path, String value, XsPerms perms) {
        txn.write(path, value);
        txn.setPerms(path, perms);
    }
}
