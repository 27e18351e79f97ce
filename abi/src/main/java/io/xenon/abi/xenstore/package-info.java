/**
 * The XenStore wire protocol as Java: {@code xen/include/public/io/xs_wire.h}.
 *
 * <p>{@link io.xenon.abi.xenstore.XsType} is {@code enum xsd_sockmsg_type},
 * {@link io.xenon.abi.xenstore.XsError} is {@code xsd_errors[]}, {@link io.xenon.abi.xenstore.XsWire}
 * holds {@code struct xsd_sockmsg} and the size limits, and {@link io.xenon.abi.xenstore.XsMessage}
 * is one framed message (header plus payload) as it travels on the Unix socket or the shared ring.
 */
package io.xenon.abi.xenstore;
