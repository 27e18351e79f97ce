/**
 * The block device protocol as Java: {@code xen/include/public/io/blkif.h}, with the protocol ABI
 * names of {@code io/protocols.h} and the vbd numbering of {@code docs/man/xen-vbd-interface.7.pandoc}.
 *
 * <p>{@link io.xenon.abi.blkif.Blkif} holds the operation codes, status codes, limits and
 * {@code VDISK_*} bits; {@link io.xenon.abi.blkif.BlkifStructs} the x86_64 byte layout of every
 * struct that crosses the shared ring; {@link io.xenon.abi.blkif.VbdNumber} the
 * {@code virtual-device} number a vdev name such as {@code xvda} stands for. Names are spelled as
 * the header spells them so that a reader can grep Xen for them.
 */
package io.xenon.abi.blkif;
