package io.xenon.toolstack.xl;

/** A command that failed: the one line xl prints on stderr, and the exit code. */
final class XlException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    XlException(String message) {
        this(message, 1);
    }

    XlException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
