package io.xenon.drivers.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.abi.netif.Netif;
import io.xenon.runtime.mm.Page;
import org.junit.jupiter.api.Test;

class NetifCodecTest {

    @Test
    void txRequestRoundTripsAtXensOffsets() {
        Page page = new Page();
        NetifTx.Request req = new NetifTx.Request(0xFFFF_FFFE, 0x0FFF, Netif.NETTXF_more_data, 0xBEEF, 0xFFFF);
        req.encode(page, 76);
        assertEquals(req, NetifTx.Request.decode(page, 76));
        assertEquals(0xFE, page.getU8(76), "gref little-endian at 0");
        assertEquals(0x0FFF, page.getU16(76 + 4));
        assertEquals(0x4, page.getU16(76 + 6));
        assertEquals(0xBEEF, page.getU16(76 + 8));
        assertEquals(0xFFFF, page.getU16(76 + 10));
    }

    @Test
    void txResponseKeepsANegativeStatus() {
        Page page = new Page();
        new NetifTx.Response(7, Netif.NETIF_RSP_DROPPED).encode(page, 64);
        assertEquals(0xFFFE, page.getU16(64 + 2));
        assertEquals(new NetifTx.Response(7, -2), NetifTx.Response.decode(page, 64));
    }

    @Test
    void rxRequestRoundTripsAndZeroesPad() {
        Page page = new Page();
        page.putU16(64 + 2, 0xAAAA);
        NetifRx.Request req = new NetifRx.Request(255, 0x1234_5678);
        req.encode(page, 64);
        assertEquals(0, page.getU16(64 + 2));
        assertEquals(0x1234_5678, page.getInt(64 + 4));
        assertEquals(req, NetifRx.Request.decode(page, 64));
    }

    @Test
    void rxResponseRoundTripsByteCountAndError() {
        Page page = new Page();
        NetifRx.Response ok = new NetifRx.Response(3, 66, Netif.NETRXF_data_validated | Netif.NETRXF_more_data, 1448);
        ok.encode(page, 64);
        assertEquals(2, page.getU16(64 + 2) - 64);
        assertEquals(0x5, page.getU16(64 + 4));
        assertEquals(1448, page.getU16(64 + 6));
        assertEquals(ok, NetifRx.Response.decode(page, 64));
        NetifRx.Response err = new NetifRx.Response(4, 0, 0, Netif.NETIF_RSP_ERROR);
        err.encode(page, 72);
        assertEquals(err, NetifRx.Response.decode(page, 72));
    }
}
