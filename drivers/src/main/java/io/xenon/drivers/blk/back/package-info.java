/**
 * The vbd back end (Linux blkback, {@code drivers/block/xen-blkback}; qdisk in QEMU): the data
 * path that answers a front end's requests from a raw image file ({@link
 * io.xenon.drivers.blk.back.BlkBackData}, {@link io.xenon.drivers.blk.back.BlkImage}), what it
 * offers ({@link io.xenon.drivers.blk.back.BlkBackFeatures}) and its metrics. The XenBus state
 * machine and the ring stages come in beside it.
 */
package io.xenon.drivers.blk.back;
