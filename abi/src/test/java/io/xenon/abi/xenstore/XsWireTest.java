package io.xenon.abi.xenstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class XsWireTest {

    @Test
    void typeNumbersAreXens() {
        assertEquals(0, XsType.XS_CONTROL.number());
        assertSame(XsType.XS_CONTROL, XsType.XS_DEBUG);
        assertEquals(15, XsType.XS_WATCH_EVENT.number());
        assertEquals(21, XsType.XS_RESET_WATCHES.number());
        assertEquals(26, XsType.XS_SET_QUOTA.number());
        assertSame(XsType.XS_DIRECTORY_PART, XsType.of(22));
    }

    @Test
    void removedAndUnknownTypeNumbersDecodeToNull() {
        assertNull(XsType.of(20));
        assertNull(XsType.of(27));
        assertNull(XsType.of(-1));
        assertNull(XsType.of(XsType.XS_INVALID));
    }

    @Test
    void errorsAreInXsdErrorsOrder() {
        assertEquals(XsError.EINVAL, XsError.values()[0]);
        assertEquals(XsError.EPERM, XsError.values()[15]);
        assertEquals(16, XsError.values().length);
        assertEquals(11, XsError.EAGAIN.errno());
        assertArrayEquals("ENOENT\0".getBytes(), XsError.ENOENT.payload());
        assertSame(XsError.E2BIG, XsError.ofName("E2BIG"));
    }

    @Test
    void headerIsFourLittleEndianU32s() {
        byte[] frame = XsMessage.of(XsType.XS_READ, 0x01020304, 7, "a").encode();
        assertEquals(XsWire.HEADER_SIZE + 2, frame.length);
        assertArrayEquals(new byte[] {2, 0, 0, 0, 4, 3, 2, 1, 7, 0, 0, 0, 2, 0, 0, 0, 'a', 0}, frame);
        XsWire.Header h = XsWire.decodeHeader(frame, 0);
        assertEquals(new XsWire.Header(2, 0x01020304, 7, 2), h);
    }

    @Test
    void errorReplyKeepsRequestAndTransactionIds() {
        XsMessage req = XsMessage.of(XsType.XS_WRITE, 9, 3, "x");
        XsMessage err = XsMessage.error(req, XsError.EACCES);
        assertEquals(XsType.XS_ERROR, err.type());
        assertEquals(9, err.reqId());
        assertEquals(3, err.txId());
        assertEquals("EACCES\0", err.payloadString());
    }

    @Test
    void watchEventHasZeroIds() {
        XsMessage ev = XsMessage.watchEvent("/a/b", "tok");
        assertEquals(new XsMessage(15, 0, 0, "/a/b\0tok\0".getBytes()), ev);
    }
}
