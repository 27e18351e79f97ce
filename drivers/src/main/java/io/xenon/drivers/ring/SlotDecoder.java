package io.xenon.drivers.ring;

import io.xenon.runtime.mm.Page;

/**
 * Reads one request or response out of a ring slot: the {@code RING_COPY_REQUEST} /
 * {@code RING_COPY_RESPONSE} of {@code xen/include/public/io/ring.h}, which copies a slot the peer
 * may still be rewriting into private memory before anything looks at it.
 *
 * <p>UNTRUSTED: an implementation reads each field once and returns a value that no longer
 * depends on the page; validating the fields is the caller's job.
 */
@FunctionalInterface
public interface SlotDecoder<T> {

    T decode(Page page, int offset);
}
