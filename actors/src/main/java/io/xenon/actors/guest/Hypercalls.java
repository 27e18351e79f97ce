package io.xenon.actors.guest;

import io.xenon.abi.DomId;
import io.xenon.abi.ShutdownReason;
import io.xenon.runtime.mm.Page;

/**
 * The hypercall surface a guest kernel calls, bound to one vCPU of one domain. Each method names
 * the Xen hypercall it stands for; results and errors follow Xen's (negative errno values).
 *
 * <p>Calls return at once: those that change scheduling ({@link #block()}, {@link #yield()},
 * {@link #shutdown}) take effect when the current step returns.
 */
public interface Hypercalls {

    /** This domain's id. */
    DomId domid();

    /** The calling vCPU. */
    int vcpuId();

    /** vCPUs the domain may bring up ({@code vcpus} in its config; the rest are offline). */
    int availableVcpus();

    /** The kernel command line ({@code start_info.cmd_line}). */
    String commandLine();

    /** {@code NOW()}: Xen system time in ns, monotonic, from host boot. */
    long systemTime();

    /** {@code console_io(CONSOLEIO_write)}: writes to the domain's console. */
    void consoleWrite(byte[] data, int offset, int length);

    /** {@code console_io(CONSOLEIO_write)} of text as UTF-8. */
    default void consoleWrite(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        consoleWrite(b, 0, b.length);
    }

    /** {@code sched_op(SCHEDOP_yield)}: give the pCPU to another vCPU; stay runnable. */
    void yield();

    /**
     * {@code sched_op(SCHEDOP_block)}: sleep until an event upcall is pending. Returns at once
     * (the vCPU stays runnable) if one already is.
     */
    void block();

    /** {@code sched_op(SCHEDOP_shutdown)}: shuts the domain down for {@code reason}. */
    void shutdown(ShutdownReason reason);

    /**
     * {@code set_timer_op}: raise an upcall on this vCPU at system time {@code deadlineNanos};
     * 0 cancels. A deadline in the past fires at once.
     */
    void setTimer(long deadlineNanos);

    /**
     * {@code vcpu_op(VCPUOP_up)}: bring vCPU {@code vcpu} up; it starts running {@link
     * GuestKernel#step}.
     *
     * @return 0, or {@code -EINVAL} for a vCPU outside {@link #availableVcpus()}
     */
    int vcpuUp(int vcpu);

    /** {@code vcpu_op(VCPUOP_down)} on the calling vCPU: it stops being scheduled. */
    void vcpuDown();

    /**
     * {@code vcpu_op(VCPUOP_down)} on vCPU {@code vcpu} of this domain, as a kernel that offlines
     * a CPU does from another one; it stops being scheduled once its current slice ends.
     *
     * @return 0, or {@code -EINVAL} for a vCPU the domain does not have
     */
    int vcpuDown(int vcpu);

    /** This domain's memory now, in 4 KiB pages (as {@link #memoryCurrentReservation()}). */
    long nrPages();

    /**
     * This domain's page at {@code gfn} (a guest's own memory, as a PV kernel maps it).
     *
     * @throws IllegalArgumentException if {@code gfn} is outside the domain or ballooned out
     */
    Page page(long gfn);

    // memory_op (XENMEM_*) on DOMID_SELF, with 4 KiB extents (extent_order 0)

    /**
     * {@code XENMEM_decrease_reservation}: gives the frames at {@code gfns} back to the host. The
     * guest must no longer use them.
     *
     * @return how many it gave back: all of them, or fewer if one was not populated
     */
    int memoryDecreaseReservation(long[] gfns);

    /**
     * {@code XENMEM_populate_physmap}: takes a frame from the host for each of {@code gfns}.
     *
     * @return how many it populated: fewer than asked when the domain reached its maximum, the
     *         host ran out of free memory, or a GFN was already populated or past
     *         {@link #memoryMaximumGpfn()}
     */
    int memoryPopulatePhysmap(long[] gfns);

    /** {@code XENMEM_current_reservation}: the pages this domain holds now. */
    long memoryCurrentReservation();

    /** {@code XENMEM_maximum_reservation}: the pages it may hold ({@code xl mem-max}). */
    long memoryMaximumReservation();

    /** {@code XENMEM_maximum_gpfn}: the highest GFN it may populate. */
    long memoryMaximumGpfn();

    /** {@code xen_version}: the version string, e.g. {@code 4.19.0-xenon}. */
    String xenVersion();

    // event_channel_op (EVTCHNOP_*): ports are this domain's; results are ports or -errno.

