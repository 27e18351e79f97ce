package io.xenon.actors.guest;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.actors.TestKernels;
import org.junit.jupiter.api.Test;

class GuestLoaderTest {

    private final GuestLoader loader = new GuestLoader(getClass().getClassLoader());

    @Test
    void loadsAJavaGuestByClassName() throws Exception {
        assertInstanceOf(TestKernels.Idle.class, loader.load("java:" + TestKernels.Idle.class.getName(), ""));
    }

    @Test
    void refusesANativeKernelImageSayingWhatWouldWork() {
        String msg = assertThrows(GuestLoadException.class, () -> loader.load("/boot/vmlinuz", "root=/dev/xvda1"))
                .getMessage();
        assertTrue(msg.contains("/boot/vmlinuz") && msg.contains("builtin:NAME") && msg.contains("java:CLASS"), msg);
    }

    @Test
    void refusesAMissingClass() {
        String msg = assertThrows(GuestLoadException.class, () -> loader.load("java:no.such.Guest", "")).getMessage();
        assertTrue(msg.contains("not found"), msg);
    }

    @Test
    void refusesAClassThatIsNotAGuestKernel() {
        String msg = assertThrows(GuestLoadException.class, () -> loader.load("java:java.lang.String", "")).getMessage();
        assertTrue(msg.contains("does not implement"), msg);
    }

    @Test
    void refusesAnUnknownBuiltInNamingTheKnownOnes() {
        String msg = assertThrows(GuestLoadException.class, () -> loader.load("builtin:nope", "")).getMessage();
        assertTrue(msg.contains("no built-in image named \"nope\""), msg);
    }

    @Test
    void refusesAnEmptyKernel() {
        assertThrows(GuestLoadException.class, () -> loader.load(null, ""));
        assertThrows(GuestLoadException.class, () -> loader.load("", ""));
    }
}
