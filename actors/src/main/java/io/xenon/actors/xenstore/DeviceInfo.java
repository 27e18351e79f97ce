package io.xenon.actors.xenstore;

import io.xenon.runtime.xenstore.XenStore;
import io.xenon.runtime.xenstore.XsException;
import java.util.ArrayList;
import java.util.List;

/**
 * One device as {@code libxl_device_disk_getinfo} / {@code libxl_device_nic_getinfo} read it from
 * XenStore: the front end's state, event channel and ring references ({@code -1} where the front
 * has not written them), and the back end's path and keys.
 *
 * @param kind      {@code vbd} or {@code vif}
 * @param devid     the device id
 * @param backendId the back-end domain
 * @param frontendId the guest
 * @param state     the front end's XenBus state
 * @param evtch     {@code event-channel}
 * @param ringRef   {@code ring-ref} (vbd)
 * @param txRingRef {@code tx-ring-ref} (vif)
 * @param rxRingRef {@code rx-ring-ref} (vif)
 * @param backend   the back-end directory
 * @param mac       the back end's {@code mac} (vif), or null
 * @param vdev      the back end's {@code dev} (vbd), or null
 * @param backState the back end's XenBus state
 * @param vifname   the vif's {@code vifname} (the interface name the toolstack chose), or null;
 *                  read from the back end's own directory for this guest's device, never through
 *                  the guest's {@code backend} node, so a guest cannot make it another's
 */
public record DeviceInfo(String kind, int devid, int backendId, int frontendId, int state, int evtch, int ringRef,
        int txRingRef, int rxRingRef, String backend, String mac, String vdev, int backState, String vifname) {

    /** The devices of {@code kind} the guest {@code fdom} has, in devid order. */
    static List<DeviceInfo> list(XenStore store, int fdom, String kind) {
        String dir = "/local/domain/" + fdom + "/device/" + kind;
        List<DeviceInfo> out = new ArrayList<>();
        List<String> ids;
        try {
            ids = store.directory(dir);
        } catch (XsException e) {
            return out;
        }
        List<Integer> devids = new ArrayList<>();
        for (String id : ids) {
            try {
                devids.add(Integer.parseInt(id));
            } catch (NumberFormatException e) {
                // UNTRUSTED: the guest owns its device directory; a node that is not a devid is not a device.
            }
        }
        devids.sort(null);
        for (int devid : devids) {
            String fe = dir + "/" + devid;
            String be = store.read(fe + "/backend").orElse("");
            int backendId = number(store, fe + "/backend-id", 0);
            String ownBe = "/local/domain/" + backendId + "/backend/" + kind + "/" + fdom + "/" + devid;
            out.add(new DeviceInfo(kind, devid, backendId, fdom,
                    number(store, fe + "/state", 0), number(store, fe + "/event-channel", -1),
                    number(store, fe + "/ring-ref", -1), number(store, fe + "/tx-ring-ref", -1),
                    number(store, fe + "/rx-ring-ref", -1), be, read(store, be, "mac"), read(store, be, "dev"),
                    be.isEmpty() ? 0 : number(store, be + "/state", 0),
                    kind.equals("vif") ? read(store, ownBe, "vifname") : null));
        }
        return out;
    }

    private static String read(XenStore store, String dir, String key) {
        if (dir.isEmpty()) {
            return null;
        }
        try {
            return store.read(dir + "/" + key).orElse(null);
        } catch (XsException e) {
            return null;
        }
    }

    private static int number(XenStore store, String path, int fallback) {
        try {
            return store.read(path).map(v -> Integer.parseInt(v.strip())).orElse(fallback);
        } catch (XsException | NumberFormatException e) {
            return fallback;
        }
    }
}
