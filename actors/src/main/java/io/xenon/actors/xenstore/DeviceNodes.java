package io.xenon.actors.xenstore;

import io.xenon.abi.xenbus.XenbusState;
import io.xenon.runtime.config.DiskSpec;
import io.xenon.runtime.config.VifSpec;
import io.xenon.runtime.xenstore.XsPerm;
import io.xenon.runtime.xenstore.XsPerms;
import io.xenon.runtime.xenstore.XsTxn;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One split device's XenStore directories as libxl creates them
 * ({@code libxl__device_generic_add} with the keys of {@code libxl_disk.c} and
 * {@code libxl_nic.c}): the front end's {@code /local/domain/<fdom>/device/<kind>/<devid>}, owned
 * by the guest and readable by the back end, the back end's
 * {@code /local/domain/<bdom>/backend/<kind>/<fdom>/<devid>}, owned by the back end and readable
 * by the guest, both at {@code state = 1}, and libxl's mirror {@code /libxl/<fdom>/device/...}.
 *
 * @param kind     {@code vbd} or {@code vif}
 * @param frontDom the guest
 * @param backDom  the back-end domain (0)
 * @param devid    the device id: the vbd number, or the vif's index
 * @param front    keys of the front directory, besides {@code backend}, {@code backend-id}, {@code state}
 * @param back     keys of the back directory, besides {@code frontend}, {@code frontend-id},
 *                 {@code online}, {@code state}
 */
public record DeviceNodes(String kind, int frontDom, int backDom, int devid, Map<String, String> front,
        Map<String, String> back) {

    public DeviceNodes {
        front = Collections.unmodifiableMap(new LinkedHashMap<>(front));
        back = Collections.unmodifiableMap(new LinkedHashMap<>(back));
    }

    /** The front directory; the first console's is {@code ~/console}, as in Xen. */
    public String frontPath() {
        if (kind.equals("console") && devid == 0) {
            return "/local/domain/" + frontDom + "/console";
        }
        return "/local/domain/" + frontDom + "/device/" + kind + "/" + devid;
    }

    public String backPath() {
        return "/local/domain/" + backDom + "/backend/" + kind + "/" + frontDom + "/" + devid;
    }

    public String libxlPath() {
        return "/libxl/" + frontDom + "/device/" + kind + "/" + devid;
    }

    /** A disk ({@code libxl__device_disk_add}): {@code devid} is its vbd number. */
    public static DeviceNodes vbd(int frontDom, int devid, DiskSpec disk) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("params", disk.target() == null ? "" : disk.target());
        back.put("script", disk.script() == null ? "block" : disk.script());
        back.put("mode", disk.readwrite() ? "w" : "r");
        back.put("type", disk.backendType() == null ? "phy" : disk.backendType());
        back.put("device-type", disk.cdrom() ? "cdrom" : "disk");
        back.put("dev", disk.vdev());
        back.put("removable", disk.cdrom() ? "1" : "0");
        back.put("bootable", "1");
        back.put("discard-enable", Boolean.FALSE.equals(disk.discard()) ? "0" : "1");
        if (disk.directIoSafe()) {
            back.put("direct-io-safe", "1");
        }
        if (disk.sizeBytes() != null) {
            // XEN-DIFF: Xenon's own key: the size of the image blkback creates if it is missing
            // (in Xen a hotplug script or the administrator creates it).
            back.put("size", Long.toString(disk.sizeBytes()));
        }
        Map<String, String> front = new LinkedHashMap<>();
        front.put("virtual-device", Integer.toString(devid));
        front.put("device-type", disk.cdrom() ? "cdrom" : "disk");
        front.put("trusted", disk.trusted() ? "1" : "0");
        front.put("protocol", "x86_64-abi");
        return new DeviceNodes("vbd", frontDom, 0, devid, front, back);
    }

    /**
     * The first PV console ({@code libxl__device_console_add}): the front keys name the ring page
     * and event channel the domain builder set up; xenconsoled is the back end.
     */
    public static DeviceNodes console(int frontDom, long ringGfn, int port) {
        Map<String, String> front = new LinkedHashMap<>();
        front.put("ring-ref", Long.toString(ringGfn));
        front.put("port", Integer.toString(port));
        front.put("type", "xenconsoled");
        front.put("limit", "1048576");
        front.put("output", "pty");
        front.put("tty", "");
        Map<String, String> back = new LinkedHashMap<>();
        back.put("protocol", "vt100");
        return new DeviceNodes("console", frontDom, 0, 0, front, back);
    }

    /** A network interface ({@code libxl__device_nic_add}) with its MAC address. */
    public static DeviceNodes vif(int frontDom, int devid, VifSpec vif, String mac) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("script", vif.script() == null ? "/etc/xen/scripts/vif-bridge" : vif.script());
        if (vif.vifname() != null) {
            back.put("vifname", vif.vifname());
        }
        back.put("mac", mac);
        if (vif.ip() != null) {
            back.put("ip", vif.ip());
        }
        if (vif.gatewaydev() != null) {
            back.put("gatewaydev", vif.gatewaydev());
        }
        if (vif.rate() != null) {
            back.put("rate", vif.rate().bytesPerInterval() + "," + vif.rate().intervalMicros());
        }
        back.put("mtu", Integer.toString(vif.mtu()));
        if (vif.vlan() != null) {
            back.put("vlan", vif.vlan());
        }
        back.put("bridge", vif.bridge() == null ? "xenbr0" : vif.bridge());
        back.put("handle", Integer.toString(devid));
        back.put("type", "ioemu".equals(vif.type()) ? "vif_ioemu" : "vif");
        back.put("hotplug-status", "");
        Map<String, String> front = new LinkedHashMap<>();
        front.put("handle", Integer.toString(devid));
        front.put("mac", mac);
        front.put("mtu", Integer.toString(vif.mtu()));
        front.put("trusted", Boolean.FALSE.equals(vif.trusted()) ? "0" : "1");
        return new DeviceNodes("vif", frontDom, 0, devid, front, back);
    }

    /** Writes both directories and the mirror, with libxl's permissions, in {@code txn}. */
    public void writeTo(XsTxn txn) {
        String fe = frontPath();
        String be = backPath();
        txn.write(fe, "");
        // The first console's front directory is the back end's, read-only to the guest (§4.4).
        txn.setPerms(fe, kind.equals("console") ? XsPerms.of(XsPerm.none(backDom), XsPerm.read(frontDom))
                : XsPerms.of(XsPerm.none(frontDom), XsPerm.read(backDom)));
        txn.write(be, "");
        txn.setPerms(be, XsPerms.of(XsPerm.none(backDom), XsPerm.read(frontDom)));
        txn.write(fe + "/backend", be);
        txn.write(fe + "/backend-id", Integer.toString(backDom));
        txn.write(fe + "/state", XenbusState.XenbusStateInitialising.node());
        front.forEach((k, v) -> txn.write(fe + "/" + k, v));
        txn.write(be + "/frontend", fe);
        txn.write(be + "/frontend-id", Integer.toString(frontDom));
        txn.write(be + "/online", "1");
        txn.write(be + "/state", XenbusState.XenbusStateInitialising.node());
        back.forEach((k, v) -> txn.write(be + "/" + k, v));
        txn.write(libxlPath() + "/frontend", fe);
        txn.write(libxlPath() + "/backend", be);
    }
}
