package io.xenon.abi.ring;

/**
 * The layout of a shared ring page, {@code struct <name>_sring} as {@code DEFINE_RING_TYPES}
 * declares it in {@code xen/include/public/io/ring.h}: a 64-byte header of free-running u32
 * indices, then an array of slots that each hold a request or the response that replaced it.
 *
 * <p>Indices ({@code RING_IDX}) are unsigned 32-bit counters that wrap; the slot of index
 * {@code i} is {@code i & (nr_ents - 1)}, which is why {@link #ringSize} rounds down to a
 * power of two.
 */
public final class Sring {

    private Sring() {
    }

    /*
     * struct __name##_sring {
     *     RING_IDX req_prod, req_event;   // RING_IDX is unsigned int
     *     RING_IDX rsp_prod, rsp_event;
     *     union {
     *         struct { uint8_t smartpoll_active; } netif;
     *         struct { uint8_t msg; } tapif_user;
     *         uint8_t pvt_pad[4];
     *     } pvt;
     *     uint8_t __pad[44];
     *     union __name##_sring_entry ring[];   // variable-length
     * };
     */
    public static final int OFF_req_prod = 0;
    public static final int OFF_req_event = 4;
    public static final int OFF_rsp_prod = 8;
    public static final int OFF_rsp_event = 12;
    public static final int OFF_pvt = 16;
    public static final int PVT_SIZE = 4;
    public static final int OFF_pad = 20;
    public static final int PAD_SIZE = 44;
    /** Where {@code ring[]} starts: the header is 64 bytes. */
    public static final int OFF_ring = 64;
    public static final int HEADER_SIZE = OFF_ring;

    /**
     * {@code __RD32(x)}: rounds {@code x} down to a power of two (0 stays 0).
     */
    public static int rd32(int x) {
        return x <= 0 ? 0 : Integer.highestOneBit(x);
    }

    /**
     * {@code __RING_SIZE}: the number of slots in a shared area of {@code areaBytes} (4096 for one
     * page, {@code 4096 << ring-page-order} for multi-page rings) when each slot is
     * {@code slotBytes}, the size of the request/response union.
     */
    public static int ringSize(int areaBytes, int slotBytes) {
        if (slotBytes <= 0 || areaBytes < HEADER_SIZE) {
            throw new IllegalArgumentException("area " + areaBytes + " bytes, slot " + slotBytes + " bytes");
        }
        return rd32((areaBytes - HEADER_SIZE) / slotBytes);
    }

    /**
     * The byte offset, from the start of the shared area, of the slot for free-running index
     * {@code idx} in a ring of {@code size} slots ({@code &ring[idx & (size - 1)]}).
     */
    public static int slotOffset(int idx, int size, int slotBytes) {
        return OFF_ring + (idx & (size - 1)) * slotBytes;
    }
}
