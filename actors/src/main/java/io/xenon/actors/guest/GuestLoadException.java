package io.xenon.actors.guest;

/** A {@code kernel} that cannot be booted; the message says why, in terms of the config. */
public final class GuestLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public GuestLoadException(String message) {
        super(message);
    }

    public GuestLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
