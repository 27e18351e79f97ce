package io.xenon.network.tap;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pretend host at one IPv4 address behind a TAP or TUN device: answers ARP requests for its
 * address (TAP only) and ICMP echo requests to it, and counts both. Parses and builds the few
 * bytes it needs by hand, so the test does not depend on the packet codecs it helps to test.
 *
 * <p>Offsets: Ethernet dst 0, src 6, ethertype 12, payload 14. ARP (after Ethernet): oper 6,
 * sha 8, spa 14, tha 18, tpa 24. IPv4: version/IHL 0, total length 2, TTL 8, protocol 9,
 * header checksum 10, src 12, dst 16. ICMP: type 0, code 1, checksum 2.
 */
final class EchoResponder {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;

    private final byte[] mac;
    private final byte[] ip;
    private final boolean ethernet;
    private final AtomicInteger arpRequests = new AtomicInteger();
    private final AtomicInteger echoRequests = new AtomicInteger();

    /** A host with {@code mac} and {@code ip} behind a TAP ({@code ethernet}) or a TUN. */
    EchoResponder(byte[] mac, byte[] ip, boolean ethernet) {
        this.mac = mac.clone();
        this.ip = ip.clone();
        this.ethernet = ethernet;
    }

    /** ARP requests seen that asked for this host's address. */
    int arpRequests() {
        return arpRequests.get();
    }

    /** ICMP echo requests seen addressed to this host. */
    int echoRequests() {
        return echoRequests.get();
    }

    /** The frames to send back for {@code frame}: none, an ARP reply, or an echo reply. */
    List<byte[]> answer(byte[] frame) {
        if (!ethernet) {
            return echoReply(frame, 0);
        }
        if (frame.length < 14) {
            return List.of();
        }
        int ethertype = u16(frame, 12);
        if (ethertype == ETHERTYPE_ARP) {
            return arpReply(frame);
        }
        if (ethertype == ETHERTYPE_IPV4) {
            return echoReply(frame, 14);
        }
        return List.of();
    }

    private List<byte[]> arpReply(byte[] frame) {
        int arp = 14;
        if (frame.length < arp + 28 || u16(frame, arp + 6) != 1
                || !Arrays.equals(frame, arp + 24, arp + 28, ip, 0, 4)) {
            return List.of();
        }
        arpRequests.incrementAndGet();
        byte[] reply = new byte[arp + 28];
        System.arraycopy(frame, 6, reply, 0, 6);
        System.arraycopy(mac, 0, reply, 6, 6);
        put16(reply, 12, ETHERTYPE_ARP);
        System.arraycopy(frame, arp, reply, arp, 6);
        put16(reply, arp + 6, 2);
        System.arraycopy(mac, 0, reply, arp + 8, 6);
        System.arraycopy(ip, 0, reply, arp + 14, 4);
        System.arraycopy(frame, arp + 8, reply, arp + 18, 10);
        return List.of(reply);
    }

    private List<byte[]> echoReply(byte[] frame, int at) {
        if (frame.length < at + 20 || (frame[at] & 0xF0) != 0x40) {
            return List.of();
        }
        int ihl = (frame[at] & 0x0F) * 4;
        int total = u16(frame, at + 2);
        if (ihl < 20 || total < ihl + 8 || at + total > frame.length
                || frame[at + 9] != 1 || frame[at + ihl] != 8
                || !Arrays.equals(frame, at + 16, at + 20, ip, 0, 4)) {
            return List.of();
        }
        echoRequests.incrementAndGet();
        byte[] reply = Arrays.copyOf(frame, at + total);
        if (at > 0) {
            System.arraycopy(frame, 6, reply, 0, 6);
            System.arraycopy(mac, 0, reply, 6, 6);
        }
        System.arraycopy(frame, at + 16, reply, at + 12, 4);
        System.arraycopy(frame, at + 12, reply, at + 16, 4);
        reply[at + 8] = 64;
        put16(reply, at + 10, 0);
        put16(reply, at + 10, checksum(reply, at, ihl));
        int icmp = at + ihl;
        reply[icmp] = 0;
        put16(reply, icmp + 2, 0);
        put16(reply, icmp + 2, checksum(reply, icmp, total - ihl));
        return List.of(reply);
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes at {@code offset}. */
    static int checksum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += u16(b, offset + i);
        }
        if ((length & 1) != 0) {
            sum += (b[offset + length - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }
}
