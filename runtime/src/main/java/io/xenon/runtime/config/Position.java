package io.xenon.runtime.config;

/** A place in a config source: file name, 1-based line and 1-based column. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
