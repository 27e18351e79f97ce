package io.xenon.actors;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.actors.xenstore.XenStoreActor;
import io.xenon.runtime.xenstore.XsConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/** A test's own connection to xenstored, as a tool on the socket has: requests, replies and watch events. */
final class XsProbe {

    private final ActorRef<XenStoreActor.Command> xenstored;
    private final XsConnection connection;
    private final BlockingQueue<XsMessage> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<XsMessage> events = new LinkedBlockingQueue<>();
    private int nextId = 1;

    XsProbe(ActorTestKit kit, ActorRef<XenStoreActor.Command> xenstored, int domid) {
        this.xenstored = xenstored;
        TestProbe<XenStoreActor.Connected> probe = kit.createTestProbe();
        xenstored.tell(new XenStoreActor.Connect(domid, m -> (m.type() == XsType.XS_WATCH_EVENT ? events : replies)
                .add(m), probe.ref()));
        this.connection = probe.receiveMessage().connection();
    }

    /** Sends a request and waits for its reply. */
    XsMessage request(XsType type, String... args) {
        int id = nextId++;
        return send(XsMessage.of(type, id, 0, args), id);
    }

    /** {@code XS_WRITE} of {@code value} as {@code xenstore-write} sends it (no NUL after the value). */
    XsMessage write(String path, String value) {
        int id = nextId++;
        byte[] payload = XsMessage.write(path, value).payload();
        return send(XsMessage.of(XsType.XS_WRITE, id, 0, payload), id);
    }

    private XsMessage send(XsMessage message, int id) {
        xenstored.tell(new XenStoreActor.Request(connection, message));
        try {
            XsMessage reply = replies.poll(5, TimeUnit.SECONDS);
            if (reply == null || reply.reqId() != id) {
                throw new AssertionError("no reply to request " + id + ": " + reply);
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The value at {@code path}, or the error name ({@code "ENOENT"}) if the read fails. */
    String read(String path) {
        XsMessage reply = request(XsType.XS_READ, path);
        String text = new String(reply.payload(), StandardCharsets.UTF_8);
        return reply.type() == XsType.XS_ERROR ? text.replace("\0", "") : text;
    }

    /** The next watch event's path, waiting up to {@code timeout}; null if none came. */
    String nextEvent(Duration timeout) {
        try {
            XsMessage m = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return m == null ? null : m.payloadString().split("\0", -1)[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every path below {@code path}, depth first, for messages. */
    java.util.List<String> tree(String path) {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(path);
        XsMessage reply = request(XsType.XS_DIRECTORY, path);
        if (reply.type() == XsType.XS_DIRECTORY) {
            for (String child : reply.payloadString().split("\0")) {
                if (!child.isEmpty()) {
                    out.addAll(tree(path.equals("/") ? "/" + child : path + "/" + child));
                }
            }
        }
        return out;
    }
}
