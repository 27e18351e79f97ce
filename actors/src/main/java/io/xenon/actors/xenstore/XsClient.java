package io.xenon.actors.xenstore;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A Domain-0 XenStore client for an actor in the daemon (a back end, the XenBus watcher), as
 * Linux's in-kernel xenbus is for its drivers: requests go to xenstored, and the replies and
 * watch events come back as the actor's own messages, which it hands to {@link #deliver}; the
 * callbacks then run inside the actor.
 *
 * <p>Confined to its owning actor.
 */
public final class XsClient {

    private final ActorRef<XenStoreActor.Command> xenstored;
    private final Object key = new Object();
    private final Map<Integer, Consumer<XsMessage>> waiting = new HashMap<>();
    private final Map<String, Consumer<String>> watches = new HashMap<>();
    private int nextReqId = 1;

    /**
     * Opens the connection; {@code output} must turn each message into one of the owning actor's
     * messages (for example {@code m -> self.tell(new FromXenStore(m))}).
     */
    public XsClient(ActorRef<XenStoreActor.Command> xenstored, Consumer<XsMessage> output) {
        this.xenstored = xenstored;
        xenstored.tell(new XenStoreActor.OpenClient(key, output));
    }

    /** {@code XS_READ}: the value, or empty if the node is missing or unreadable. */
    public void read(String path, Consumer<Optional<String>> onValue) {
        send(XsMessage.of(XsType.XS_READ, 0, 0, path), reply -> onValue.accept(
                reply.type() == XsType.XS_READ ? Optional.of(new String(reply.payload(), StandardCharsets.UTF_8))
                        : Optional.empty()));
    }

    /** {@code XS_DIRECTORY}: the children's names, none if the node is missing. */
    public void directory(String path, Consumer<java.util.List<String>> onChildren) {
        send(XsMessage.of(XsType.XS_DIRECTORY, 0, 0, path), reply -> {
            java.util.List<String> names = new java.util.ArrayList<>();
            if (reply.type() == XsType.XS_DIRECTORY) {
                for (String n : new String(reply.payload(), StandardCharsets.UTF_8).split("\0")) {
                    if (!n.isEmpty()) {
                        names.add(n);
                    }
                }
            }
            onChildren.accept(names);
        });
    }

    /** {@code XS_WRITE}; errors are dropped (the peer's directory may be gone). */
    public void write(String path, String value) {
        byte[] p = (path + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[p.length + v.length];
        System.arraycopy(p, 0, payload, 0, p.length);
        System.arraycopy(v, 0, payload, p.length, v.length);
        send(XsMessage.of(XsType.XS_WRITE, 0, 0, payload), reply -> {
        });
    }

    /** {@code XS_WATCH}: {@code onEvent} gets each changed path (and one event at registration). */
    public void watch(String path, String token, Consumer<String> onEvent) {
        watches.put(token, onEvent);
        send(XsMessage.of(XsType.XS_WATCH, 0, 0, path, token), reply -> {
        });
    }

    /** {@code XS_UNWATCH}. */
    public void unwatch(String path, String token) {
        watches.remove(token);
        send(XsMessage.of(XsType.XS_UNWATCH, 0, 0, path, token), reply -> {
        });
    }

    /** Hands one message from xenstored to its callback. */
    public void deliver(XsMessage m) {
        if (m.type() == XsType.XS_WATCH_EVENT) {
            String[] parts = new String(m.payload(), StandardCharsets.UTF_8).split("\0", -1);
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
    }

    /** Closes the connection (its watches go with it). */
    public void close() {
        xenstored.tell(new XenStoreActor.CloseClient(key));
    }

    private void send(XsMessage request, Consumer<XsMessage> onReply) {
        int id = nextReqId++;
        waiting.put(id, onReply);
        xenstored.tell(new XenStoreActor.ClientRequest(key, new XsMessage(request.rawType(), id, 0, request.payload())));
    }
}
