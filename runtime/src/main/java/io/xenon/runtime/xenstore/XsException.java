package io.xenon.runtime.xenstore;

import io.xenon.abi.xenstore.XsError;

/**
 * A XenStore operation refused with one of {@code xsd_errors[]}: what a {@code XS_ERROR} reply
 * carries. Thrown by the direct (toolstack) methods of {@link XenStore}; {@code handle} turns it
 * into the reply instead. It carries no stack trace: it is an answer, not a fault.
 */
public final class XsException extends RuntimeException {

    private final XsError error;

    public XsException(XsError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    public XsError error() {
        return error;
    }
}
