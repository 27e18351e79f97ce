package io.xenon.drivers.ring;

/**
 * The failure a ring stage ends with when the peer broke the shared-ring protocol of
 * {@code xen/include/public/io/ring.h} (an index no honest peer could write). It fails only that
 * ring's stream; the owner marks the one device broken, as Linux back ends do with
 * {@code vif->disabled} or a fatal xenbus error.
 */
public final class BrokenRingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokenRingException(String message) {
        super(message, null, false, false);
    }
}
