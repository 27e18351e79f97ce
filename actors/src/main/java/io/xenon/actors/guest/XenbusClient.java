package io.xenon.actors.guest;

import io.xenon.abi.Errno;
import io.xenon.abi.ShutdownReason;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.xenstore.XsCalls;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A guest's XenStore client, after Mini-OS's {@code xenbus.c}: requests go out on the domain's
 * xenbus connection with a request id; {@link #poll} hands each reply to the callback waiting for
 * its id and each watch event to the watch's handler. Relative paths are relative to the domain's
 * home, as xenstored resolves them.
 *
 * <p>Confined to the vCPU that owns it (vCPU 0, where the store event channel is bound): call
 * {@link #poll} from the upcall when the store port is pending.
 */
public final class XenbusClient {

    private final Hypercalls hv;
    private final XsCalls calls = new XsCalls();
    private final ArrayDeque<XsMessage> backlog = new ArrayDeque<>();

    public XenbusClient(Hypercalls hv) {
        this.hv = hv;
    }

    /** {@code XS_READ}; {@code onReply} gets the reply (an {@code XS_ERROR} if it failed). */
    public int read(String path, Consumer<XsMessage> onReply) {
        return send(XsMessage.of(XsType.XS_READ, 0, 0, path), onReply);
    }

    /** {@code XS_DIRECTORY}: the children's names (none if the node is missing or unreadable). */
    public int directory(String path, Consumer<List<String>> onChildren) {
        return send(XsMessage.of(XsType.XS_DIRECTORY, 0, 0, path), reply -> onChildren.accept(XsCalls.children(reply)));
    }

    /** {@code XS_WRITE} of {@code value} at {@code path}. */
    public int write(String path, String value, Consumer<XsMessage> onReply) {
        return send(XsMessage.write(path, value), onReply);
    }

    /** {@code XS_WATCH}: {@code onEvent} gets the path of each change (and one at registration). */
    public int watch(String path, String token, Consumer<String> onEvent) {
        calls.onWatch(token, onEvent);
        return send(XsMessage.of(XsType.XS_WATCH, 0, 0, path, token), reply -> {
        });
    }

    /**
     * Hands every waiting reply and watch event to its callback, then sends what waited for room
     * on the connection; returns how many messages there were.
     */
    public int poll() {
        int n = 0;
        for (XsMessage m = hv.xsRead(); m != null; m = hv.xsRead()) {
            n++;
            calls.deliver(m);
            flushBacklog();
        }
        return n;
    }

    private void flushBacklog() {
        while (!backlog.isEmpty() && hv.xsWrite(backlog.peek()) == 0) {
            backlog.poll();
        }
    }

    /**
     * Obeys the toolstack's shutdown requests as Linux's {@code drivers/xen/manage.c} does:
     * watches {@code control/shutdown}; when it reads {@code poweroff}, {@code halt},
     * {@code reboot} or {@code suspend}, acknowledges by writing {@code ""} and shuts the domain
     * down for that reason.
     */
    public void obeyShutdownRequests() {
        watch("control/shutdown", "control/shutdown", path -> read("control/shutdown", reply -> {
            if (reply.type() != XsType.XS_READ) {
                return;
            }
            ShutdownReason reason = switch (reply.payloadString()) {
                case "poweroff", "halt" -> ShutdownReason.POWEROFF;
                case "reboot" -> ShutdownReason.REBOOT;
                case "suspend" -> ShutdownReason.SUSPEND;
                default -> null;
            };
            if (reason != null) {
                write("control/shutdown", "", ack -> {
                });
                hv.shutdown(reason);
            }
        }));
    }

    /**
     * Sends a request, or keeps it until a reply makes room (a full connection answers
     * {@code -EAGAIN}, as a full ring makes the guest wait).
     *
     * @return 0, or the error that refused the request for good
     */
    private int send(XsMessage request, Consumer<XsMessage> onReply) {
        XsMessage m = calls.request(request, onReply);
        int rc = backlog.isEmpty() ? hv.xsWrite(m) : -Errno.EAGAIN;
        if (rc == -Errno.EAGAIN) {
            backlog.add(m);
            rc = 0;
        }
        if (rc != 0) {
            calls.forget(m);
        }
        return rc;
    }
}
