package io.xenon.actors.xenstore;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The client side of one XenStore connection, whatever carries it (a guest's xenbus connection,
 * a Domain-0 actor's): request ids, the callback waiting for each reply, and the handler of each
 * watch token, as {@code xs.c}'s reply and watch queues. The owner sends the requests it gets
 * from {@link #request} and hands every message that comes back to {@link #deliver}.
 *
 * <p>Confined to its owner.
 */
public final class XsCalls {

    private final Map<Integer, Consumer<XsMessage>> waiting = new HashMap<>();
    private final Map<String, Consumer<String>> watches = new HashMap<>();
    private int nextReqId = 1;

    /** {@code template} with the next request id; {@code onReply} gets its reply (an {@code XS_ERROR} if it failed). */
    public XsMessage request(XsMessage template, Consumer<XsMessage> onReply) {
        int id = nextReqId++;
        waiting.put(id, onReply);
        return new XsMessage(template.rawType(), id, 0, template.payload());
    }

    /** A request that could not be sent: no reply will come. */
    public void forget(XsMessage request) {
        waiting.remove(request.reqId());
    }

    /** Events of watch {@code token} go to {@code handler}, with the changed path. */
    public void onWatch(String token, Consumer<String> handler) {
        watches.put(token, handler);
    }

    /** Watch {@code token} is gone. */
    public void forgetWatch(String token) {
        watches.remove(token);
    }

    /** Hands a reply to the callback waiting for its id, or a watch event to its token's handler. */
    public void deliver(XsMessage m) {
        if (m.type() == XsType.XS_WATCH_EVENT) {
            List<String> parts = m.strings();
            Consumer<String> handler = parts.size() >= 2 ? watches.get(parts.get(1)) : null;
            if (handler != null) {
                handler.accept(parts.get(0));
            }
        } else {
            Consumer<XsMessage> callback = waiting.remove(m.reqId());
            if (callback != null) {
                callback.accept(m);
            }
        }
    }

    /** The children an {@code XS_DIRECTORY} reply names; none for an error. */
    public static List<String> children(XsMessage reply) {
        return reply.type() == XsType.XS_DIRECTORY
                ? reply.strings().stream().filter(n -> !n.isEmpty()).toList() : List.of();
    }
}
