package io.xenon.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlCfgTest {

    private static CfgFile parse(String text) throws ConfigException {
        return XlCfg.parse(text, "x.cfg");
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
    }

    private static String text(CfgValue v) {
        return Values.text(v);
    }

    @Test
    void readsStatementsEndedByNewlineOrSemicolon() throws ConfigException {
        CfgFile cfg = parse("name=\"h0\"; type=\"hvm\"\n\n;;\nmemory = 512");
        assertEquals(List.of("name", "type", "memory"), cfg.keys());
        assertEquals("h0", text(cfg.get("name")));
        assertEquals("hvm", text(cfg.get("type")));
        assertInstanceOf(CfgValue.Num.class, cfg.get("memory"));
        assertEquals("512", text(cfg.get("memory")));
    }

    @Test
    void keepsKeyAndValuePositions() throws ConfigException {
        CfgFile cfg = parse("# comment\n\tmemory\t= 512\n");
        CfgFile.Entry e = cfg.entry("memory").orElseThrow();
        assertEquals(new Position("x.cfg", 2, 2), e.position());
        assertEquals(new Position("x.cfg", 2, 11), e.value().position());
    }

    @Test
    void acceptsDotsDigitsAndUnderscoresInKeys() throws ConfigException {
        CfgFile cfg = parse("vif.default.bridge = 'br1'\ncpu_weight = 2\nx86 = 1\n");
        assertEquals(List.of("vif.default.bridge", "cpu_weight", "x86"), cfg.keys());
    }

    @Test
    void lastAssignmentWinsButEveryStatementIsKept() throws ConfigException {
        CfgFile cfg = parse("memory = 128\nname = 'a'\nmemory = 256\n");
        assertEquals("256", text(cfg.get("memory")));
        assertEquals(3, cfg.entries().size());
        assertEquals(List.of("memory", "name"), cfg.keys());
    }

    @Test
    void plusEqualsJoinsStringsAndLists() throws ConfigException {
        CfgFile cfg = parse("extra = 'a'\nextra += \" b\"\ndisk = ['x']\ndisk += ['y', ['z']]\n");
        assertEquals("a b", text(cfg.get("extra")));
        CfgValue.Lst disk = (CfgValue.Lst) cfg.get("disk");
        assertEquals(3, disk.items().size());
        assertEquals("y", text(disk.items().get(1)));
        assertTrue(cfg.entry("disk").orElseThrow().append());
        assertEquals(2, ((CfgValue.Lst) cfg.entries().get(3).value()).items().size(), "statements keep what they wrote");
        assertEquals(new Position("x.cfg", 4, 9), disk.position());
    }

    @Test
    void plusEqualsWithoutEarlierValueIsAnAssignment() throws ConfigException {
        assertEquals("z", text(parse("b += 'z'\n").get("b")));
    }

    @Test
    void plusEqualsRefusesMixingListsAndStrings() {
        assertEquals("x.cfg:2:9: expected a [list] to add with += to the value of disk but found the string"
                + " \"y\" (+= adds a list to a list or a string to a string)", error("disk = ['x']\ndisk += 'y'\n"));
    }

    @Test
    void readsNestedMultiLineListsWithTrailingCommaAndComments() throws ConfigException {
        CfgValue.Lst l = (CfgValue.Lst) parse("a = [\n  # c\n  1, # d\n  [ 'x', [] ],\n  \"y\",\n]\n").get("a");
        assertEquals(3, l.items().size());
        CfgValue.Lst inner = (CfgValue.Lst) l.items().get(1);
        assertEquals(2, inner.items().size());
        assertTrue(((CfgValue.Lst) inner.items().get(1)).items().isEmpty());
        assertEquals(new Position("x.cfg", 1, 5), l.position());
        assertEquals(new Position("x.cfg", 3, 3), l.items().get(0).position());
    }

    @Test
    void emptyListIsAList() throws ConfigException {
        assertTrue(((CfgValue.Lst) parse("vif = []").get("vif")).items().isEmpty());
    }

    @Test
    void decodesEscapes() throws ConfigException {
        CfgFile cfg = parse("a = \"q\\\"s\\'b\\\\a\\a\\b\\f\\n\\r\\t\\v\"\nb = 'x\\x41\\101\\7'\n");
        assertEquals("q\"s'b\\a\u0007\b\f\n\r\t\u000b", text(cfg.get("a")));
        assertEquals("xAA\u0007", text(cfg.get("b")));
    }

    @Test
    void rejectsUnknownEscape() {
        assertEquals("x.cfg:1:7: invalid escape '\\q' in string: expected one of \\\" \\' \\\\ \\a \\b \\f"
                + " \\n \\r \\t \\v \\xHH \\NNN", error("a = 'x\\q'\n"));
    }

    @Test
    void rejectsNulEscape() {
        assertEquals("x.cfg:1:7: a string may not contain a NUL character", error("a = 'x\\0'\n"));
    }

    @Test
    void reportsUnterminatedStringAtItsQuote() {
        assertEquals("x.cfg:2:8: unterminated string: expected a closing \" before the end of the line"
                + " (strings may not span lines)", error("a = 1\nname = \"abc\ndef\"\n"));
    }

    @Test
    void reportsWhatWasExpectedAndFound() {
        assertEquals("x.cfg:1:5: expected a value (a \"string\", a number or a [list]) but found the end of the line",
                error("a = \n"));
        assertEquals("x.cfg:1:2: expected '=' or '+=' after the key a but found the end of the line", error("a\n"));
        assertEquals("x.cfg:1:7: expected the end of the line or ';' after the value of a but found the word b",
                error("a = 1 b = 2\n"));
        assertEquals("x.cfg:1:1: expected a key (lower case: [a-z][._0-9a-z]*) but found the number 1a",
                error("1a = 1\n"));
        assertEquals("x.cfg:1:8: expected ',' or ']' in the list opened at line 1, column 5 but found the number 2",
                error("a = [1 2]\n"));
        assertEquals("x.cfg:1:6: expected a value or ']' in the list opened at line 1, column 5 but found ','",
                error("a = [,]\n"));
    }

    @Test
    void explainsUpperCaseKeys() {
        assertEquals("x.cfg:1:1: expected a key (lower case: [a-z][._0-9a-z]*) but found 'N' (keys are lower case)",
                error("Name = 'x'\n"));
    }

    @Test
    void suggestsQuotesForABareWord() {
        assertEquals("x.cfg:1:8: expected a value (a \"string\", a number or a [list]) but found the word hvm"
                + " (a string needs quotes: \"hvm\")", error("type = hvm\n"));
    }

    @Test
    void reportsUnclosedListAtEndOfFile() {
        assertEquals("x.cfg:3:1: expected ',' or ']' in the list opened at line 1, column 8 but found the end of"
                + " the file", error("disk = [ 'a',\n 'b'\n"));
    }

    @Test
    void addsXlPythonHint() {
        String m = error("memory = int(512)\n");
        assertTrue(m.startsWith("x.cfg:1:10: expected a value (a \"string\", a number or a [list]) but found"
                + " the word int"), m);
        assertTrue(m.endsWith("(the file looks like it contains Python code; arbitrary Python is no longer"
                + " supported, see https://wiki.xen.org/wiki/PythonInXlConfig)"), m);
    }

    @Test
    void givesNoPythonHintForOtherErrors() {
        assertFalse(error("a = 2*3\n").contains("Python"));
    }

    @Test
    void rejectsCarriageReturns() {
        assertEquals("x.cfg:1:6: expected the end of the line or ';' after the value of a but found a carriage return"
                + " (xl reads only \\n line ends; convert the file from DOS line endings)", error("a = 1\r\n"));
    }

    @Test
    void rejectsMalformedNumbers() {
        assertEquals("x.cfg:1:10: malformed number \"0x1F\": expected digits, a 0x hex number (lower case a-f)"
                + " or a \"quoted string\"", error("memory = 0x1F\n"));
    }

    @Test
    void acceptsCommentOnLastLineWithoutNewline() throws ConfigException {
        assertEquals("1", text(parse("a = 1 # one").get("a")));
    }

    @Test
    void refusesDeeplyNestedLists() {
        String deep = "a = " + "[".repeat(100_000);
        assertEquals("x.cfg:1:69: refused: lists nested more than 64 deep", error(deep));
    }

    @Test
    void acceptsListsNestedToTheLimit() throws ConfigException {
        int depth = XlCfg.MAX_LIST_DEPTH;
        assertInstanceOf(CfgValue.Lst.class, parse("a = " + "[".repeat(depth) + "]".repeat(depth)).get("a"));
    }

    @Test
    void refusesOversizedSource() {
        String big = "a = '" + "x".repeat(XlCfg.MAX_SOURCE_CHARS) + "'\n";
        ConfigException e = assertThrows(ConfigException.class, () -> parse(big));
        assertTrue(e.getMessage().startsWith("x.cfg: refused: the config is 1048583 characters long"), e.getMessage());
    }

    @Test
    void overridesComeAfterTheFileAndWin() throws ConfigException {
        CfgFile cfg = XlCfg.parse("memory = 128\nname = 'a'", "x.cfg", List.of("memory=256", "vcpus=2; cap=10"));
        assertEquals("256", text(cfg.get("memory")));
        assertEquals("2", text(cfg.get("vcpus")));
        CfgFile.Entry cap = cfg.entry("cap").orElseThrow();
        assertEquals(new Position("<command line>", 2, 10), cap.position());
        assertEquals(new Position("x.cfg", 2, 1), cfg.entry("name").orElseThrow().position());
    }

    @Test
    void reportsErrorsInOverridesAtCommandLinePositions() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> XlCfg.parse("name = 'a'\n", "x.cfg", List.of("vcpus=2", "memory=")));
        assertEquals("<command line>:2:8: expected a value (a \"string\", a number or a [list]) but found the end"
                + " of the line", e.getMessage());
    }

    @Test
    void readsUtf8Files(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.cfg");
        Files.writeString(f, "name = 'café'\n", StandardCharsets.UTF_8);
        assertEquals("café", text(XlCfg.parse(XlCfg.readFile(f), f.toString()).get("name")));
    }

    @Test
    void reportsBytesThatAreNotUtf8(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.cfg");
        Files.write(f, new byte[] {'a', '=', '1', '\n', 'b', ' ', '=', ' ', '\'', (byte) 0xe9, '\'', '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> XlCfg.readFile(f));
        assertEquals(f + ":2:6: expected UTF-8 text but found the byte 0xE9 (config files are read as UTF-8)",
                e.getMessage());
    }

    @Test
    void reportsMissingFile(@TempDir Path dir) {
        Path f = dir.resolve("none.cfg");
        ConfigException e = assertThrows(ConfigException.class, () -> XlCfg.readFile(f));
        assertEquals(f + ": cannot read the config file: no such file", e.getMessage());
        assertEquals(0, e.position().line());
    }

    @Test
    void refusesOversizedFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.cfg");
        Files.write(f, new byte[XlCfg.MAX_SOURCE_CHARS + 1]);
        ConfigException e = assertThrows(ConfigException.class, () -> XlCfg.readFile(f));
        assertTrue(e.getMessage().contains("refused: the file is larger than the 1048576 bytes"), e.getMessage());
    }
}
