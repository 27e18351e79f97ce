package io.xenon.guests.image;

import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.KernelArgs;

/**
 * {@code builtin:blkstress}: exercises its first disk through blkfront. Each round writes a
 * pattern to {@code writes} pages (8 sectors each), flushes, reads them back and checks every
 * byte, then reports on its console, e.g.
 * {@code blkstress: round 1: 64 writes, 1 flush, 64 reads verified, 0 errors}.
 * Parameters: {@code writes=64 rounds=1}.
 */
public final class BlkStress implements GuestImage {

    @Override
    public String name() {
        return "blkstress";
    }

    @Override
    public String description() {
        return "writes patterns to its disk, flushes, reads back and verifies";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        return new BlkStressKernel(args);
    }
}
