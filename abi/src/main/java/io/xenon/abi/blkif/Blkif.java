package io.xenon.abi.blkif;

import io.xenon.abi.Xen;

/**
 * Constants of the block device protocol, {@code xen/include/public/io/blkif.h}: the request
 * operations ({@code BLKIF_OP_*}), the response statuses ({@code BLKIF_RSP_*}), the segment
 * limits, the {@code info} bits a back end publishes ({@code VDISK_*}), and the protocol ABI
 * names of {@code io/protocols.h}.
 */
public final class Blkif {

    private Blkif() {
    }

    /** Ring requests always count 512-byte sectors, whatever the {@code sector-size} node says. */
    public static final int SECTOR_SIZE = 512;
    /** {@code log2(SECTOR_SIZE)}. */
    public static final int SECTOR_SHIFT = 9;
    /** Sectors in one 4 KiB frame: {@code first_sect} and {@code last_sect} are below this. */
    public static final int SECTORS_PER_PAGE = Xen.XEN_PAGE_SIZE / SECTOR_SIZE;

    // operation of blkif_request.
    public static final int BLKIF_OP_READ = 0;
    public static final int BLKIF_OP_WRITE = 1;
    /** All earlier writes complete before it, later ones wait for it (needs {@code feature-barrier}). */
    public static final int BLKIF_OP_WRITE_BARRIER = 2;
    /** Commit the volatile write cache to stable storage (needs {@code feature-flush-cache}). */
    public static final int BLKIF_OP_FLUSH_DISKCACHE = 3;
    /** Reserved: a SLES device-specific packet. No back end in Xenon accepts it. */
    public static final int BLKIF_OP_RESERVED_1 = 4;
    /** Trim or unmap a sector range (needs {@code feature-discard}); uses {@code blkif_request_discard}. */
    public static final int BLKIF_OP_DISCARD = 5;
    /** A read or write whose segments live in granted indirect pages; uses {@code blkif_request_indirect}. */
    public static final int BLKIF_OP_INDIRECT = 6;

    /** {@code flag} of {@code blkif_request_discard}: the discarded data must not be recoverable. */
    public static final int BLKIF_DISCARD_SECURE = 1 << 0;

    // status of blkif_response (int16_t).
    public static final int BLKIF_RSP_OKAY = 0;
    /** Unspecified failure, like {@code EIO}. */
    public static final int BLKIF_RSP_ERROR = -1;
    /** Operation not supported; allowed at any time for barrier, flush and discard. */
    public static final int BLKIF_RSP_EOPNOTSUPP = -2;

    /** Segments in a direct request: chosen so that the ring fits one page. */
    public static final int BLKIF_MAX_SEGMENTS_PER_REQUEST = 11;
    /** Indirect pages one {@code BLKIF_OP_INDIRECT} request may name. */
    public static final int BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST = 8;
    /** Segments packed into one indirect page: 4096 / sizeof(struct blkif_request_segment). */
    public static final int SEGS_PER_INDIRECT_FRAME = Xen.XEN_PAGE_SIZE / BlkifStructs.Segment.SIZE;

    // info bitmap of the backend directory.
    public static final int VDISK_CDROM = 0x1;
    public static final int VDISK_REMOVABLE = 0x2;
    public static final int VDISK_READONLY = 0x4;

    // The protocol node (io/protocols.h); the native ABI is the default when it is absent.
    public static final String XEN_IO_PROTO_ABI_X86_32 = "x86_32-abi";
    public static final String XEN_IO_PROTO_ABI_X86_64 = "x86_64-abi";
    public static final String XEN_IO_PROTO_ABI_ARM = "arm-abi";

    /** The name of operation {@code op} as the header spells it, or its number if it has none. */
    public static String opName(int op) {
        return switch (op) {
            case BLKIF_OP_READ -> "BLKIF_OP_READ";
            case BLKIF_OP_WRITE -> "BLKIF_OP_WRITE";
            case BLKIF_OP_WRITE_BARRIER -> "BLKIF_OP_WRITE_BARRIER";
            case BLKIF_OP_FLUSH_DISKCACHE -> "BLKIF_OP_FLUSH_DISKCACHE";
            case BLKIF_OP_RESERVED_1 -> "BLKIF_OP_RESERVED_1";
            case BLKIF_OP_DISCARD -> "BLKIF_OP_DISCARD";
            case BLKIF_OP_INDIRECT -> "BLKIF_OP_INDIRECT";
            default -> Integer.toString(op);
        };
    }

    /** The name of status {@code status} as the header spells it, or its number if it has none. */
    public static String statusName(int status) {
        return switch (status) {
            case BLKIF_RSP_OKAY -> "BLKIF_RSP_OKAY";
            case BLKIF_RSP_ERROR -> "BLKIF_RSP_ERROR";
            case BLKIF_RSP_EOPNOTSUPP -> "BLKIF_RSP_EOPNOTSUPP";
            default -> Integer.toString(status);
        };
    }
}
