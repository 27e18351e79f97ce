package io.xenon.actors.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class KernelArgsTest {

    @Test
    void readsKeyValueWordsAndFlags() {
        KernelArgs a = KernelArgs.parse("  root=/dev/xvda1 after=5s  quiet count=3 ");
        assertEquals("/dev/xvda1", a.string("root", null));
        assertTrue(a.has("quiet"));
        assertEquals("", a.string("quiet", null));
        assertEquals(3, a.number("count", 0));
        assertFalse(a.has("missing"));
        assertEquals("root=/dev/xvda1 after=5s  quiet count=3", a.line());
    }

    @Test
    void laterWordsOverrideEarlierOnes() {
        assertEquals("2", KernelArgs.parse("n=1 n=2").string("n", null));
    }

    @Test
    void readsDurationsWithUnitsAndADefaultUnit() {
        KernelArgs a = KernelArgs.parse("a=250ms b=5 c=3us d=2m");
        assertEquals(Duration.ofMillis(250), a.duration("a", null, ChronoUnit.SECONDS));
        assertEquals(Duration.ofSeconds(5), a.duration("b", null, ChronoUnit.SECONDS));
        assertEquals(Duration.ofNanos(3000), a.duration("c", null, ChronoUnit.SECONDS));
        assertEquals(Duration.ofMinutes(2), a.duration("d", null, ChronoUnit.SECONDS));
        assertEquals(Duration.ofHours(1), a.duration("e", Duration.ofHours(1), ChronoUnit.SECONDS));
    }

    @Test
    void namesTheKeyOfABadValue() {
        KernelArgs a = KernelArgs.parse("after=soon count=many");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> a.duration("after", null, ChronoUnit.SECONDS)).getMessage().startsWith("after=soon"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> a.number("count", 0)).getMessage()
                .startsWith("count=many"));
    }

    @Test
    void anEmptyOrMissingLineHasNoWords() {
        assertTrue(KernelArgs.parse(null).asMap().isEmpty());
        assertTrue(KernelArgs.parse("   ").asMap().isEmpty());
    }
}
