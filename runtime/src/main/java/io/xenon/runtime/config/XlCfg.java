package io.xenon.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.xenon.runtime.config.CfgLexer.Kind;
import io.xenon.runtime.config.CfgLexer.Token;

/**
 * The xl config file syntax shared by xl.cfg(5), xl.conf(5) and xlcpupool.cfg(5): the grammar
 * of {@code tools/libs/util/libxlu_cfg_y.y} over the tokens of {@code libxlu_cfg_l.l}.
 *
 * <pre>
 *   file  := { NEWLINE | ';' | KEY ('=' | '+=') value (NEWLINE | ';' | end of file) }
 *   value := STRING | NUMBER | '[' { NEWLINE } [ value { ',' value } [ ',' ] ] ']'
 * </pre>
 * (newlines may stand anywhere between the tokens of a list).
 *
 * <p>UNTRUSTED: every byte of the source is the user's. Anything malformed is a
 * {@link ConfigException} naming {@code file:line:column} and what was expected; nothing else
 * escapes. Sources over {@link #MAX_SOURCE_CHARS} and lists nested deeper than
 * {@link #MAX_LIST_DEPTH} are refused, so neither memory nor the stack can be exhausted.
 */
public final class XlCfg {

    /** The largest config source accepted: 1 MiB. */
    public static final int MAX_SOURCE_CHARS = 1 << 20;

    /** The deepest nesting of lists accepted. */
    public static final int MAX_LIST_DEPTH = 64;

    private static final String VALUE_EXPECTED = "expected a value (a \"string\", a number or a [list])";

    private static final String PYTHON_HINT = " (the file looks like it contains Python code;"
            + " arbitrary Python is no longer supported, see https://wiki.xen.org/wiki/PythonInXlConfig)";

    private final SourceText source;
    private final CfgLexer lexer;
    private Token pushedBack;
    private final List<CfgFile.Entry> entries = new ArrayList<>();
    private final Map<String, InForce> inForce = new LinkedHashMap<>();

    private XlCfg(SourceText source) {
        this.source = source;
        this.lexer = new CfgLexer(source.text());
    }

    /** Parses one config source. */
    public static CfgFile parse(String text, String sourceName) throws ConfigException {
        return parse(text, sourceName, List.of());
    }

    /**
     * Parses a config source followed by command-line overrides ({@code "key=value"}), each
     * read as a line of its own after the file, as {@code xl create cfg 'k=v'} does; being
     * last, they win. Positions inside them read {@code <command line>:N:column}.
     */
    public static CfgFile parse(String text, String sourceName, List<String> overrides) throws ConfigException {
        long size = text.length();
        for (String o : overrides) {
            size += o.length() + 1L;
        }
        if (size > MAX_SOURCE_CHARS) {
            throw ConfigException.ofSource(sourceName, "refused: the config is " + size
                    + " characters long, more than the " + MAX_SOURCE_CHARS + " (1 MiB) accepted", null);
        }
        XlCfg parser = new XlCfg(SourceText.of(text, sourceName, overrides));
        parser.file();
        List<CfgFile.Entry> inForce = new ArrayList<>();
        for (InForce f : parser.inForce.values()) {
            inForce.add(f.entry());
        }
        return new CfgFile(sourceName, parser.entries, inForce);
    }

