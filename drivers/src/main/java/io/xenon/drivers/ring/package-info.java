/**
 * Xen's shared-ring protocol ({@code xen/include/public/io/ring.h}) over one 4 KiB
 * {@link io.xenon.runtime.mm.Page}, and the Pekko Streams stages that drive it.
 *
 * <p>{@link io.xenon.drivers.ring.SharedRing} is the shared page;
 * {@link io.xenon.drivers.ring.FrontRing} and {@link io.xenon.drivers.ring.BackRing} are the
 * private halves each end keeps ({@code <name>_front_ring} / {@code <name>_back_ring}), with the
 * macros' names and semantics: free-running u32 indices, notification hold-off through
 * {@code req_event}/{@code rsp_event}, and the final check before going idle. A back end
 * consumes requests with {@link io.xenon.drivers.ring.RingSource} and answers through
 * {@link io.xenon.drivers.ring.RingSink}; a front end uses the same pair the other way round.
 * A back end that works a batch per kick uses {@link io.xenon.drivers.ring.RingBatchSource},
 * {@link io.xenon.drivers.ring.RingBatchSink} and, where its work comes from elsewhere and only
 * its buffers from the ring, {@link io.xenon.drivers.ring.RingBatchFlow}.
 * {@link io.xenon.drivers.ring.RingEvents} carries the event-channel upcall into the stages,
 * each of which parks on a {@link io.xenon.drivers.ring.Waiter} while it has nothing to do
 * (the sources through {@link io.xenon.drivers.ring.ParkingSourceLogic}).
 *
 * <p>Each end treats the other as hostile: indices read from the page are copied once and
 * checked, and a ring whose peer breaks the protocol is marked broken rather than read.
 */
package io.xenon.drivers.ring;
