package io.xenon.guests.image;

import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.KernelArgs;
import io.xenon.guests.os.MiniOs;

/** {@code builtin:idle}: boots, then blocks forever; it answers shutdown and reboot requests. */
public final class Idle implements GuestImage {

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String description() {
        return "boots and blocks until shut down";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        return new MiniOs("idle", args) {
        };
    }
}
