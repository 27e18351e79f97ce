package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Built-in guests with Domain-0's real console back end: the console ring reaches the console
 * log and its file, input comes back, and nothing a console back end holds outlives its domain.
 */
class ConsoleLifetimeTest extends HostTestBase {

    @Test
    void theConsoleRingReachesTheLogAndItsFileAndInputComesBack() throws Exception {
        host.create(idle("talker"));
        TestHost.await(() -> host.consoleText("talker").contains("Xenon mini-os: idle"));
        TestHost.await(() -> host.console("talker").input() != null);
        host.console("talker").input().accept("typed\n".getBytes());
        TestHost.await(() -> host.consoleText("talker").contains("typed"));
        Path file = stateDir.resolve("console/talker.log");
        TestHost.await(() -> Files.exists(file) && read(file).contains("Xenon mini-os: idle"));
    }

    @Test
    void consoleBackEndsReleaseTheirPortsAndMappingsWithTheirDomains() throws Exception {
        HypervisorActor.Counts before = host.counts();
        for (int i = 0; i < 200; i++) {
            String name = "brief" + i;
            host.create(idle(name));
            TestHost.await(() -> host.console(name).input() != null);
            assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.DestroyDomain(name, r)));
        }
        TestHost.await(() -> host.counts().equals(before));
        assertEquals(before, host.counts());
    }

    static String idle(String name) {
        return "name = \"" + name + "\"\nkernel = \"builtin:idle\"\nmemory = 32\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
