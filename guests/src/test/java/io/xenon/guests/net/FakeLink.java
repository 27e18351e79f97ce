package io.xenon.guests.net;

import io.xenon.network.packet.MacAddress;
import java.util.ArrayDeque;
import java.util.Deque;

/** A link that keeps what is sent for the test to read, and can refuse frames as a full ring would. */
final class FakeLink implements Link {

    final MacAddress mac;
    final Deque<byte[]> sent = new ArrayDeque<>();
    boolean full;

    FakeLink(MacAddress mac) {
        this.mac = mac;
    }

    @Override
    public MacAddress mac() {
        return mac;
    }

    @Override
    public boolean send(byte[] frame) {
        if (full) {
            return false;
        }
        sent.add(frame);
        return true;
    }
}
