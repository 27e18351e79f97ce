package io.xenon.actors.domain;

/**
 * What the domain builder hands a PV guest in {@code start_info}: its XenStore event channel,
 * and its console's page and event channel.
 *
 * @param storeEvtchn   {@code store_evtchn}
 * @param consoleEvtchn {@code console.domU.evtchn}
 * @param consoleGfn    {@code console.domU.mfn}: the page of the console ring
 *                      ({@code struct xencons_interface}), granted to Domain-0 as grant ref
 *                      {@code GNTTAB_RESERVED_CONSOLE}
 */
public record StartInfo(int storeEvtchn, int consoleEvtchn, long consoleGfn) {
}
