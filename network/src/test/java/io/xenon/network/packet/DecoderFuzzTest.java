package io.xenon.network.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand random and mutated frames through every decoder, the peeks and the NAT rewriter:
 * none may throw, and both decodes and drops must occur (so the mutations reach the checks).
 */
class DecoderFuzzTest {

    static final int FRAMES = 10_000;

    @Test
    void randomAndMutatedFramesNeverThrow() {
        Map<Malformed, Integer> drops = new EnumMap<>(Malformed.class);
        int[] decoded = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Random r = new Random(0x5eed);
            List<byte[]> seeds = new ArrayList<>(Samples.frames().values());
            for (int n = 0; n < FRAMES; n++) {
                byte[] frame = next(r, seeds);
                Decoded<?> d = Samples.decodeAll(frame, 0, frame.length);
                if (d.isOk()) {
                    decoded[0]++;
                } else {
                    drops.merge(d.reasonOrNull(), 1, Integer::sum);
                }
                everyDecoderDirectly(frame, r);
            }
        });
        assertTrue(decoded[0] > 100, "decoded " + decoded[0]);
        for (Malformed m : List.of(Malformed.TRUNCATED, Malformed.BAD_CHECKSUM, Malformed.BAD_LENGTH,
                Malformed.UNSUPPORTED, Malformed.BAD_VERSION)) {
            assertTrue(drops.getOrDefault(m, 0) > 0, "no " + m + " among " + drops);
        }
    }

    /** A pure random frame, a mutated sample, a truncated sample, or a sample with a length field forced. */
    private static byte[] next(Random r, List<byte[]> seeds) {
        byte[] seed = seeds.get(r.nextInt(seeds.size()));
        switch (r.nextInt(4)) {
            case 0: {
                byte[] b = new byte[r.nextInt(1600)];
                r.nextBytes(b);
                return b;
            }
            case 1: {
                byte[] b = seed.clone();
                for (int i = 1 + r.nextInt(8); i > 0; i--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 2:
                return java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 20));
            default: {
                byte[] b = seed.clone();
                int at = r.nextInt(b.length - 1);
                int v = r.nextBoolean() ? 0xffff : r.nextInt(64);
                b[at] = (byte) (v >> 8);
                b[at + 1] = (byte) v;
                return b;
            }
        }
    }

    private static void everyDecoderDirectly(byte[] b, Random r) {
        int off = r.nextInt(b.length + 2) - 1;
        int len = r.nextInt(b.length + 2) - 1;
        Ipv4Address s = new Ipv4Address(r.nextInt());
        Ipv4Address d = new Ipv4Address(r.nextInt());
        EthernetFrame.decode(b, off, len);
        ArpPacket.decode(b, off, len);
        Ipv4Packet.decode(b, off, len);
        IcmpMessage.decode(b, off, len);
        UdpDatagram.decode(b, off, len, s, d);
        TcpSegment.decode(b, off, len, s, d);
        DhcpMessage.decode(b, off, len);
        EthernetPeek.dst(b, off, len);
        EthernetPeek.src(b, off, len);
        EthernetPeek.vlanId(b, off, len);
        EthernetPeek.etherType(b, off, len);
        EthernetPeek.tagged(b, off, len);
        NatRewrite.rewriteSource(b.clone(), off, len, s, r.nextInt(0x10000));
        NatRewrite.rewriteDestination(b.clone(), off, len, d, r.nextInt(0x10000));
    }

    @Test
    void natRewriteKeepsEveryDecodablePacketDecodable() {
        Random r = new Random(1624);
        int rewritten = 0;
        for (byte[] frame : Samples.frames().values()) {
            EthernetFrame f = EthernetFrame.decode(frame).orNull();
            for (int n = 0; n < 200; n++) {
                byte[] ip = f.payload().toArray();
                Ipv4Address a = new Ipv4Address(r.nextInt());
                int port = r.nextInt(0x10000);
                boolean src = r.nextBoolean();
                boolean done = src ? NatRewrite.rewriteSource(ip, 0, ip.length, a, port)
                        : NatRewrite.rewriteDestination(ip, 0, ip.length, a, port);
                if (!done) {
                    continue;
                }
                rewritten++;
                byte[] out = new EthernetFrame(f.dst(), f.src(), f.vlan(), f.etherType(), ByteSlice.of(ip)).encode();
                Decoded<?> back = Samples.decodeAll(out, 0, out.length);
                assertTrue(back.isOk(), "after rewrite: " + back);
                Ipv4Packet p = Ipv4Packet.decode(ip, 0, ip.length).orNull();
                assertEquals(a, src ? p.src() : p.dst());
            }
        }
        assertTrue(rewritten > 1000, "rewrote " + rewritten);
    }
}
