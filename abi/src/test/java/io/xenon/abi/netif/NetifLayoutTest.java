package io.xenon.abi.netif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetifLayoutTest {

    @Test
    void txStructsAreXensOffsets() {
        assertEquals(0, NetifTxRequest.OFF_gref);
        assertEquals(4, NetifTxRequest.OFF_offset);
        assertEquals(6, NetifTxRequest.OFF_flags);
        assertEquals(8, NetifTxRequest.OFF_id);
        assertEquals(10, NetifTxRequest.OFF_size);
        assertEquals(12, NetifTxRequest.SIZE);
        assertEquals(2, NetifTxResponse.OFF_status);
        assertEquals(12, Netif.TX_SLOT_SIZE);
    }

    @Test
    void rxStructsAreXensOffsets() {
        assertEquals(4, NetifRxRequest.OFF_gref);
        assertEquals(8, NetifRxRequest.SIZE);
        assertEquals(2, NetifRxResponse.OFF_offset);
        assertEquals(4, NetifRxResponse.OFF_flags);
        assertEquals(6, NetifRxResponse.OFF_status);
        assertEquals(8, Netif.RX_SLOT_SIZE);
        assertEquals(8, NetifExtraInfo.SIZE);
    }

    @Test
    void oneTxAndOneRxPageHold256Slots() {
        assertEquals(256, Netif.NET_TX_RING_SIZE);
        assertEquals(256, Netif.NET_RX_RING_SIZE);
    }

    @Test
    void checksumBitsAreSwappedBetweenTxAndRx() {
        assertEquals(0x1, Netif.NETTXF_csum_blank);
        assertEquals(0x2, Netif.NETTXF_data_validated);
        assertEquals(0x2, Netif.NETRXF_csum_blank);
        assertEquals(0x1, Netif.NETRXF_data_validated);
        assertEquals(0x10, Netif.NETRXF_gso_prefix);
        assertEquals(-2, Netif.NETIF_RSP_DROPPED);
        assertEquals(1, Netif.NETIF_RSP_NULL);
    }
}
