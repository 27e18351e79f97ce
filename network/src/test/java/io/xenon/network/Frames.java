package io.xenon.network;

import io.xenon.network.packet.Ipv4Address;
import io.xenon.network.port.Endpoint;
import io.xenon.network.port.PortRole;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.tag.TagSet;

/** Frames and endpoints for network tests. */
public final class Frames {

    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    private Frames() {
    }

    /** An Ethernet frame from {@code src} to {@code dst} (48-bit MACs) of type IPv4 with {@code payload} bytes. */
    public static byte[] frame(long dst, long src, int payload) {
        byte[] f = new byte[14 + payload];
        put(f, 0, dst);
        put(f, 6, src);
        f[12] = 0x08;
        for (int i = 14; i < f.length; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    /** The same frame with an 802.1Q tag of {@code vid}. */
    public static byte[] tagged(long dst, long src, int vid) {
        byte[] u = frame(dst, src, 46);
        byte[] t = new byte[u.length + 4];
        System.arraycopy(u, 0, t, 0, 12);
        t[12] = (byte) 0x81;
        t[14] = (byte) (vid >>> 8);
        t[15] = (byte) vid;
        System.arraycopy(u, 12, t, 16, u.length - 12);
        return t;
    }

    /** 00:16:3e:00:00:n */
    public static long mac(int n) {
        return 0x00163E000000L | n;
    }

    public static long src(byte[] f) {
        long m = 0;
        for (int i = 6; i < 12; i++) {
            m = (m << 8) | (f[i] & 0xFF);
        }
        return m;
    }

    private static void put(byte[] f, int at, long mac) {
        for (int i = 5; i >= 0; i--) {
            f[at + i] = (byte) mac;
            mac >>>= 8;
        }
    }

    public static long count(String metric, TagSet tags) {
        return ((Counter.LongAdder) Kamon.counter(metric).withTags(tags)).snapshot(false);
    }

    /** An endpoint that keeps what it is given, up to {@code capacity} frames, then refuses. */
    public static final class Sink implements Endpoint {
        private final String name;
        private final PortRole role;
        private final int vlan;
        private final List<Ipv4Address> addresses;
        public final BlockingQueue<byte[]> got;

        public Sink(String name, PortRole role, int vlan, int capacity, List<Ipv4Address> addresses) {
            this.name = name;
            this.role = role;
            this.vlan = vlan;
            this.addresses = List.copyOf(addresses);
            this.got = new LinkedBlockingQueue<>(capacity);
        }

        public Sink(String name, PortRole role, int vlan, int capacity) {
            this(name, role, vlan, capacity, List.of());
        }

        /** A vif whose {@code ip=} key gives {@code addresses}. */
        public Sink(String name, List<Ipv4Address> addresses) {
            this(name, PortRole.GUEST, 0, 100_000, addresses);
        }

        public Sink(String name, PortRole role) {
            this(name, role, 0, 100_000);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public PortRole role() {
            return role;
        }

        @Override
        public int vlan() {
            return vlan;
        }

        @Override
        public List<Ipv4Address> addresses() {
            return addresses;
        }

        @Override
        public boolean deliver(byte[] frame) {
            return got.offer(frame);
        }

        public List<byte[]> drain() {
            List<byte[]> l = new java.util.ArrayList<>();
            got.drainTo(l);
            return l;
        }
    }
}
