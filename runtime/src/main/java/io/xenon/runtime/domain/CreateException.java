package io.xenon.runtime.domain;

/** A domain that cannot be created; the message says why and nothing was changed. */
public final class CreateException extends Exception {

    private static final long serialVersionUID = 1L;

    public CreateException(String message) {
        super(message);
    }
}
