/**
 * The virtual block device ({@code blkif}, {@code xen/include/public/io/blkif.h}): the codecs
 * of the requests and responses that cross the shared ring, at Xen's x86_64 offsets
 * ({@link io.xenon.abi.blkif.BlkifStructs}). The back end is in {@code blk.back}, the guest's
 * side in {@code blk.front}.
 */
package io.xenon.drivers.blk;
