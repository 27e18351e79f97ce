package io.xenon.runtime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code disk = [ ... ]} entry, per xl-disk-configuration(5) (libxl's
 * {@code libxl_device_disk}).
 *
 * @param target        the backing path as written (xl's {@code pdev_path}); null for an empty
 *                      CD-ROM drive. A relative path is kept as it is: see {@link #blockDevicePath()}
 * @param format        {@code raw} (default), {@code qcow}, {@code qcow2}, {@code vhd}, {@code qed},
 *                      or {@code empty} for a CD-ROM drive without a target
 * @param vdev          the virtual device name as written ({@code xvda}, {@code hdc}, {@code d0p1}, a number)
 * @param readwrite     access: true for {@code rw}/{@code w} (the default), false for
 *                      {@code ro}/{@code r}; a CD-ROM is always read-only, as xl makes it
 * @param cdrom         {@code devtype=cdrom}, the bare {@code cdrom} flag or the deprecated {@code vdev:cdrom}
 * @param backend       the backend domain (name or id), default {@code 0}
 * @param backendType   {@code phy}, {@code qdisk}, {@code standalone}, {@code tap}, or null for the default
 * @param script        {@code script=} (or {@code block-X} from a deprecated {@code X:} prefix), or null
 * @param directIoSafe  the {@code direct-io-safe} flag
 * @param discard       {@code discard} / {@code no-discard}, or null when unset
 * @param trusted       {@code trusted} / {@code untrusted} (default trusted)
 * @param specification {@code xen} (default) or {@code virtio}
 * @param sizeBytes     XEN-DIFF: Xenon's {@code size=} key, the size of an image created when
 *                      the target is absent; null when unset
 * @param spec          the entry as written
 */
public record DiskSpec(
        String target,
        String format,
        String vdev,
        boolean readwrite,
        boolean cdrom,
        String backend,
        String backendType,
        String script,
        boolean directIoSafe,
        Boolean discard,
        boolean trusted,
        String specification,
        Long sizeBytes,
        String spec) {

    /**
     * Parses one disk spec string, as found in {@code disk = [ ... ]}.
     *
     * @param at where the spec is, for error messages
     * @throws ConfigException naming the spec and what is wrong with it
     */
    public static DiskSpec parse(String spec, Position at) throws ConfigException {
        return parse(List.of(spec), at, new ArrayList<>());
    }

    /**
     * Parses one disk from several spec strings, as {@code xl block-attach DOMAIN SPEC...} does:
     * together they describe a single disk.
     *
     * @param warnings receives a warning for each xl parameter Xenon ignores (COLO, grant_usage)
     */
    public static DiskSpec parse(List<String> parts, Position at, List<ConfigWarning> warnings)
            throws ConfigException {
        return DiskSpecParser.parse(parts, at, warnings);
    }

    /**
     * The device path for a {@code phy} disk: the target, with {@code /dev/} in front when it
     * does not start with {@code /}. Xen does this in the Linux block hotplug script
     * ({@code tools/hotplug/Linux/block: expand_dev}) for physical devices only, not in xl's
     * parser: file images and script targets ({@code iscsi:...}, {@code drbd:...}) are left
     * alone. Null for an empty CD-ROM drive.
     */
    public String blockDevicePath() {
        if (target == null) {
            return null;
        }
        return target.startsWith("/") ? target : "/dev/" + target;
    }
}
