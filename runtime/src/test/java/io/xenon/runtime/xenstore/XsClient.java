package io.xenon.runtime.xenstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.xenstore.XsMessage;
import io.xenon.abi.xenstore.XsType;
import io.xenon.abi.xenstore.XsWire;
import java.util.ArrayList;
import java.util.List;

/**
 * A test client: one connection to a store, sending encoded requests through {@code handle} (each
 * frame is encoded and decoded again, as a transport would) and collecting the watch events.
 */
final class XsClient {

    final XenStore store;
    final XsConnection conn;
    final List<XsMessage> events = new ArrayList<>();
    private int reqId;

    XsClient(XenStore store, int domid) {
        this.store = store;
        this.conn = store.connect(domid, events::add);
    }

    /** Sends a request whose payload is the given strings, each NUL-terminated. */
    XsMessage send(XsType type, int txId, String... args) {
        return send(XsMessage.of(type, ++reqId, txId, args));
    }

    /** Sends a request with a raw payload. */
    XsMessage sendRaw(int rawType, int txId, byte[] payload) {
        return send(new XsMessage(rawType, ++reqId, txId, payload));
    }

    private XsMessage send(XsMessage msg) {
        byte[] frame = msg.encode();
        XsWire.Header h = XsWire.decodeHeader(frame, 0);
        byte[] payload = java.util.Arrays.copyOfRange(frame, XsWire.HEADER_SIZE, frame.length);
        XsMessage reply = store.handle(conn, new XsMessage(h.type(), h.reqId(), h.txId(), payload));
        assertEquals(msg.reqId(), reply.reqId(), "reply echoes req_id");
        return reply;
    }

    /** The reply's payload, or "ERROR:<name>" for an XS_ERROR reply, NULs shown as '|'. */
    static String text(XsMessage reply) {
        String body = reply.payloadString().replace('\0', '|');
        return reply.type() == XsType.XS_ERROR ? "ERROR:" + body : body;
    }

    String write(String path, String value) {
        return write(0, path, value);
    }

    String write(int txId, String path, String value) {
        return text(sendRaw(XsType.XS_WRITE.number(), txId, (path + "\0" + value).getBytes()));
    }

    String read(String path) {
        return text(send(XsType.XS_READ, 0, path));
    }

    /** The events received so far as "path token" strings, and forgets them. */
    List<String> takeEvents() {
        List<String> out = new ArrayList<>();
        for (XsMessage e : events) {
            String[] parts = e.payloadString().split("\0", -1);
            out.add(parts[0] + " " + parts[1]);
        }
        events.clear();
        return out;
    }
}
