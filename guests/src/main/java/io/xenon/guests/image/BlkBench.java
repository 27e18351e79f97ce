package io.xenon.guests.image;

import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.KernelArgs;

/**
 * {@code builtin:blkbench}: measures its first disk through blkfront and reports on its console,
 * e.g. {@code blkbench: write 268435456 bytes in 812345678 ns}. Parameters: {@code mode=write}
 * ({@code read}, {@code randread}), {@code bs=1048576} (4096 to 1 MiB, a multiple of 4096),
 * {@code qd=1} (requests in flight, at most 8), {@code total=268435456} bytes.
 */
public final class BlkBench implements GuestImage {

    @Override
    public String name() {
        return "blkbench";
    }

    @Override
    public String description() {
        return "times sequential or random I/O on its disk";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        return new BlkBenchKernel(args);
    }
}
