package io.xenon.runtime.config;

import java.util.Set;

/**
 * The top-level keys Xen's xl knows in a domain config: those documented in xl.cfg(5) and
 * those {@code tools/xl/xl_parse.c: parse_config_data} reads. Xenon keeps the ones it does not
 * interpret and tells them apart, in its warnings, from keys Xen does not know at all.
 */
final class XenKeys {

    private static final Set<String> XL_CFG = Set.of(
            "acpi", "acpi_firmware", "acpi_laptop_slate", "acpi_s3", "acpi_s4", "altp2m", "altp2mhvm",
            "apic", "assisted_x2apic", "assisted_xapic", "bios", "bios_path_override", "boot",
            "bootloader", "bootloader_args", "builder", "cap", "channel", "cmdline", "cpu_weight", "cpuid",
            "cpus", "cpus_soft", "device_model", "device_model_args", "device_model_args_hvm",
            "device_model_args_pv", "device_model_override", "device_model_stubdomain_override",
            "device_model_stubdomain_seclabel", "device_model_user", "device_model_version", "device_tree",
            "disk", "display", "dm_restrict", "driver_domain", "dtdev", "e820_host", "extra", "extratime",
            "firmware", "firmware_override", "gfx_passthru", "gic_version", "hap", "hdtype", "hpet",
            "init_seclabel", "iomem", "ioports", "irqs", "kernel", "keymap", "latency", "llc_colors",
            "localtime", "max_altp2m", "max_event_channels", "max_grant_frames", "max_grant_version",
            "max_maptrack_frames", "maxmem", "maxvcpus", "mca_caps", "memory", "mmio_hole", "ms_vm_genid",
            "msr_relaxed", "name", "nestedhvm", "nographic", "nomigrate", "nr_spis", "nx", "on_crash",
            "on_poweroff", "on_reboot", "on_soft_reset", "on_watchdog", "oos", "opengl", "p9", "pae",
            "passthrough", "pci", "pci_msitranslate", "pci_permissive", "pci_power_mgmt", "pci_seize",
            "period", "pool", "pvcalls", "pvh", "pvshim", "pvshim_cmdline", "pvshim_extra", "pvshim_path",
            "ramdisk", "rdm", "rdm_mem_boundary", "root", "rtc_timeoffset", "sdl", "seclabel", "serial",
            "shadow_memory", "slice", "smbios_firmware", "soundhw", "spice", "spice_clipboard_sharing",
            "spice_image_compression", "spice_streaming_video", "spiceagent_mouse", "spicedisable_ticketing",
            "spicehost", "spicepasswd", "spiceport", "spicetls_port", "spiceusbredirection", "spicevdagent",
            "stdvga", "stubdomain_cmdline", "stubdomain_kernel", "stubdomain_memory", "stubdomain_ramdisk",
            "sve", "tee", "timer_mode", "trap_unmapped_accesses", "tsc_mode", "type", "usb", "usbctrl",
            "usbdev", "usbdevice", "usbversion", "uuid", "vcpus", "vdispl", "vendor_device", "vfb", "vga",
            "videoram", "vif", "vif2", "viridian", "virtio", "vkb", "vkb_device", "vmtrace_buf_kb", "vnc",
            "vncdisplay", "vnclisten", "vncpasswd", "vncunused", "vncviewer", "vnuma", "vpmu", "vpt_align",
            "vsnd", "vtpm", "vuart", "xauthority", "xen_platform_pci", "xend_suspend_evtchn_compat");

    private XenKeys() {
    }

    /** Whether xl knows this key in a domain config. */
    static boolean isXlCfgKey(String key) {
        return XL_CFG.contains(key);
    }
}
