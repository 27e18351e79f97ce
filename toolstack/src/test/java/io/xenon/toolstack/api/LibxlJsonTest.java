package io.xenon.toolstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xenon.runtime.config.Action;
import io.xenon.runtime.config.DomainConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibxlJsonTest {

    @Test
    void rendersTheConfigWithLibxlsFieldNames() throws Exception {
        JsonNode json = LibxlJson.render(DomainConfigs.read("""
                name = "web"
                type = "pvh"
                memory = 256
                maxmem = 512
                vcpus = 2
                maxvcpus = 4
                cpus = "1-2"
                cpu_weight = 512
                cap = 50
                kernel = "builtin:idle"
                root = "/dev/xvda1"
                extra = "quiet"
                on_crash = "rename-restart"
                disk = [ 'format=raw, vdev=xvda, access=ro, target=/img/web.img' ]
                vif = [ 'mac=00:16:3e:00:00:01, bridge=br1, rate=10Mb/s' ]
                pci = [ '01:00.*' ]
                """, "web.cfg", List.of()), 4);
        JsonNode c = json.path("c_info");
        assertEquals("pvh", c.path("type").asText());
        assertEquals("web", c.path("name").asText());
        JsonNode b = json.path("b_info");
        assertEquals(4, b.path("max_vcpus").asInt());
        assertEquals("[0,1]", b.path("avail_vcpus").toString());
        assertEquals("[[1,2],[1,2],[1,2],[1,2]]", b.path("vcpu_hard_affinity").toString());
        assertEquals(512 * 1024, b.path("max_memkb").asLong());
        assertEquals(256 * 1024, b.path("target_memkb").asLong());
        assertEquals(512, b.path("sched_params").path("weight").asInt());
        assertEquals(50, b.path("sched_params").path("cap").asInt());
        assertEquals("root=/dev/xvda1 quiet", b.path("cmdline").asText());
        assertTrue(b.has("type.pvh"));
        JsonNode disk = json.path("disks").get(0);
        assertEquals("/img/web.img", disk.path("pdev_path").asText());
        assertEquals(0, disk.path("readwrite").asInt());
        JsonNode nic = json.path("nics").get(0);
        assertEquals("00:16:3e:00:00:01", nic.path("mac").asText());
        assertEquals(0, nic.path("devid").asInt());
        assertEquals(1_250_000L * 50_000 / 1_000_000, nic.path("rate_bytes_per_interval").asLong());
        assertEquals(50_000, nic.path("rate_interval_usecs").asLong());
        assertEquals(0xff, json.path("pcidevs").get(0).path("vfunc_mask").asInt());
        assertEquals("restart_rename", json.path("on_crash").asText());
        assertEquals("restart", json.path("on_reboot").asText());
    }

    @Test
    void defaultsAreLeftOut() throws Exception {
        JsonNode b = LibxlJson.render(DomainConfigs.read("name = \"d\"\nkernel = \"builtin:idle\"\n", "d.cfg", List.of()), 2).path("b_info");
        assertFalse(b.has("sched_params"));
        assertFalse(b.has("vcpu_hard_affinity"));
        assertFalse(b.has("cmdline"));
        assertEquals(32 * 1024, b.path("max_memkb").asLong());
    }

    @Test
    void actionsUseLibxlsEnumNames() {
        assertEquals("coredump_restart", LibxlJson.action(Action.COREDUMP_RESTART));
        assertEquals("restart_rename", LibxlJson.action(Action.RENAME_RESTART));
        assertEquals("soft_reset", LibxlJson.action(Action.SOFT_RESET));
    }

    @Test
    void writesYajlsBeautifiedLayout() throws Exception {
        String text = LibxlJson.write(Json.mapper().readTree("{\"a\":[1,2],\"b\":{\"c\":\"d\"}}"));
        assertEquals("{\n    \"a\": [\n        1,\n        2\n    ],\n    \"b\": {\n        \"c\": \"d\"\n    }\n}", text);
    }
}
