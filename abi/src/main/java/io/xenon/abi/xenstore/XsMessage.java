package io.xenon.abi.xenstore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One XenStore message: a {@code struct xsd_sockmsg} header and its payload, as it travels on the
 * Unix socket or the shared ring. The type is kept as the raw number so that a request with a type
 * Xen does not define can still be answered; {@link #type()} decodes it.
 *
 * <p>The payload array is not copied: whoever builds a message hands the array over and must not
 * change it afterwards.
 *
 * @param rawType the {@code type} field ({@link XsType#number()} for a known type)
 * @param reqId the {@code req_id} field, echoed in the reply
 * @param txId the {@code tx_id} field, 0 outside a transaction
 * @param payload the bytes after the header ({@code len} of them)
 */
public record XsMessage(int rawType, int reqId, int txId, byte[] payload) {

    private static final byte[] OK = {'O', 'K', 0};

    public XsMessage {
        if (payload == null) {
            throw new IllegalArgumentException("payload is null");
        }
    }

    /** A message of a known type. */
    public static XsMessage of(XsType type, int reqId, int txId, byte[] payload) {
        return new XsMessage(type.number(), reqId, txId, payload);
    }

    /**
     * A message whose payload is the given strings, each followed by a NUL. Each char becomes one
     * byte (ISO-8859-1), so strings decoded with {@link #payloadString()} round-trip exactly.
     */
    public static XsMessage of(XsType type, int reqId, int txId, String... nulTerminated) {
        StringBuilder sb = new StringBuilder();
        for (String s : nulTerminated) {
            sb.append(s).append('\0');
        }
        return of(type, reqId, txId, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The decoded type, or null if the number names no {@link XsType}. */
    public XsType type() {
        return XsType.of(rawType);
    }

    /** A success reply to {@code request}: same type, {@code req_id} and {@code tx_id}. */
    public static XsMessage ok(XsMessage request, byte[] payload) {
        return new XsMessage(request.rawType, request.reqId, request.txId, payload);
    }

    /** The default success reply to {@code request}: {@code "OK\0"}. */
    public static XsMessage ack(XsMessage request) {
        return ok(request, OK.clone());
    }

    /** An {@link XsType#XS_ERROR} reply to {@code request}, keeping its {@code req_id} and {@code tx_id}. */
    public static XsMessage error(XsMessage request, XsError error) {
        return new XsMessage(XsType.XS_ERROR.number(), request.reqId, request.txId, error.payload());
    }

    /** An asynchronous {@link XsType#XS_WATCH_EVENT}: {@code "path\0token\0"} with ids 0. */
    public static XsMessage watchEvent(String path, String token) {
        return of(XsType.XS_WATCH_EVENT, 0, 0, path, token);
    }

    /** The message as it goes on the wire: the 16-byte header followed by the payload. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(XsWire.HEADER_SIZE + payload.length);
        XsWire.encodeHeader(out, rawType, reqId, txId, payload.length);
        out.put(payload);
        return out.array();
    }

    /**
     * {@code XS_WRITE} of {@code value} at {@code path}: {@code "path\0value"}, the value without a
     * trailing NUL as {@code xs_write} sends it; ids 0.
     */
    public static XsMessage write(String path, String value) {
        byte[] p = (path + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] payload = Arrays.copyOf(p, p.length + v.length);
        System.arraycopy(v, 0, payload, p.length, v.length);
        return of(XsType.XS_WRITE, 0, 0, payload);
    }

    /** The payload's NUL-terminated strings, as {@link #strings(byte[])} reads them. */
    public List<String> strings() {
        return strings(payload);
    }

    /**
     * The NUL-terminated strings in a payload ({@code get_strings}), one char per byte; bytes after
     * the last NUL are ignored.
     */
    public static List<String> strings(byte[] payload) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                out.add(new String(payload, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        return out;
    }

    /** The payload as text, one char per byte (ISO-8859-1); a payload may be binary. */
    public String payloadString() {
        return new String(payload, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XsMessage m && m.rawType == rawType && m.reqId == reqId && m.txId == txId
                && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((rawType * 31 + reqId) * 31 + txId) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        XsType t = type();
        return "XsMessage[" + (t == null ? Integer.toString(rawType) : t.name()) + " req=" + reqId
                + " tx=" + txId + " '" + payloadString().replace('\0', '|') + "']";
    }
}
