package io.xenon.runtime.config;

import java.math.BigInteger;
import java.util.List;

/**
 * Reading a config value as the kind a key needs, with libxlu's rules
 * ({@code libxlu_cfg.c}): strings and numbers are both text ("atoms"), so a quoted
 * {@code "128"} is a number and a bare {@code 7} is a string; a number is read as C's
 * {@code strtol(s, &end, 0)} reads it (decimal, {@code 0}-prefixed octal, {@code 0x} hex,
 * optional leading blanks and sign) and must be used up entirely; a value set with {@code +=}
 * is never a number; a BOOLEAN is a number, 0 being false.
 *
 * <p>XEN-DIFF: where xl prints a warning and goes on as if the key were absent (a list where
 * one value is needed, a value that is not a number, a number out of bounds), Xenon refuses
 * the config, naming the key and what was expected.
 */
final class Values {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger TOO_LARGE = BigInteger.ONE.shiftLeft(256);

    private Values() {
    }

    /** An atom's text: a string's value or a number as written. */
    static String text(CfgValue v) {
        if (v instanceof CfgValue.Str s) {
            return s.value();
        }
        if (v instanceof CfgValue.Num n) {
            return n.text();
        }
        throw new IllegalArgumentException("a list has no text");
    }

    /** How a message names the kind of a value. */
    static String kind(CfgValue v) {
        if (v instanceof CfgValue.Lst) {
            return "a [list]";
        }
        return v instanceof CfgValue.Num n ? "the number " + n.text() : "the string " + Describe.quoted(text(v));
    }

    /** The value as a single string (a quoted string or a bare number). */
    static String string(CfgFile.Entry e) throws ConfigException {
        return atom(e.value(), e.key(), "a single value (a \"string\")");
    }

    /** An atom's text, or an error naming the key when it is a list. */
    static String atom(CfgValue v, String key, String expected) throws ConfigException {
        if (v instanceof CfgValue.Lst) {
            throw new ConfigException(v.position(), key + ": expected " + expected + " but found a [list]");
        }
        return text(v);
    }

    /** The value as a number within bounds. */
    static long number(CfgFile.Entry e, long min, long max) throws ConfigException {
        long n = number(e);
        if (n < min || n > max) {
            throw new ConfigException(e.value().position(), e.key() + ": expected a number from " + min
                    + " to " + max + " but found " + n);
        }
        return n;
    }

    /** The value as a number, read as libxlu's {@code xlu_cfg_get_long} reads it. */
    static long number(CfgFile.Entry e) throws ConfigException {
        String expected = "a number (decimal, 0-prefixed octal or 0x hex)";
        String text = atom(e.value(), e.key(), expected);
        if (e.append()) {
            throw new ConfigException(e.position(), e.key() + ": expected '=' but found '+=', which"
                    + " cannot be used with numbers");
        }
        return number(text, e.value().position(), e.key());
    }

    /** A BOOLEAN: a number, 0 for false and anything else for true. */
    static boolean bool(CfgFile.Entry e) throws ConfigException {
        return number(e) != 0;
    }

    /** Text read as {@code strtol(text, &end, 0)}, all of it. */
    static long number(String text, Position at, String key) throws ConfigException {
        BigInteger value = strtol(text);
        if (value == null) {
            String hint = text.matches("\\s*[+-]?0[0-7]*[89].*") ? " (a leading 0 means octal)" : "";
            throw new ConfigException(at, key + ": expected a number (decimal, 0-prefixed octal or 0x hex)"
                    + " but found " + Describe.quoted(text) + hint);
        }
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw new ConfigException(at, key + ": expected a number that fits in 64 bits but found "
                    + Describe.quoted(text));
        }
        return value.longValue();
    }

    /** C's strtol with base 0 over the whole text, unbounded; null if it is not all a number. */
    static BigInteger strtol(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 128) {
            radix = 16;
            i += 2;
        } else if (s.startsWith("0", i)) {
            radix = 8;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), radix) >= 0) {
            i++;
        }
        if (i == start || i != s.length()) {
            return null;
        }
        while (start < i - 1 && s.charAt(start) == '0') {
            start++;
        }
        // UNTRUSTED: a million digits would be slow to convert and are out of range anyway.
        BigInteger v = i - start > 64 ? TOO_LARGE : new BigInteger(s.substring(start, i), radix);
        return negative ? v.negate() : v;
    }

    /** The value as a list. */
    static CfgValue.Lst list(CfgFile.Entry e) throws ConfigException {
        if (e.value() instanceof CfgValue.Lst l) {
            return l;
        }
        throw new ConfigException(e.value().position(), e.key() + ": expected a [list] but found "
                + kind(e.value()));
    }

    /** A list's items, each of which must be a string (or a bare number). */
    static List<CfgValue> atoms(CfgValue.Lst list, String key) throws ConfigException {
        for (CfgValue item : list.items()) {
            atom(item, key, "a \"string\" in the list");
        }
        return list.items();
    }
}
