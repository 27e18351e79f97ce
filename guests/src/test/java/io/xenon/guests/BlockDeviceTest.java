package io.xenon.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.actors.HypervisorActor;
import io.xenon.actors.Reply;
import io.xenon.actors.xenstore.DeviceInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** blkfront in builtin:blkstress against Domain-0's blkback on an image file, end to end. */
class BlockDeviceTest extends HostTestBase {

    @Test
    void blkstressWritesFlushesReadsBackAndVerifiesThroughTheRing() throws Exception {
        host.create(stress("stress", "writes=48 rounds=2", "size=8M, target=stress.img"));
        TestHost.await(() -> host.consoleText("stress").contains("blkstress: done"));
        String console = host.consoleText("stress");
        assertTrue(console.contains("round 1: 48 writes, 1 flush, 48 reads verified, 0 errors"), console);
        assertTrue(console.contains("round 2: 48 writes, 1 flush, 48 reads verified, 0 errors"), console);
        List<DeviceInfo> disks = host.devices("stress", "vbd");
        assertEquals(1, disks.size());
        assertEquals(51712, disks.get(0).devid());
        assertEquals(4, disks.get(0).state());
        assertEquals(4, disks.get(0).backState());
        Path image = stateDir.resolve("images/stress.img");
        assertEquals(8L << 20, Files.size(image));
    }

    @Test
    void aReadOnlyDiskIsRefusedAsTooSmallOrReadOnlyAndTheDomainRuns() throws Exception {
        Files.createDirectories(stateDir.resolve("images"));
        Files.write(stateDir.resolve("images/ro.img"), new byte[1 << 20]);
        host.create(stress("ro", "writes=8", "access=ro, target=ro.img"));
        TestHost.await(() -> host.consoleText("ro").contains("read-only"));
    }

    @Test
    void aBackEndKilledMidStreamRestartsAndTheFrontReissuesWithNothingLost() throws Exception {
        int id = host.create(stress("phoenix", "writes=32 rounds=40", "size=4M, target=phoenix.img")).domid().value();
        TestHost.await(() -> host.consoleText("phoenix").contains("round 3:"));
        host.killBackend("vbd-" + id + "-51712");
        TestHost.await(() -> host.consoleText("phoenix").contains("blkstress: done"),
                () -> host.consoleText("phoenix") + "\n" + host.devices("phoenix", "vbd"));
        String console = host.consoleText("phoenix");
        for (int round = 1; round <= 40; round++) {
            assertTrue(console.contains("round " + round + ": 32 writes, 1 flush, 32 reads verified, 0 errors"),
                    "round " + round + ":\n" + console);
        }
    }

    @Test
    void detachWalksClosingToClosedBeforeTheDirectoriesGo() throws Exception {
        HypervisorActor.Counts before = host.counts();
        host.create(stress("detached", "writes=8", "size=1M, target=detached.img"));
        TestHost.await(() -> host.consoleText("detached").contains("blkstress: done"));
        long t0 = System.nanoTime();
        Reply reply = host.ask(r -> new HypervisorActor.DetachDevice("detached", "vbd", "xvda", r));
        assertEquals(new Reply.Done(""), reply, "closed by the front and back ends, not by the timeout");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertTrue(host.devices("detached", "vbd").isEmpty());
        assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.DestroyDomain("detached", r)));
        TestHost.await(() -> host.counts().equals(before), () -> before + " then " + host.counts());
    }

    @Test
    void aFrontEndThatBreaksItsRingBreaksOnlyItsOwnDisk() throws Exception {
        host.create(stress("honest", "writes=16 rounds=20", "size=1M, target=honest.img"));
        host.create("name = \"evil\"\nkernel = \"java:" + EvilBlkFront.class.getName() + "\"\nmemory = 64\n"
                + "disk = [ 'format=raw, vdev=xvda, size=1M, target=evil.img' ]\n");
        TestHost.await(() -> host.consoleText("evil").contains("evil: ring broken"), () -> host.consoleText("evil"));
        TestHost.await(() -> host.devices("evil", "vbd").get(0).backState() >= 5, () -> host.devices("evil", "vbd").toString());
        TestHost.await(() -> host.consoleText("honest").contains("blkstress: done"), () -> host.consoleText("honest"));
        String honest = host.consoleText("honest");
        for (int round = 1; round <= 20; round++) {
            assertTrue(honest.contains("round " + round + ": 16 writes, 1 flush, 16 reads verified, 0 errors"), honest);
        }
    }

    @Test
    void vbdBackEndsReleaseTheirRingsAndPortsWithTheirDomains() throws Exception {
        HypervisorActor.Counts before = host.counts();
        for (int i = 0; i < 30; i++) {
            String name = "s" + i;
            host.create(stress(name, "writes=4", "size=1M, target=s" + i + ".img"));
            TestHost.await(() -> host.consoleText(name).contains("blkstress: done"),
                    () -> host.consoleText(name) + "\n" + host.devices(name, "vbd") + "\n"
                            + host.ringState(host.devices(name, "vbd").get(0).frontendId(),
                                    host.devices(name, "vbd").get(0).ringRef(), host.devices(name, "vbd").get(0).evtch()));
            assertInstanceOf(Reply.Done.class, host.ask(r -> new HypervisorActor.DestroyDomain(name, r)));
        }
        TestHost.await(() -> host.counts().equals(before), () -> before + " then " + host.counts());
        assertEquals(before, host.counts());
    }

    private static String stress(String name, String extra, String disk) {
        return "name = \"" + name + "\"\nkernel = \"builtin:blkstress\"\nmemory = 64\nextra = \"" + extra + "\"\n"
                + "disk = [ 'format=raw, vdev=xvda, " + disk + "' ]\n";
    }
}
