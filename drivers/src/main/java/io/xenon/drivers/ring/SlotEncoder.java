package io.xenon.drivers.ring;

import io.xenon.runtime.mm.Page;

/**
 * Writes one request or response into a ring slot at Xen's byte offsets (the struct of the
 * protocol's header, for example {@code netif_tx_request} of {@code io/netif.h}).
 */
@FunctionalInterface
public interface SlotEncoder<T> {

    void encode(Page page, int offset, T value);
}
