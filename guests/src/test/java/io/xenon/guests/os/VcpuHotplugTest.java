package io.xenon.guests.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VcpuHotplugTest {

    @Test
    void readsTheVcpuFromAnAvailabilityPath() {
        assertEquals(2, VcpuHotplug.vcpuOf("cpu/2/availability"));
        assertEquals(13, VcpuHotplug.vcpuOf("/local/domain/5/cpu/13/availability"));
    }

    @Test
    void ignoresEveryOtherPath() {
        assertEquals(-1, VcpuHotplug.vcpuOf("cpu"));
        assertEquals(-1, VcpuHotplug.vcpuOf("cpu/2"));
        assertEquals(-1, VcpuHotplug.vcpuOf("cpu//availability"));
        assertEquals(-1, VcpuHotplug.vcpuOf("cpu/x/availability"));
        assertEquals(-1, VcpuHotplug.vcpuOf("cpu/99999/availability"));
        assertEquals(-1, VcpuHotplug.vcpuOf("/local/domain/5/vcpu/1/availability"));
    }
}
