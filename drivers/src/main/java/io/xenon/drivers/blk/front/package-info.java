/**
 * The vbd front end's side of the data path (Linux blkfront, {@code drivers/block/xen-blkfront.c}):
 * granting a guest's own frames to the back end, building requests over them and ending the
 * grants when responses come back ({@link io.xenon.drivers.blk.front.BlkFrontData}).
 */
package io.xenon.drivers.blk.front;
