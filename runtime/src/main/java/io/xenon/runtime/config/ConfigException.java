package io.xenon.runtime.config;

/**
 * A config source that cannot be accepted. The message is {@code file:line:column: what was
 * expected}, so it can be printed as it is.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Position position;

    public ConfigException(Position position, String message) {
        super(position + ": " + message);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