    /**
     * Reads a config file as UTF-8, refusing files over {@link #MAX_SOURCE_CHARS} bytes.
     *
     * @throws ConfigException if the file cannot be read, is too large or is not UTF-8
     */
    public static String readFile(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SOURCE_CHARS + 1);
        } catch (NoSuchFileException e) {
            throw ConfigException.ofSource(name, "cannot read the config file: no such file", e);
        } catch (AccessDeniedException e) {
            throw ConfigException.ofSource(name, "cannot read the config file: permission denied", e);
        } catch (IOException e) {
            throw ConfigException.ofSource(name, "cannot read the config file: " + e, e);
        }
        if (bytes.length > MAX_SOURCE_CHARS) {
            throw ConfigException.ofSource(name, "refused: the file is larger than the "
                    + MAX_SOURCE_CHARS + " bytes (1 MiB) a config file may have", null);
        }
        return decodeUtf8(bytes, name);
    }

    private static String decodeUtf8(byte[] bytes, String name) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String prefix = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
            int column = prefix.codePointCount(0, prefix.length()) + 1;
            throw new ConfigException(new Position(name, line, column), String.format(
                    "expected UTF-8 text but found the byte 0x%02X (config files are read as UTF-8)",
                    bytes[bad] & 0xff));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private Token next() {
        if (pushedBack != null) {
            Token t = pushedBack;
            pushedBack = null;
            return t;
        }
        return lexer.next();
    }

    private Token nextSkippingNewlines() {
        Token t = next();
        while (t.kind() == Kind.NEWLINE) {
            t = next();
        }
        return t;
    }

    private void file() throws ConfigException {
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case EOF:
                    return;
                case NEWLINE:
                case SEMICOLON:
                    break;
                case IDENT:
                    statement(t);
                    break;
                default:
                    throw unexpected(t, "expected a key (lower case: [a-z][._0-9a-z]*)");
            }
        }
    }

    private void statement(Token keyToken) throws ConfigException {
        String key = keyToken.text();
        Token op = next();
        if (op.kind() != Kind.EQUALS && op.kind() != Kind.PLUS_EQUALS) {
            throw unexpected(op, "expected '=' or '+=' after the key " + key);
        }
        CfgValue value = value(next(), 0);
        Token end = next();
        if (end.kind() == Kind.EOF) {
            pushedBack = end;
        } else if (end.kind() != Kind.NEWLINE && end.kind() != Kind.SEMICOLON) {
            throw unexpected(end, "expected the end of the line or ';' after the value of " + key);
        }
        boolean append = op.kind() == Kind.PLUS_EQUALS;
        CfgFile.Entry entry = new CfgFile.Entry(key, source.positionOf(keyToken.offset()), append, value);
        InForce current = inForce.get(key);
        if (append && current != null) {
            current.join(entry);
        } else {
            inForce.put(key, new InForce(entry));
        }
        entries.add(entry);
    }

    /**
     * A key's value in force. {@code +=} joins a list to a list and text to text, as libxlu
     * does, and refuses anything else; joins go into one growing list or buffer, so a source
     * full of {@code +=} costs time in proportion to its length.
     */
    private static final class InForce {
        private CfgFile.Entry last;
        private final boolean isList;
        private CfgValue single;
        private List<CfgValue> items;
        private StringBuilder text;

        InForce(CfgFile.Entry first) {
            this.last = first;
            this.single = first.value();
            this.isList = single instanceof CfgValue.Lst;
        }

        void join(CfgFile.Entry added) throws ConfigException {
            CfgValue v = added.value();
            if ((v instanceof CfgValue.Lst) != isList) {
                throw new ConfigException(v.position(), "expected " + (isList ? "a [list]" : "a \"string\"")
                        + " to add with += to the value of " + added.key() + " but found " + Values.kind(v)
                        + " (+= adds a list to a list or a string to a string)");
            }
            if (isList) {
                if (items == null) {
                    items = new ArrayList<>(((CfgValue.Lst) single).items());
                }
                items.addAll(((CfgValue.Lst) v).items());
            } else {
                if (text == null) {
                    text = new StringBuilder(Values.text(single));
                }
                text.append(Values.text(v));
            }
            last = added;
        }

        CfgFile.Entry entry() {
            CfgValue value = single;
            Position at = last.value().position();
            if (items != null) {
                value = new CfgValue.Lst(items, at);
            } else if (text != null) {
                value = new CfgValue.Str(text.toString(), at);
            }
            return new CfgFile.Entry(last.key(), last.position(), last.append(), value);
        }
    }

    private CfgValue value(Token t, int depth) throws ConfigException {
        switch (t.kind()) {
            case STRING:
                return new CfgValue.Str(t.text(), source.positionOf(t.offset()));
            case NUMBER:
                return new CfgValue.Num(t.text(), source.positionOf(t.offset()));
            case LBRACKET:
                return list(t, depth + 1);
            case IDENT:
                throw unexpected(t, VALUE_EXPECTED, " (a string needs quotes: \"" + t.text() + "\")");
            default:
                throw unexpected(t, VALUE_EXPECTED);
        }
    }

    private CfgValue list(Token open, int depth) throws ConfigException {
        Position at = source.positionOf(open.offset());
        if (depth > MAX_LIST_DEPTH) {
            throw new ConfigException(at, "refused: lists nested more than " + MAX_LIST_DEPTH + " deep");
        }
        String where = " in the list opened at line " + at.line() + ", column " + at.column();
        List<CfgValue> items = new ArrayList<>();
        Token t = nextSkippingNewlines();
        while (t.kind() != Kind.RBRACKET) {
            if (t.kind() != Kind.STRING && t.kind() != Kind.NUMBER && t.kind() != Kind.LBRACKET) {
                throw unexpected(t, "expected a value or ']'" + where);
            }
            items.add(value(t, depth));
            t = nextSkippingNewlines();
            if (t.kind() == Kind.COMMA) {
                t = nextSkippingNewlines();
            } else if (t.kind() != Kind.RBRACKET) {
                throw unexpected(t, "expected ',' or ']'" + where);
            }
        }
        return new CfgValue.Lst(items, at);
    }

    private ConfigException unexpected(Token t, String expected) {
        return unexpected(t, expected, "");
    }

    private ConfigException unexpected(Token t, String expected, String hint) {
        Position at = source.positionOf(t.offset());
        String message;
        if (t.kind() == Kind.BAD && t.problem() != null) {
            message = t.problem();
        } else {
            message = expected + " but found " + found(t) + hint;
        }
        return new ConfigException(at, looksLikePython() ? message + PYTHON_HINT : message);
    }

    private String found(Token t) {
        return switch (t.kind()) {
            case EOF -> "the end of the file";
            case NEWLINE -> "the end of the line";
            case IDENT -> "the word " + t.text();
            case NUMBER -> "the number " + t.text();
            case STRING -> "the string " + Describe.quoted(t.text());
            case BAD -> {
                int cp = t.text().codePointAt(0);
                String c = Describe.character(cp);
                yield cp >= 'A' && cp <= 'Z' ? c + " (keys are lower case)" : c;
            }
            default -> "'" + t.text() + "'";
        };
    }

    /** Like xl, scans the whole source for {@code + - . ( ) :} where a token should start. */
    private boolean looksLikePython() {
        CfgLexer scan = new CfgLexer(source.text());
        for (Token t = scan.next(); t.kind() != Kind.EOF; t = scan.next()) {
            if (CfgLexer.looksLikePython(t)) {
                return true;
            }
        }
        return false;
    }
}
