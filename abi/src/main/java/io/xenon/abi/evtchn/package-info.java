/**
 * Event channels as Xen's public interface defines them in
 * {@code xen/include/public/event_channel.h}: the {@code EVTCHNOP_*} operation numbers of
 * {@code HYPERVISOR_event_channel_op}, the {@code EVTCHNSTAT_*} values {@code EVTCHNOP_status}
 * reports, the 2-level ABI's limits, and the typed port id {@link io.xenon.abi.evtchn.EvtchnPort}.
 *
 * <p>The VIRQ numbers live with the rest of {@code xen.h} in {@link io.xenon.abi.Xen}.
 */
package io.xenon.abi.evtchn;
