/**
 * Event channels, Xen's virtual interrupts ({@code xen/common/event_channel.c} with the 2-level
 * ABI of {@code xen/common/event_2l.c}): per-domain port tables, the pending and mask bits a
 * guest scans, and the host-wide {@link io.xenon.runtime.evtchn.EventChannels} through which
 * {@code HYPERVISOR_event_channel_op} and the hypervisor's own VIRQs reach them.
 *
 * <p>Unlike the rest of {@code runtime}, these objects are not confined to one actor: a send
 * crosses domains, so each table guards itself with its own lock (see
 * {@link io.xenon.runtime.evtchn.EvtchnTable}).
 */
package io.xenon.runtime.evtchn;
