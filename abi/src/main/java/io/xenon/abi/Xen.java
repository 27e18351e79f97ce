package io.xenon.abi;

/**
 * Constants from {@code xen/include/public/xen.h}: domain ids, hypercall numbers, VIRQs, page
 * size, and the {@code console_io} commands.
 */
public final class Xen {

    private Xen() {
    }

    /** {@code XEN_PAGE_SHIFT}: every ring and hypercall page is 4 KiB whatever the guest uses. */
    public static final int XEN_PAGE_SHIFT = 12;
    public static final int XEN_PAGE_SIZE = 1 << XEN_PAGE_SHIFT;

    /** The most vCPUs a domain may have in Xenon (Xen's x86 HVM limit is 128). */
    public static final int MAX_VIRT_CPUS = 128;
    /** {@code XEN_LEGACY_MAX_VCPUS}: vcpu_info slots in shared_info on x86. */
    public static final int XEN_LEGACY_MAX_VCPUS = 32;

    // Domain ids (domid_t).
    public static final int DOMID_FIRST_RESERVED = 0x7FF0;
    public static final int DOMID_SELF = 0x7FF0;
    public static final int DOMID_IO = 0x7FF1;
    public static final int DOMID_XEN = 0x7FF2;
    public static final int DOMID_COW = 0x7FF3;
    public static final int DOMID_INVALID = 0x7FF4;
    public static final int DOMID_ANY = 0x7FF5;
    public static final int DOMID_IDLE = 0x7FFF;

    // Hypercall numbers (__HYPERVISOR_*).
    public static final int HYPERVISOR_SET_TIMER_OP = 15;
    public static final int HYPERVISOR_CONSOLE_IO = 18;
    public static final int HYPERVISOR_XEN_VERSION = 17;
    public static final int HYPERVISOR_GRANT_TABLE_OP = 20;
    public static final int HYPERVISOR_VM_ASSIST = 21;
    public static final int HYPERVISOR_SCHED_OP = 29;
    public static final int HYPERVISOR_EVENT_CHANNEL_OP = 32;
    public static final int HYPERVISOR_MEMORY_OP = 12;

    // console_io commands.
    public static final int CONSOLEIO_WRITE = 0;
    public static final int CONSOLEIO_READ = 1;

    // VIRQs (V = per-vCPU, D = per-domain, G = global).
    public static final int VIRQ_TIMER = 0;
    public static final int VIRQ_DEBUG = 1;
    public static final int VIRQ_CONSOLE = 2;
    public static final int VIRQ_DOM_EXC = 3;
    public static final int VIRQ_TBUF = 4;
    public static final int VIRQ_DEBUGGER = 6;
    public static final int VIRQ_XENOPROF = 7;
    public static final int VIRQ_CON_RING = 8;
    public static final int VIRQ_PCPU_STATE = 9;
    public static final int VIRQ_MEM_EVENT = 10;
    public static final int VIRQ_ARGO = 11;
    public static final int VIRQ_ENOMEM = 12;
    public static final int VIRQ_XENPMU = 13;
    /** {@code VIRQ_ARCH_0} .. {@code VIRQ_ARCH_7}: architecture-specific VIRQs 16 to 23. */
    public static final int VIRQ_ARCH_0 = 16;
    public static final int VIRQ_ARCH_7 = 23;
    public static final int NR_VIRQS = 24;
}
