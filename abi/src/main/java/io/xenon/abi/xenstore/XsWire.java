package io.xenon.abi.xenstore;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The XenStore message header and limits from {@code xs_wire.h}.
 *
 * <pre>
 * struct xsd_sockmsg {
 *     uint32_t type;    // offset  0: XS_*
 *     uint32_t req_id;  // offset  4: echoed in the reply
 *     uint32_t tx_id;   // offset  8: transaction id, 0 = none
 *     uint32_t len;     // offset 12: payload bytes that follow
 * };
 * </pre>
 *
 * <p>The fields are native-endian in C; Xenon speaks for x86, so they are little-endian here.
 */
public final class XsWire {

    private XsWire() {
    }

    /** {@code sizeof(struct xsd_sockmsg)}. */
    public static final int HEADER_SIZE = 16;
    public static final int OFF_TYPE = 0;
    public static final int OFF_REQ_ID = 4;
    public static final int OFF_TX_ID = 8;
    public static final int OFF_LEN = 12;

    /** Largest payload either side may send; a client that sends more has its connection killed. */
    public static final int XENSTORE_PAYLOAD_MAX = 4096;
    /** Longest absolute path. */
    public static final int XENSTORE_ABS_PATH_MAX = 3072;
    /** Longest path relative to a domain's home ({@code /local/domain/<domid>}). */
    public static final int XENSTORE_REL_PATH_MAX = 2048;

    /** A decoded {@code struct xsd_sockmsg}. The type is kept raw: it may name no {@link XsType}. */
    public record Header(int type, int reqId, int txId, int len) {

        /** The payload length as an unsigned value (a peer may send a "negative" u32). */
        public long unsignedLen() {
            return Integer.toUnsignedLong(len);
        }
    }

    /** Writes a header at the buffer's position, advancing it by {@link #HEADER_SIZE}. */
    public static void encodeHeader(ByteBuffer out, int type, int reqId, int txId, int len) {
        ByteBuffer le = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(type).putInt(reqId).putInt(txId).putInt(len);
        out.position(le.position());
    }

    /**
     * Reads a header from the first {@link #HEADER_SIZE} bytes of {@code bytes} at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if fewer than 16 bytes are there
     */
    public static Header decodeHeader(byte[] bytes, int offset) {
        ByteBuffer le = ByteBuffer.wrap(bytes, offset, HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        return new Header(le.getInt(), le.getInt(), le.getInt(), le.getInt());
    }
}
