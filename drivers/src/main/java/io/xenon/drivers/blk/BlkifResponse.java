package io.xenon.drivers.blk;

import io.xenon.abi.blkif.BlkifStructs.Response;
import io.xenon.runtime.mm.Page;

/**
 * One {@code struct blkif_response}: the request's {@code id} and {@code operation} echoed, and
 * a {@code BLKIF_RSP_*} status.
 *
 * <p>UNTRUSTED when a front end decodes it: the back end chose every field, including the id.
 *
 * @param id        the request's id (u64)
 * @param operation the operation answered (u8)
 * @param status    {@code BLKIF_RSP_OKAY}, {@code BLKIF_RSP_ERROR} or {@code BLKIF_RSP_EOPNOTSUPP} (i16)
 */
public record BlkifResponse(long id, int operation, int status) {

    /** Reads the response at {@code offset}, each field once. */
    public static BlkifResponse decode(Page page, int offset) {
        return new BlkifResponse(page.getLong(offset + Response.OFF_id), page.getU8(offset + Response.OFF_operation),
                page.getI16(offset + Response.OFF_status));
    }

    /** Writes the response at {@code offset}, padding zeroed. */
    public void encode(Page page, int offset) {
        page.clear(offset, Response.SIZE);
        page.putLong(offset + Response.OFF_id, id);
        page.putU8(offset + Response.OFF_operation, operation);
        page.putU16(offset + Response.OFF_status, status);
    }
}
