package io.xenon.actors.xenstore;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
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
    private final XsCalls calls = new XsCalls();

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

    /**
     * {@code XS_READ} of each of {@code names} under {@code dir}, all in flight at once;
     * {@code onValues} gets every name's value (empty where missing) once the last reply is in.
     */
    public void readAll(String dir, List<String> names, Consumer<Map<String, Optional<String>>> onValues) {
        Map<String, Optional<String>> values = new HashMap<>();
        for (String name : names) {
            read(dir + "/" + name, v -> {
                values.put(name, v);
                if (values.size() == names.size()) {
                    onValues.accept(values);
                }
            });
        }
    }

    /** {@code XS_DIRECTORY}: the children's names, none if the node is missing. */
    public void directory(String path, Consumer<List<String>> onChildren) {
        send(XsMessage.of(XsType.XS_DIRECTORY, 0, 0, path), reply -> onChildren.accept(XsCalls.children(reply)));
    }

    /** {@code XS_WRITE}; errors are dropped (the peer's directory may be gone). */
    public void write(String path, String value) {
        send(XsMessage.write(path, value), reply -> {
        });
    }

    /** {@code XS_WATCH}: {@code onEvent} gets each changed path (and one event at registration). */
    public void watch(String path, String token, Consumer<String> onEvent) {
        calls.onWatch(token, onEvent);
        send(XsMessage.of(XsType.XS_WATCH, 0, 0, path, token), reply -> {
        });
    }

    /** {@code XS_UNWATCH}. */
    public void unwatch(String path, String token) {
        calls.forgetWatch(token);
        send(XsMessage.of(XsType.XS_UNWATCH, 0, 0, path, token), reply -> {
        });
    }

    /** Hands one message from xenstored to its callback. */
    public void deliver(XsMessage m) {
        calls.deliver(m);
    }

    /** Closes the connection (its watches go with it). */
    public void close() {
        xenstored.tell(new XenStoreActor.CloseClient(key));
    }

    private void send(XsMessage request, Consumer<XsMessage> onReply) {
        xenstored.tell(new XenStoreActor.ClientRequest(key, calls.request(request, onReply)));
    }
}
