package io.xenon.runtime.config;

/**
 * How error messages quote what the user wrote.
 *
 * <p>UNTRUSTED: config text ends up in messages that are printed and logged, so control
 * characters are escaped and long text is cut short.
 */
final class Describe {

    private static final int MAX_QUOTED = 60;

    private Describe() {
    }

    /** {@code "text"} with control characters escaped, cut to a readable length. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int limit = Math.min(s.length(), MAX_QUOTED);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (s.length() > limit) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /** One character as the user would name it: {@code ')'}, or a description for invisible ones. */
    static String character(int cp) {
        if (cp == '\r') {
            return "a carriage return (xl reads only \\n line ends; convert the file from DOS line endings)";
        }
        if (cp == 0) {
            return "a NUL character";
        }
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || Character.isWhitespace(cp)) {
            return String.format("the character U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
