package io.xenon.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.abi.xenstore.XsType;
import io.xenon.runtime.domain.DomainInfo;
import org.junit.jupiter.api.Test;

/** Domain-0's balloon in a booted host (2 GiB, Domain-0 512 MiB): {@code xl mem-set 0} and raw XenStore writes. */
class Dom0BalloonActorTest extends HostTestBase {

    private static final long BOOT_KIB = 512 * 1024;

    @Test
    void memSetOnDomain0MovesItsMemoryAndTheHostsFreeMemory() {
        long free = hostInfo().freeMiB();
        assertEquals(BOOT_KIB, dom0().currentKiB());

        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.SetMemoryTarget("0", BOOT_KIB - 262144, r)));
        awaitDomain("Domain-0", d -> d.currentKiB() == BOOT_KIB - 262144);
        assertEquals(free + 256, hostInfo().freeMiB());
        assertEquals(BOOT_KIB - 262144, dom0().targetKiB());

        assertInstanceOf(Reply.Done.class, ask(r -> new HypervisorActor.SetMemoryTarget("Domain-0", BOOT_KIB, r)));
        awaitDomain("Domain-0", d -> d.currentKiB() == BOOT_KIB);
        assertEquals(free, hostInfo().freeMiB());
    }

    @Test
    void aTargetAboveDomain0sMaximumIsRefused() {
        Reply.Rejected rejected = assertInstanceOf(Reply.Rejected.class,
                ask(r -> new HypervisorActor.SetMemoryTarget("0", BOOT_KIB + 1024, r)));

        assertTrue(rejected.reason().contains("memory_dynamic_max must be less than or equal to memory_static_max"),
                rejected.reason());
        assertEquals(String.valueOf(BOOT_KIB), xenstore().read(Dom0BalloonActor.TARGET));
        assertEquals(BOOT_KIB, dom0().currentKiB());
        assertEquals(BOOT_KIB, dom0().targetKiB());
    }

    @Test
    void garbageWrittenToTheTargetNodeChangesNothingAndTheBalloonKeepsWorking() {
        XsProbe xs = xenstore();
        long free = hostInfo().freeMiB();

        for (String bad : new String[] {"262144junk", "-262144", "0x40000", "", "0", "lots"}) {
            assertEquals(XsType.XS_WRITE, xs.write(Dom0BalloonActor.TARGET, bad).type(), bad);
            assertEquals(BOOT_KIB, dom0().currentKiB(), bad);
        }
        assertEquals(free, hostInfo().freeMiB());

        xs.write(Dom0BalloonActor.TARGET, "393216");
        awaitDomain("Domain-0", d -> d.currentKiB() == 393216);
        assertEquals(393216, dom0().targetKiB());
        assertEquals(free + 128, hostInfo().freeMiB());

        xs.write(Dom0BalloonActor.TARGET, "99999999999999999999999");
        awaitDomain("Domain-0", d -> d.currentKiB() == BOOT_KIB);
        assertEquals(BOOT_KIB, dom0().targetKiB());
        assertEquals(free, hostInfo().freeMiB());
        assertInstanceOf(Reply.Created.class, create(TestConfigs.idle("after-garbage")));
    }

    private DomainInfo dom0() {
        return list().get(0);
    }
}
