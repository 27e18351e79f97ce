/**
 * The XenStore daemon's core ({@code tools/xenstored} in Xen) as plain Java: the tree of nodes
 * with their permissions, transactions, watches and per-domain quotas, answering
 * {@code xs_wire.h} messages.
 *
 * <p>{@link io.xenon.runtime.xenstore.XenStore} is the entry point. It has no sockets and no
 * actors: a transport (the Unix-socket server, a domain's ring) decodes frames into
 * {@link io.xenon.abi.xenstore.XsMessage}s, calls {@code handle} on the thread that owns the
 * store, and sends back the reply and any watch events.
 */
package io.xenon.runtime.xenstore;
