package io.xenon.runtime.config;

/**
 * One {@code disk = [ ... ]} entry, per xl-disk-configuration(5).
 *
 * @param target        the backing path ({@code /dev/} is prepended to a relative one, as xl
 *                      does); null for an empty CD-ROM drive
 * @param format        {@code raw} (default), {@code qcow}, {@code qcow2}, {@code vhd}, {@code qed}
 * @param vdev          the virtual device name as written ({@code xvda}, {@code hdc}, {@code d0p1}, a number)
 * @param readwrite     access: true for {@code rw}/{@code w}, false for {@code ro}/{@code r}
 * @param cdrom         {@code devtype=cdrom} or the bare {@code cdrom} flag
 * @param backend       the backend domain (name or id), default {@code 0}
 * @param backendType   {@code phy}, {@code qdisk}, {@code standalone}, {@code tap}, or null for the default
 * @param script        {@code script=}, or null
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
}
