package io.xenon.toolstack.api;

/** A failed API call: the HTTP status (0 when the daemon could not be reached) and the message to print. */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
