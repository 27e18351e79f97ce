package io.xenon.actors.guest;

import io.xenon.abi.ShutdownReason;
import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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
    private final Map<Integer, Consumer<XsMessage>> waiting = new HashMap<>();
    private final Map<String, Consumer<String>> watches = new HashMap<>();
    private final java.util.ArrayDeque<XsMessage> backlog = new java.util.ArrayDeque<>();
    private int nextReqId = 1;

    public XenbusClient(Hypercalls hv) {
        this.hv = hv;
    }

    /** {@code XS_READ}; {@code onReply} gets the reply (an {@code XS_ERROR} if it failed). */
    public int read(String path, Consumer<XsMessage> onReply) {
        return send(XsMessage.of(XsType.XS_READ, 0, 0, path), onReply);
    }

    /** {@code XS_DIRECTORY}: the children's names (none if the node is missing or unreadable). */
    public int directory(String path, Consumer<java.util.List<String>> onChildren) {
        return send(XsMessage.of(XsType.XS_DIRECTORY, 0, 0, path), reply -> {
            if (reply.type() != XsType.XS_DIRECTORY) {
                onChildren.accept(java.util.List.of());
                return;
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            for (String n : reply.payloadString().split("\0")) {
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
            onChildren.accept(names);
        });
    }

    /** {@code XS_WRITE} of {@code value} at {@code path}. */
    public int write(String path, String value, Consumer<XsMessage> onReply) {
        byte[] p = (path + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[p.length + v.length];
        System.arraycopy(p, 0, payload, 0, p.length);
        System.arraycopy(v, 0, payload, p.length, v.length);
        return send(XsMessage.of(XsType.XS_WRITE, 0, 0, payload), onReply);
    }

    /** {@code XS_WATCH}: {@code onEvent} gets the path of each change (and one at registration). */
    public int watch(String path, String token, Consumer<String> onEvent) {
        watches.put(token, onEvent);
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
            if (m.type() == XsType.XS_WATCH_EVENT) {
                String[] parts = m.payloadString().split("\0", -1);
                Consumer<String> handler = parts.length >= 2 ? watches.get(parts[1]) : null;
                if (handler != null) {
                    handler.accept(parts[0]);
                }
            } else {
                Consumer<XsMessage> callback = waiting.remove(m.reqId());
                if (callback != null) {
                    callback.accept(m);
                }
            }
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
        int id = nextReqId++;
        XsMessage m = new XsMessage(request.rawType(), id, 0, request.payload());
        int rc = backlog.isEmpty() ? hv.xsWrite(m) : -io.xenon.abi.Errno.EAGAIN;
        if (rc == -io.xenon.abi.Errno.EAGAIN) {
            backlog.add(m);
            rc = 0;
        }
        if (rc == 0) {
            waiting.put(id, onReply);
        }
        return rc;
    }
}
