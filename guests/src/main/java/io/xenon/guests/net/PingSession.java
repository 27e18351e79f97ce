package io.xenon.guests.net;

import io.xenon.network.packet.IcmpMessage;
import io.xenon.network.packet.Ipv4Address;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One run of {@code ping}, after iputils' {@code ping}: {@link Settings#count} echo requests of
 * {@link Settings#size} data bytes to {@link Settings#target}, {@link Settings#intervalNanos}
 * apart, each counted lost if its reply does not come within {@link Settings#timeoutNanos}. It
 * prints ping's own lines to {@code out}: the header, one line per reply, and the statistics,
 * whose RTT line gives min/avg/max and the 99th percentile (nearest rank) where iputils gives
 * mdev.
 *
 * <p>RTTs are measured on the stack's clock (the guest's {@code NOW()}).
 *
 * <p>UNTRUSTED: a reply counts only with this session's identifier, a sequence number sent and
 * not yet answered or timed out, and the data sent; others are counted in {@link #ignored()}.
 *
 * <p>Confined to the guest's vCPU 0.
 */
public final class PingSession {

    /** {@code ping -c count -i interval -s size -W timeout target}. */
    public record Settings(Ipv4Address target, int count, long intervalNanos, int size, long timeoutNanos) {

        public Settings {
            java.util.Objects.requireNonNull(target, "target");
            if (count < 1 || count > 65_535 || intervalNanos < 0 || size < 0 || size > 1472 || timeoutNanos <= 0) {
                throw new IllegalArgumentException("ping settings out of range: " + this);
            }
        }
    }

    /** What a finished session counted, with its RTTs in nanoseconds in reply order. */
    public record Summary(int transmitted, int received, long elapsedNanos, long[] rtts) {

        /** The loss as iputils prints it: {@code 0%}, {@code 5%}, {@code 33.3333%}. */
        public String lossPercent() {
            double loss = transmitted == 0 ? 0 : (transmitted - received) * 100.0 / transmitted;
            return new BigDecimal(loss).round(new MathContext(6)).stripTrailingZeros().toPlainString() + "%";
        }

        /** {@code rtt min/avg/max/p99 = a/b/c/d ms}, or {@code null} with no replies. */
        public String rttLine() {
            if (rtts.length == 0) {
                return null;
            }
            long[] sorted = rtts.clone();
            Arrays.sort(sorted);
            double avg = Arrays.stream(sorted).average().orElse(0);
            long p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
            return String.format(Locale.ROOT, "rtt min/avg/max/p99 = %.3f/%.3f/%.3f/%.3f ms", sorted[0] / 1e6,
                    avg / 1e6, sorted[sorted.length - 1] / 1e6, p99 / 1e6);
        }
    }

    private final IpStack stack;
    private final Settings settings;
    private final int identifier;
    private final Consumer<String> out;
    private final long[] sentAt;
    private final byte[][] data;
    private final boolean[] settled;
    private final long[] rtts;
    private int transmitted;
    private int received;
    private int settledCount;
    private long started;
    private long ignored;
    private Summary summary;

    /** A session over {@code stack} with echo identifier {@code identifier}, printing to {@code out}. */
    public PingSession(IpStack stack, Settings settings, int identifier, Consumer<String> out) {
        this.stack = stack;
        this.settings = settings;
        this.identifier = identifier & 0xffff;
        this.out = out;
        this.sentAt = new long[settings.count];
        this.data = new byte[settings.count][];
        this.settled = new boolean[settings.count];
        this.rtts = new long[settings.count];
    }

    /** Prints the header and sends the first request; later ones follow on the stack's timers. */
    public void start() {
        stack.onEchoReply(this::reply);
        out.accept("PING " + settings.target + " (" + settings.target + ") " + settings.size + "("
                + (settings.size + 28) + ") bytes of data.");
        started = stack.timers().now();
        send();
    }

    /** The summary once every request was answered or timed out, else {@code null}. */
    public Summary summary() {
        return summary;
    }

    /** Replies that were not this session's, were late, repeated, or carried other data. */
    public long ignored() {
        return ignored;
    }

    private void send() {
        int seq = transmitted++;
        byte[] payload = new byte[settings.size];
        // iputils puts the send time in the first bytes and a counting pattern after it.
        long now = stack.timers().now();
        for (int i = 0; i < payload.length; i++) {
            payload[i] = i < 8 ? (byte) (now >>> (56 - 8 * i)) : (byte) i;
        }
        data[seq] = payload;
        sentAt[seq] = now;
        stack.ping(settings.target, identifier, (seq + 1) & 0xffff, payload);
        stack.timers().after(settings.timeoutNanos, () -> settle(seq));
        if (transmitted < settings.count) {
            stack.timers().after(settings.intervalNanos, this::send);
        }
    }

    private void reply(Ipv4Address from, int ttl, IcmpMessage m) {
        int seq = m.sequence() - 1;
        if (!from.equals(settings.target) || m.identifier() != identifier || seq < 0 || seq >= transmitted
                || settled[seq] || !m.data().equals(io.xenon.network.packet.ByteSlice.of(data[seq]))) {
            ignored++;
            return;
        }
        long rtt = stack.timers().now() - sentAt[seq];
        rtts[received++] = rtt;
        out.accept((m.length()) + " bytes from " + from + ": icmp_seq=" + (seq + 1) + " ttl=" + ttl + " time="
                + String.format(Locale.ROOT, "%.3f", rtt / 1e6) + " ms");
        settle(seq);
    }

    private void settle(int seq) {
        if (settled[seq]) {
            return;
        }
        settled[seq] = true;
        if (++settledCount == settings.count) {
            finish();
        }
    }

    private void finish() {
        summary = new Summary(transmitted, received, stack.timers().now() - started, Arrays.copyOf(rtts, received));
        out.accept("--- " + settings.target + " ping statistics ---");
        out.accept(transmitted + " packets transmitted, " + received + " received, " + summary.lossPercent()
                + " packet loss, time " + summary.elapsedNanos() / 1_000_000 + "ms");
        String rtt = summary.rttLine();
        if (rtt != null) {
            out.accept(rtt);
        }
        stack.onEchoReply((from, ttl, m) -> ignored++);
    }
}
