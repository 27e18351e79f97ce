package io.xenon.abi.netif;

/**
 * The layout of an extra-info slot, {@code struct netif_extra_info} in
 * {@code xen/include/public/io/netif.h}: 8 bytes that overlay a tx request or an rx response when
 * the previous slot had {@code NETTXF_extra_info} / {@code NETRXF_extra_info} set.
 */
public final class NetifExtraInfo {

    private NetifExtraInfo() {
    }

    /*
     * struct netif_extra_info {
     *     uint8_t type;    // XEN_NETIF_EXTRA_TYPE_*
     *     uint8_t flags;   // XEN_NETIF_EXTRA_FLAG_*
     *     union {
     *         struct { uint16_t size; uint8_t type; uint8_t pad; uint16_t features; } gso;
     *         struct { uint8_t addr[6]; } mcast;
     *         struct { uint8_t type; uint8_t algorithm; uint8_t value[4]; } hash;
     *         uint16_t pad[3];
     *     } u;
     * };
     */
    public static final int OFF_type = 0;
    public static final int OFF_flags = 1;
    public static final int OFF_u = 2;
    public static final int OFF_gso_size = 2;
    public static final int OFF_gso_type = 4;
    public static final int OFF_gso_pad = 5;
    public static final int OFF_gso_features = 6;
    public static final int OFF_mcast_addr = 2;
    public static final int MCAST_ADDR_SIZE = 6;
    public static final int OFF_hash_type = 2;
    public static final int OFF_hash_algorithm = 3;
    public static final int OFF_hash_value = 4;
    public static final int HASH_VALUE_SIZE = 4;
    public static final int SIZE = 8;
}
