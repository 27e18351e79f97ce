package io.xenon.guests.image;

import io.xenon.actors.guest.GuestImage;
import io.xenon.actors.guest.GuestKernel;
import io.xenon.actors.guest.KernelArgs;

/**
 * {@code builtin:netsend}: sends numbered frames out of its first vif and counts the echoes
 * that come back (from a {@code builtin:netecho} at the other end). It first sends a probe every
 * 50 ms until one is echoed (the link may not be wired yet), then {@code ungranted} tx requests
 * that name a grant it never made (a hostile front end; each should come back as an error),
 * then {@code count} frames of {@code size} bytes to {@code to}, at most {@code window} of them
 * unanswered. It reports on its console, e.g.
 * {@code netsend: done: 100 sent, 100 echoed, 0 tx errors}.
 * With {@code mode=stream} it does not wait for echoes: it keeps its tx ring full until
 * {@code count} frames are sent, then sends an end marker every 50 ms until the peer (a
 * {@code builtin:netsink}) reflects it, and reports
 * {@code netsend: streamed 100 frames, 0 tx errors in <ns> ns}.
 * Parameters: {@code count=100 size=128 to=ff:ff:ff:ff:ff:ff window=32 ungranted=0 mode=echo}.
 */
public final class NetSend implements GuestImage {

    @Override
    public String name() {
        return "netsend";
    }

    @Override
    public String description() {
        return "sends frames and counts their echoes; count=100 size=128 to=<mac> window=32 ungranted=0 mode=echo|stream";
    }

    @Override
    public GuestKernel create(KernelArgs args) {
        return new NetSendKernel(args);
    }
}
