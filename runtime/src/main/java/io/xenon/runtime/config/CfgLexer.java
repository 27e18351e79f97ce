package io.xenon.runtime.config;

/**
 * The xl.cfg tokenizer, after {@code tools/libs/util/libxlu_cfg_l.l}: keys
 * {@code [a-z][._0-9a-z]*}, numbers {@code [0-9][0-9a-fx]*} kept as text, quoted strings that
 * may not span lines, {@code = += , [ ] ;}, newlines, and {@code #} comments. Spaces and tabs
 * separate tokens; any other character is a lexical error.
 *
 * <p>UNTRUSTED: the text comes from the user. The lexer never throws: a character it cannot
 * read becomes a {@link Kind#BAD} token, so the parser decides what to report.
 *
 * <p>XEN-DIFF: xl's comment rule is {@code #.*\n}, so a comment on the last line of a file
 * without a final newline is a lexical error there; here it is just a comment.
 */
final class CfgLexer {

    enum Kind { IDENT, NUMBER, STRING, EQUALS, PLUS_EQUALS, COMMA, LBRACKET, RBRACKET, SEMICOLON, NEWLINE, EOF, BAD }

    /**
     * One token.
     *
     * @param kind    what it is
     * @param text    the key or number as written, a string's decoded value, or the bad text
     * @param offset  where it starts in the source
     * @param problem for a {@link Kind#BAD} token whose fault is known (a broken string), the
     *                whole message; null for a plain unexpected character
     */
    record Token(Kind kind, String text, int offset, String problem) {
    }

    /** Characters at a token start that make xl say the file looks like Python ({@code [+-.():]}). */
    private static final String PYTHON_CHARS = "+-.():";

    private final String src;
    private int pos;

    CfgLexer(String src) {
        this.src = src;
    }

    /** Whether a bad token starts with a character xl takes as a sign of Python. */
    static boolean looksLikePython(Token t) {
        return t.kind() == Kind.BAD && t.problem() == null && !t.text().isEmpty()
                && PYTHON_CHARS.indexOf(t.text().charAt(0)) >= 0;
    }

    Token next() {
        skipBlanksAndComment();
        int start = pos;
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", start, null);
        }
        char c = src.charAt(pos);
        switch (c) {
            case '\n':
                pos++;
                return new Token(Kind.NEWLINE, "\n", start, null);
            case '=':
                pos++;
                return new Token(Kind.EQUALS, "=", start, null);
            case ',':
                pos++;
                return new Token(Kind.COMMA, ",", start, null);
            case '[':
                pos++;
                return new Token(Kind.LBRACKET, "[", start, null);
            case ']':
                pos++;
                return new Token(Kind.RBRACKET, "]", start, null);
            case ';':
                pos++;
                return new Token(Kind.SEMICOLON, ";", start, null);
            case '+':
                if (pos + 1 < src.length() && src.charAt(pos + 1) == '=') {
                    pos += 2;
                    return new Token(Kind.PLUS_EQUALS, "+=", start, null);
                }
                return bad(start);
            case '"':
            case '\'':
                return string(start, c);
            default:
                break;
        }
        if (c >= 'a' && c <= 'z') {
            pos++;
            while (pos < src.length() && isIdentChar(src.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.IDENT, src.substring(start, pos), start, null);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        return bad(start);
    }

    private void skipBlanksAndComment() {
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '#') {
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
        }
    }

    private static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == 'x';
    }

    private Token number(int start) {
        pos++;
        while (pos < src.length() && isNumberChar(src.charAt(pos))) {
            pos++;
        }
        int end = pos;
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            pos++;
        }
        if (pos > end) {
            String bad = src.substring(start, pos);
            return new Token(Kind.BAD, bad, start, "malformed number " + Describe.quoted(bad)
                    + ": expected digits, a 0x hex number (lower case a-f) or a \"quoted string\"");
        }
        return new Token(Kind.NUMBER, src.substring(start, end), start, null);
    }

    /** A character xl's lexer has no rule for; like xl, the rest of the word goes with it. */
    private Token bad(int start) {
        pos = start + Character.charCount(src.codePointAt(start));
        while (pos < src.length() && " \t\n".indexOf(src.charAt(pos)) < 0) {
            pos++;
        }
        return new Token(Kind.BAD, src.substring(start, pos), start, null);
    }

    /**
     * A quoted string with xl's escapes ({@code libxlu_cfg.c: xlu__cfgl_dequote}).
     *
     * <p>XEN-DIFF: xl's numeric escapes are broken: every {@code \xHH} is rejected and
     * {@code \NNN} is consumed without producing a character. Xenon decodes them as
     * documented: {@code \xHH} is the character with hex code HH (exactly two digits) and
     * {@code \N}, {@code \NN}, {@code \NNN} the one with that octal code (at most 0377). An
     * escape for NUL is refused, since xl's C strings would end there.
     */
    private Token string(int start, char quote) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                return brokenString(start, start, "unterminated string: expected a closing " + quote
                        + " before the end of the line (strings may not span lines)");
            }
            char c = src.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Kind.STRING, value.toString(), start, null);
            }
            if (c == '\0') {
                return brokenString(start, pos, "a string may not contain a NUL character");
            }
            if (c != '\\') {
                value.append(c);
                pos++;
                continue;
            }
            int escape = pos;
            pos++;
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                return brokenString(start, start, "unterminated string: expected a closing " + quote
                        + " before the end of the line (strings may not span lines)");
            }
            char e = src.charAt(pos++);
            int decoded = simpleEscape(e);
            if (decoded < 0 && e == 'x') {
                decoded = digits(16, 2, 2);
            } else if (decoded < 0 && e >= '0' && e <= '7') {
                pos--;
                decoded = digits(8, 1, 3);
            } else if (decoded < 0) {
                String what = e > ' ' && e < 0x7f ? "'\\" + e + "'" : "\\ followed by " + Describe.character(e);
                return brokenString(start, escape, "invalid escape " + what
                        + " in string: expected one of \\\" \\' \\\\ \\a \\b \\f \\n \\r \\t \\v \\xHH \\NNN");
            }
            if (decoded < 0 || decoded > 0377) {
                return brokenString(start, escape, "invalid numeric escape in string: expected \\x and"
                        + " two hex digits, or \\ and one to three octal digits up to \\377");
            }
            if (decoded == 0) {
                return brokenString(start, escape, "a string may not contain a NUL character");
            }
            value.append((char) decoded);
        }
    }

    private static int simpleEscape(char e) {
        return switch (e) {
            case '"', '\'', '\\' -> e;
            case 'a' -> 7;
            case 'b' -> 8;
            case 'f' -> 12;
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            default -> -1;
        };
    }

    /** Reads {@code min..max} digits of {@code radix}; -1 if fewer than {@code min}. */
    private int digits(int radix, int min, int max) {
        int value = 0;
        int n = 0;
        while (n < max && pos < src.length() && Character.digit(src.charAt(pos), radix) >= 0
                && src.charAt(pos) < 128) {
            value = value * radix + Character.digit(src.charAt(pos), radix);
            pos++;
            n++;
        }
        return n < min ? -1 : value;
    }

    /** Skips the rest of the line so a later scan can go on; the token reports where it went wrong. */
    private Token brokenString(int start, int at, String problem) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
        }
        return new Token(Kind.BAD, src.substring(start, pos), at, problem);
    }
}
