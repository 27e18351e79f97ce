package io.xenon.toolstack.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MemoryCommandsTest {

    @Test
    void parsesSizesAsXlsParseMemSizeKb() {
        assertEquals(512 * 1024, MemoryCommands.parseMemSizeKb("512m"));
        assertEquals(512 * 1024, MemoryCommands.parseMemSizeKb("512"));
        assertEquals(1024 * 1024, MemoryCommands.parseMemSizeKb("1g"));
        assertEquals(1024 * 1024, MemoryCommands.parseMemSizeKb("1G"));
        assertEquals(2L << 30, MemoryCommands.parseMemSizeKb("2t"));
        assertEquals(300, MemoryCommands.parseMemSizeKb("300k"));
        assertEquals(4, MemoryCommands.parseMemSizeKb("4096b"));
    }

    @Test
    void refusesWhatXlRefuses() {
        assertEquals(-1, MemoryCommands.parseMemSizeKb("12xy"));
        assertEquals(-1, MemoryCommands.parseMemSizeKb("12x"));
        assertEquals(-1, MemoryCommands.parseMemSizeKb("1mb"));
        assertEquals(-1, MemoryCommands.parseMemSizeKb("lots"));
    }
}
