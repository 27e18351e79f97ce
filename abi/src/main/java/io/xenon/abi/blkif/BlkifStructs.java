package io.xenon.abi.blkif;

/**
 * The byte layout of the structs of {@code xen/include/public/io/blkif.h} on x86_64 (the
 * {@code x86_64-abi} protocol), each quoted as C above its offsets. All fields are little-endian.
 * A ring slot is the union of a request and a response: {@link #SLOT_SIZE} bytes.
 *
 * <p>On {@code x86_32-abi} a u64 is 4-byte aligned, so {@code id} moves to offset 4 and a request
 * is 108 bytes; Xenon's back ends speak only the x86_64 layout.
 */
public final class BlkifStructs {

    private BlkifStructs() {
    }

    /** Bytes of one ring slot: {@code sizeof(union blkif_sring_entry)}, the size of a request. */
    public static final int SLOT_SIZE = 112;

    /** {@code struct blkif_request_segment}: one frame's worth of a request's data. */
    public static final class Segment {

        private Segment() {
        }

        /*
         * struct blkif_request_segment {
         *     grant_ref_t gref;        // reference to I/O buffer frame
         *     uint8_t     first_sect;  // first sector in frame to transfer (inclusive)
         *     uint8_t     last_sect;   // last sector in frame to transfer (inclusive)
         *     // 2 bytes of padding
         * };
         */
        public static final int OFF_gref = 0;
        public static final int OFF_first_sect = 4;
        public static final int OFF_last_sect = 5;
        public static final int SIZE = 8;
    }

    /** {@code struct blkif_request}: read, write, barrier and flush. */
    public static final class Request {

        private Request() {
        }

        /*
         * struct blkif_request {
         *     uint8_t        operation;     // BLKIF_OP_???
         *     uint8_t        nr_segments;   // number of segments
         *     blkif_vdev_t   handle;        // only for read/write requests
         *     // 4 bytes of padding on x86_64
         *     uint64_t       id;            // private guest value, echoed in resp
         *     blkif_sector_t sector_number; // start sector idx on disk (r/w only)
         *     struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
         * };
         */
        public static final int OFF_operation = 0;
        public static final int OFF_nr_segments = 1;
        public static final int OFF_handle = 2;
        public static final int OFF_id = 8;
        public static final int OFF_sector_number = 16;
        public static final int OFF_seg = 24;
        public static final int SIZE = 112;
    }

    /** {@code struct blkif_request_discard}: {@code BLKIF_OP_DISCARD}. */
    public static final class Discard {

        private Discard() {
        }

        /*
         * struct blkif_request_discard {
         *     uint8_t        operation;     // BLKIF_OP_DISCARD
         *     uint8_t        flag;          // BLKIF_DISCARD_SECURE or zero
         *     blkif_vdev_t   handle;        // same as for read/write requests
         *     uint64_t       id;            // private guest value, echoed in resp
         *     blkif_sector_t sector_number; // start sector idx on disk
         *     uint64_t       nr_sectors;    // number of contiguous sectors to discard
         * };
         */
        public static final int OFF_operation = 0;
        public static final int OFF_flag = 1;
        public static final int OFF_handle = 2;
        public static final int OFF_id = 8;
        public static final int OFF_sector_number = 16;
        public static final int OFF_nr_sectors = 24;
        public static final int SIZE = 32;
    }

    /** {@code struct blkif_request_indirect}: {@code BLKIF_OP_INDIRECT}. */
    public static final class Indirect {

        private Indirect() {
        }

        /*
         * struct blkif_request_indirect {
         *     uint8_t        operation;     // BLKIF_OP_INDIRECT
         *     uint8_t        indirect_op;   // BLKIF_OP_{READ/WRITE}
         *     uint16_t       nr_segments;   // number of segments
         *     // 4 bytes of padding on x86_64
         *     uint64_t       id;            // private guest value, echoed in resp
         *     blkif_sector_t sector_number; // start sector idx on disk (r/w only)
         *     blkif_vdev_t   handle;        // same as for read/write requests
         *     // 2 bytes of padding
         *     grant_ref_t    indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
         *     // 4 bytes of tail padding on x86_64 (i386 adds a uint64_t pad instead)
         * };
         */
        public static final int OFF_operation = 0;
        public static final int OFF_indirect_op = 1;
        public static final int OFF_nr_segments = 2;
        public static final int OFF_id = 8;
        public static final int OFF_sector_number = 16;
        public static final int OFF_handle = 24;
        public static final int OFF_indirect_grefs = 28;
        public static final int SIZE = 64;
    }

    /** {@code struct blkif_response}. */
    public static final class Response {

        private Response() {
        }

        /*
         * struct blkif_response {
         *     uint64_t id;         // copied from request
         *     uint8_t  operation;  // copied from request
         *     // 1 byte of padding
         *     int16_t  status;     // BLKIF_RSP_???
         *     // 4 bytes of tail padding
         * };
         */
        public static final int OFF_id = 0;
        public static final int OFF_operation = 8;
        public static final int OFF_status = 10;
        public static final int SIZE = 16;
    }
}
