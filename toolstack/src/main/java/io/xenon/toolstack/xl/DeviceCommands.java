package io.xenon.toolstack.xl;

import com.fasterxml.jackson.core.type.TypeReference;
import io.xenon.toolstack.api.Api;
import io.xenon.toolstack.api.DeviceView;
import io.xenon.toolstack.api.Requests;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The split-device commands ({@code xl_block.c}, {@code xl_nic.c}): block-attach, block-detach,
 * block-list, network-attach, network-detach, network-list, with xl's output; and Xenon's
 * network-capture, which xl does not have ({@code tcpdump -i vif<domid>.<devid>} in Xen's Dom0).
 */
@Command(name = "xl")
final class DeviceCommands {

    private static final TypeReference<List<DeviceView>> DEVICES = new TypeReference<>() {
    };

    private final Xl xl;

    DeviceCommands(Xl xl) {
        this.xl = xl;
    }

    @Command(name = "block-list", description = "List virtual block devices for a domain.",
            customSynopsis = "xl block-list <Domain(s)>")
    int blockList(@Parameters(arity = "1..*", paramLabel = "Domain") List<String> doms) throws Exception {
        xl.out.println(String.format(Locale.ROOT, "%-5s %-3s %-6s %-5s %-6s %-8s %-30s",
                "Vdev", "BE", "handle", "state", "evt-ch", "ring-ref", "BE-path"));
        for (String dom : doms) {
            for (DeviceView d : xl.client().get(Api.domain(dom, "devices/vbd"), DEVICES)) {
                xl.out.println(String.format(Locale.ROOT, "%-5d %-3d %-6d %-5d %-6d %-8d %-30s", d.devid(),
                        d.backendId(), d.frontendId(), d.state(), d.evtch(), d.ringRef(), d.backend()));
            }
        }
        return 0;
    }

    @Command(name = "network-list", description = "List virtual network interfaces for a domain.",
            customSynopsis = "xl network-list <Domain(s)>")
    int networkList(@Parameters(arity = "1..*", paramLabel = "Domain") List<String> doms) throws Exception {
        xl.out.println(String.format(Locale.ROOT, "%-3s %-2s %-17s %-6s %-5s %-6s %5s/%-5s %-30s",
                "Idx", "BE", "Mac Addr.", "handle", "state", "evt-ch", "tx-", "rx-ring-ref", "BE-path"));
        for (String dom : doms) {
            for (DeviceView d : xl.client().get(Api.domain(dom, "devices/vif"), DEVICES)) {
                xl.out.println(String.format(Locale.ROOT, "%-3d %-2d %s%6d %5d %6d %5d/%-11d %-30s", d.devid(),
                        d.backendId(), d.mac() == null ? "00:00:00:00:00:00" : d.mac(), d.devid(), d.state(),
                        d.evtch(), d.txRingRef(), d.rxRingRef(), d.backend()));
            }
        }
        return 0;
    }

    @Command(name = "block-attach", description = "Create a new virtual block device.",
            customSynopsis = "xl block-attach <Domain> <disk-spec-component(s)>...")
    int blockAttach(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "disk-spec") List<String> spec) throws Exception {
        xl.client().post(Api.domain(dom, "devices/vbd"), new Requests.AttachRequest(spec), Requests.Message.class);
        return 0;
    }

    @Command(name = "block-detach", description = "Destroy a domain's virtual block device.",
            customSynopsis = "xl block-detach <Domain> <DevId>")
    int blockDetach(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "DevId") String device) throws Exception {
        detach(dom, "vbd", device);
        return 0;
    }

    @Command(name = "network-attach", description = "Create a new virtual network device.",
            customSynopsis = "xl network-attach <Domain> [type=<type>] [mac=<mac>] [bridge=<bridge>] ...")
    int networkAttach(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "key=value") List<String> spec) throws Exception {
        xl.client().post(Api.domain(dom, "devices/vif"), new Requests.AttachRequest(spec == null ? List.of() : spec),
                Requests.Message.class);
        return 0;
    }

    @Command(name = "network-detach", description = "Destroy a domain's virtual network device.",
            customSynopsis = "xl network-detach <Domain> <DevId|mac>")
    int networkDetach(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "DevId|mac") String device) throws Exception {
        detach(dom, "vif", device);
        return 0;
    }

    @Command(name = "network-capture", description = "Capture a virtual network interface's frames into a pcap file.",
            customSynopsis = "xl network-capture <Domain> <DevId> <file> [seconds]")
    int networkCapture(@Parameters(index = "0", paramLabel = "Domain") String dom,
            @Parameters(index = "1", paramLabel = "DevId") int devid,
            @Parameters(index = "2", paramLabel = "file") java.nio.file.Path file,
            @Parameters(index = "3", arity = "0..1", paramLabel = "seconds", defaultValue = "10") int seconds)
            throws Exception {
        Requests.CaptureResponse r = xl.client().post(Api.domain(dom, "devices/vif") + "/" + devid + "/capture",
                new Requests.CaptureRequest(file.toAbsolutePath().toString(), seconds), Requests.CaptureResponse.class,
                java.time.Duration.ofSeconds(seconds + 60L));
        xl.out.println("Captured " + r.frames() + " frames from " + r.port() + " into " + r.file()
                + (r.missed() > 0 ? " (" + r.missed() + " not written: the disk was too slow)" : ""));
        return 0;
    }

    private void detach(String dom, String kind, String device) throws Exception {
        xl.client().post(Api.domain(dom, "devices/" + kind) + "/"
                + java.net.URLEncoder.encode(device, java.nio.charset.StandardCharsets.UTF_8) + "/detach", null,
                Requests.Message.class);
    }
}
