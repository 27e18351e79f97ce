package io.xenon.runtime.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.runtime.config.ConfigException;
import io.xenon.runtime.config.DomainConfig;
import io.xenon.runtime.config.DomainConfigs;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostMemoryTest {

    private Host host;

    @BeforeEach
    void boot() throws CreateException {
        host = new Host(256, 2);
        host.createDom0(64, 1);
    }

    private static DomainConfig config(String name, String memory) throws ConfigException {
        return DomainConfigs.read("name = \"" + name + "\"\n" + memory + "\nkernel = \"builtin:idle\"\n", name + ".cfg",
                List.of());
    }

    private long sumOfDomainsKiB() {
        return host.domains().stream().mapToLong(d -> d.info().currentKiB()).sum();
    }

    @Test
    void freeMemoryIsTotalLessEveryDomainIncludingDomain0() throws Exception {
        Domain d = host.create(config("a", "memory = 64\nmaxmem = 96"));

        assertEquals(128 * 1024, host.frames().freeFrames() * 4);
        assertEquals(256 * 1024, sumOfDomainsKiB() + host.frames().freeFrames() * 4);
        assertEquals(96 * 1024, d.info().maxKiB());

        d.memory().decreaseReservation(LongStream.range(4096, 4096 + 8192).toArray());
        assertEquals(32 * 1024, d.info().currentKiB());
        assertEquals(256 * 1024, sumOfDomainsKiB() + host.frames().freeFrames() * 4);
    }

    @Test
    void targetAboveTheMaximumIsRefusedWithLibxlsReason() throws Exception {
        Domain d = host.create(config("a", "memory = 64"));

        MemoryException e = assertThrows(MemoryException.class, () -> host.setMemoryTarget(d, 65 * 1024));

        assertTrue(e.getMessage().startsWith("memory_dynamic_max must be less than or equal to memory_static_max"),
                e.getMessage());
        assertEquals(64 * 1024, d.targetKiB());
        host.setMemoryTarget(d, 32 * 1024);
        assertEquals(32 * 1024, d.targetKiB());
    }

    @Test
    void targetNeedingMoreThanTheHostHasFreeIsRefused() throws Exception {
        Domain d = host.create(config("a", "memory = 64\nmaxmem = 192"));
        host.create(config("b", "memory = 100"));

        MemoryException e = assertThrows(MemoryException.class, () -> host.setMemoryTarget(d, 160 * 1024));

        assertTrue(e.getMessage().startsWith("not enough free memory on the host"), e.getMessage());
        assertEquals(64 * 1024, d.targetKiB());
    }

    @Test
    void maxBelowTheTargetOrAboveTheHostIsRefused() throws Exception {
        Domain d = host.create(config("a", "memory = 64"));

        assertThrows(MemoryException.class, () -> host.setMaxMemory(d, 32 * 1024));
        assertThrows(MemoryException.class, () -> host.setMaxMemory(d, 257 * 1024));
        assertEquals(64 * 1024, d.info().maxKiB());

        host.setMaxMemory(d, 128 * 1024);
        assertEquals(128 * 1024, d.info().maxKiB());
        host.setMemoryTarget(d, 128 * 1024);
        assertEquals(128 * 1024, d.targetKiB());
    }

    @Test
    void aDomainWhoseMaxmemExceedsTheHostIsNotCreated() throws Exception {
        CreateException e = assertThrows(CreateException.class, () -> host.create(config("a", "memory = 64\nmaxmem = 512")));

        assertTrue(e.getMessage().contains("maxmem"), e.getMessage());
        assertEquals(1, host.domainCount());
        assertEquals(192 * 1024, host.frames().freeFrames() * 4);
    }
}
