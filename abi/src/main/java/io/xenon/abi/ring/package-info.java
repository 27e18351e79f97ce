/**
 * The generic shared-ring layout of {@code xen/include/public/io/ring.h}: the offsets of the
 * {@code struct <name>_sring} header, its size, and the {@code __RING_SIZE} arithmetic that
 * turns a shared area and a slot size into a power-of-two number of entries.
 *
 * <p>Only the layout lives here. The producer/consumer logic of the macros
 * ({@code RING_PUSH_REQUESTS_AND_CHECK_NOTIFY}, {@code RING_FINAL_CHECK_FOR_REQUESTS}, ...) is in
 * {@code io.xenon.drivers.ring}.
 */
package io.xenon.abi.ring;
