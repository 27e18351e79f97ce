package io.xenon.runtime.config;

/** Something the parser accepted but reports, such as an unknown key, with where it was. */
public record ConfigWarning(Position position, String message) {

    @Override
    public String toString() {
        return position + ": warning: " + message;
    }
}
