/**
 * The PV console as a split driver ({@code xen/include/public/io/console.h}): the guest's front
 * end ({@link io.xenon.drivers.console.ConsoleFront}, as Linux {@code hvc_xen}), Domain-0's back
 * end ({@link io.xenon.drivers.console.ConsoleBack}, as xenconsoled's
 * {@code tools/console/daemon/io.c}), and the two byte rings of the shared page they both use
 * ({@link io.xenon.drivers.console.ConsoleRing}).
 *
 * <p>The console has no request/response ring and no XenBus handshake for the first console:
 * the page and event channel come with the domain ({@code ~/console/ring-ref}, {@code ~/console/port}),
 * and notifications are plain callbacks here, wired to {@code EVTCHNOP_send} by the owner.
 */
package io.xenon.drivers.console;