    /** {@code EVTCHNOP_alloc_unbound}: a port that {@code remoteDom} may bind to. */
    int evtchnAllocUnbound(DomId remoteDom);

    /** {@code EVTCHNOP_bind_interdomain}: connects a new local port to {@code remoteDom}'s unbound port. */
    int evtchnBindInterdomain(DomId remoteDom, int remotePort);

    /** {@code EVTCHNOP_bind_virq}: a port for {@code virq} on {@code vcpu}. */
    int evtchnBindVirq(int virq, int vcpu);

    /** {@code EVTCHNOP_bind_ipi}: a port whose sends notify {@code vcpu} of this domain. */
    int evtchnBindIpi(int vcpu);

    /** {@code EVTCHNOP_bind_vcpu}: delivers {@code port}'s events to {@code vcpu}. */
    int evtchnBindVcpu(int port, int vcpu);

    /** {@code EVTCHNOP_send}: notifies the other end of {@code port}. */
    int evtchnSend(int port);

    /** {@code EVTCHNOP_close}. */
    int evtchnClose(int port);

    /** {@code EVTCHNOP_unmask}: delivers an event that arrived while the port was masked. */
    int evtchnUnmask(int port);

    /** {@code EVTCHNOP_status} of one of this domain's ports. */
    io.xenon.runtime.evtchn.EvtchnStatus evtchnStatus(int port);

    /** Sets {@code port}'s mask bit in the shared-info page. */
    void evtchnMask(int port);

    /**
     * The upcall's scan of the shared-info page for this vCPU ({@code evtchn_2l_handle_events}):
     * clears and hands over each pending, unmasked port bound here.
     *
     * @return how many ports it handed over
     */
    int evtchnDrain(java.util.function.IntConsumer handler);

    // grant_table_op (GNTTABOP_*) and the guest's own grant entries

    /** {@code GNTTABOP_setup_table}: grows this domain's table to {@code nrFrames} and lists its frames. */
    io.xenon.runtime.gnttab.TableFrames gnttabSetupTable(int nrFrames);

    /** {@code GNTTABOP_query_size} of this domain's table. */
    io.xenon.runtime.gnttab.TableSize gnttabQuerySize();

    /** {@code GNTTABOP_map_grant_ref}: maps {@code dom}'s grant {@code ref} (flags {@code GNTMAP_*}). */
    io.xenon.runtime.gnttab.GrantMapping gnttabMap(DomId dom, int ref, int flags);

    /** {@code GNTTABOP_unmap_grant_ref} of a mapping this domain holds. */
    io.xenon.abi.gnttab.GrantStatus gnttabUnmap(int handle);

    /** {@code GNTTABOP_copy}. */
    io.xenon.abi.gnttab.GrantStatus gnttabCopy(io.xenon.runtime.gnttab.GnttabCopy op);

    /**
     * Writes grant entry {@code ref} of this domain's table ({@code gnttab_grant_foreign_access_ref}):
     * {@code grantee} may map or copy frame {@code gfn}.
     *
     * @return 0, or {@code -EINVAL} for a ref outside the table
     */
    int grantAccess(int ref, DomId grantee, long gfn, boolean readonly);

    /** Revokes grant entry {@code ref} unless it is mapped ({@code gnttab_end_foreign_access_ref}). */
    boolean endAccess(int ref);

    /**
     * This domain's own grant entries, which a PV kernel writes directly in its shared grant
     * frames ({@code grantAccess}, {@code endAccess}, {@code flags}); what other domains may do
     * with them goes through the grant-table operations above.
     */
    io.xenon.runtime.gnttab.GrantTable grantTable();

    // XenStore (the xenbus connection: start_info's store_evtchn and store page)

    /** {@code start_info.console.domU.evtchn}: the port of this domain's console ring. */
    int consoleEvtchn();

    /**
     * {@code start_info.console.domU.mfn}: the page holding this domain's console ring
     * ({@code struct xencons_interface}); Domain-0's console back end drains it.
     */
    long consoleGfn();

    /** {@code start_info.store_evtchn}: the port on which XenStore notifies this domain. */
    int storeEvtchn();

    /**
     * Puts a request on this domain's XenStore connection. The reply, like every watch event,
     * arrives through {@link #xsRead()}, with an event on {@link #storeEvtchn()}.
     *
     * @return 0, {@code -EAGAIN} if too many requests await replies, {@code -E2BIG} if the
     *         payload is larger than {@code XENSTORE_PAYLOAD_MAX}
     */
    int xsWrite(io.xenon.abi.xenstore.XsMessage request);

    /** The next reply or watch event from XenStore, or null if none is waiting. */
    io.xenon.abi.xenstore.XsMessage xsRead();
}
