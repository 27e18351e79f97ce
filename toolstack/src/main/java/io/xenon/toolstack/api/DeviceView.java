package io.xenon.toolstack.api;

/**
 * One split device of a domain, as {@code xl block-list} and {@code xl network-list} show it
 * ({@code libxl_diskinfo}, {@code libxl_nicinfo}); -1 where the front end has not written a key.
 *
 * @param kind      {@code vbd} or {@code vif}
 * @param state     the front end's XenBus state
 * @param backState the back end's XenBus state
 */
public record DeviceView(String kind, int devid, int backendId, int frontendId, int state, int evtch, int ringRef,
        int txRingRef, int rxRingRef, String backend, String mac, String vdev, int backState) {
}
