package io.xenon.runtime.config;

/**
 * A config source that cannot be accepted. The message is {@code file:line:column: what was
 * expected}, so it can be printed as it is. A fault of the source as a whole (unreadable, too
 * large) has the message {@code file: what is wrong} and a position with line and column 0.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Position position;
    private final String detail;

    public ConfigException(Position position, String message) {
        super(position + ": " + message);
        this.position = position;
        this.detail = message;
    }

    private ConfigException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.position = new Position(source, 0, 0);
        this.detail = message;
    }

    /** A fault of the whole source, such as an unreadable or oversized file. */
    public static ConfigException ofSource(String source, String message, Throwable cause) {
        return new ConfigException(source, message, cause);
    }

    public Position position() {
        return position;
    }

    /** The message without the position in front: what was expected and what was found. */
    public String detail() {
        return detail;
    }
}
