package io.xenon.runtime.domain;

/** A memory target or maximum the host refused ({@code xl mem-set}, {@code xl mem-max}); the message says why. */
public final class MemoryException extends Exception {

    public MemoryException(String message) {
        super(message);
    }
}
