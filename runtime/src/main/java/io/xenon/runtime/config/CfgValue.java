package io.xenon.runtime.config;

import java.util.List;

/**
 * A value as the xl.cfg grammar reads it, before any key gives it meaning: a string, a number
 * (kept as its text, as libxlu does) or a list. Each value remembers where it started.
 */
public sealed interface CfgValue {

    Position position();

    /** A quoted string, with its escapes already decoded. */
    record Str(String value, Position position) implements CfgValue {
    }

    /** A number as written ({@code [0-9][0-9a-fx]*}): decimal, 0-prefixed octal or 0x hex. */
    record Num(String text, Position position) implements CfgValue {
    }

    /** A bracketed list; it may be empty, nested, and mixed. */
    record Lst(List<CfgValue> items, Position position) implements CfgValue {
        public Lst {
            items = List.copyOf(items);
        }
    }
}
