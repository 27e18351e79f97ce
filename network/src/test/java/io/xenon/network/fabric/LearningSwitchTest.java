package io.xenon.network.fabric;

import static io.xenon.network.Frames.BROADCAST;
import static io.xenon.network.Frames.count;
import static io.xenon.network.Frames.frame;
import static io.xenon.network.Frames.mac;
import static io.xenon.network.Frames.tagged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xenon.network.Frames;
import io.xenon.network.NetworkMetrics;
import io.xenon.network.port.Port;
import io.xenon.network.port.PortMetrics;
import io.xenon.network.port.PortRole;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kamon.tag.TagSet;
import org.junit.jupiter.api.Test;

class LearningSwitchTest {

    private static final AtomicInteger NETWORKS = new AtomicInteger();
    private static final long AGEING = TimeUnit.SECONDS.toNanos(300);

    private final String net = "sw" + NETWORKS.incrementAndGet();
    private final NetworkMetrics metrics = new NetworkMetrics(net);
    private int ids;

    private Port port(Frames.Sink sink) {
        return new Port(++ids, sink, new PortMetrics(net, sink.name()));
    }

    private LearningSwitch fabric(boolean isolated, int capacity, Port... ports) {
        LearningSwitch s = new LearningSwitch(metrics, AGEING, capacity, isolated);
        for (Port p : ports) {
            s.attached(p);
        }
        return s;
    }

    @Test
    void floodsUnknownThenForwardsToTheLearnedPortOnly() {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST);
        var c = new Frames.Sink("c", PortRole.GUEST);
        Port pa = port(a);
        Port pb = port(b);
        Port pc = port(c);
        LearningSwitch s = fabric(false, 16, pa, pb, pc);

        s.forward(pa, frame(mac(2), mac(1), 46), 0);
        assertEquals(0, a.got.size(), "never back out of the port it came in on");
        assertEquals(1, b.got.size());
        assertEquals(1, c.got.size());

        s.forward(pb, frame(mac(1), mac(2), 46), 1);
        assertEquals(1, a.got.size(), "a was learned from its first frame");
        assertEquals(1, c.got.size(), "a known destination is not flooded");

        s.forward(pa, frame(mac(2), mac(1), 46), 2);
        assertEquals(2, b.got.size());
        assertEquals(1, c.got.size());
    }

    @Test
    void floodsBroadcastEvenWhenTheSourceIsKnown() {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST);
        var h = new Frames.Sink("h", PortRole.HOST);
        LearningSwitch s = fabric(false, 16, port(a), port(b), port(h));
        Port pa = port(new Frames.Sink("x", PortRole.GUEST));
        s.attached(pa);
        s.forward(pa, frame(BROADCAST, mac(9), 28), 0);
        assertEquals(1, a.got.size());
        assertEquals(1, b.got.size());
        assertEquals(1, h.got.size());
        assertEquals(1, count("xenon.network.frames", TagSet.of("network", net).withTag("action", "flooded")));
    }

    @Test
    void forgetsAddressesThatAgedOutAndThoseOfAPortThatLeft() {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST);
        var c = new Frames.Sink("c", PortRole.GUEST);
        Port pa = port(a);
        Port pb = port(b);
        Port pc = port(c);
        LearningSwitch s = fabric(false, 16, pa, pb, pc);
        s.forward(pa, frame(BROADCAST, mac(1), 46), 0);
        b.drain();
        c.drain();

        s.forward(pb, frame(mac(1), mac(2), 46), AGEING + 1);
        assertEquals(1, c.got.size(), "an aged-out address is flooded again");

        s.forward(pa, frame(BROADCAST, mac(1), 46), AGEING + 2);
        s.detached(pa);
        c.drain();
        s.forward(pb, frame(mac(1), mac(2), 46), AGEING + 3);
        assertEquals(1, c.got.size(), "a departed port's addresses are forgotten");
    }

    @Test
    void keepsVlansApartAndTagsFramesOnlyOnTheTrunk() {
        var v10 = new Frames.Sink("v10", PortRole.GUEST, 10, 100);
        var v20 = new Frames.Sink("v20", PortRole.GUEST, 20, 100);
        var other10 = new Frames.Sink("o10", PortRole.GUEST, 10, 100);
        var trunk = new Frames.Sink("up", PortRole.HOST);
        Port p10 = port(v10);
        Port pt = port(trunk);
        LearningSwitch s = fabric(false, 16, p10, port(v20), port(other10), pt);

        byte[] sent = frame(BROADCAST, mac(1), 46);
        s.forward(p10, sent, 0);
        assertEquals(0, v20.got.size(), "VLAN 20 sees nothing of VLAN 10");
        assertArrayEquals(sent, other10.got.poll(), "an access port gets the frame untagged");
        byte[] onTrunk = trunk.got.poll();
        assertArrayEquals(tagged(BROADCAST, mac(1), 10), onTrunk, "the trunk gets it tagged 10");

        s.forward(pt, tagged(mac(1), mac(7), 10), 1);
        assertArrayEquals(frame(mac(1), mac(7), 46), v10.got.poll(), "the tag comes off towards an access port");
        assertEquals(0, v20.got.size());
    }

    @Test
    void dropsTaggedFramesFromGuestsRuntsAndGroupSources() {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST);
        Port pa = port(a);
        LearningSwitch s = fabric(false, 16, pa, port(b));
        s.forward(pa, tagged(BROADCAST, mac(1), 5), 0);
        s.forward(pa, new byte[13], 0);
        s.forward(pa, frame(BROADCAST, BROADCAST, 46), 0);
        assertEquals(0, b.got.size());
        TagSet tags = TagSet.of("network", net).withTag("port", "a");
        assertEquals(1, count("xenon.network.port.drops", tags.withTag("reason", "tagged-from-guest")));
        assertEquals(1, count("xenon.network.port.drops", tags.withTag("reason", "runt")));
        assertEquals(1, count("xenon.network.port.drops", tags.withTag("reason", "group-source")));
    }

    @Test
    void isolatedGuestsReachTheHostSideButNeverEachOther() {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST);
        var h = new Frames.Sink("h", PortRole.HOST);
        Port pa = port(a);
        Port pb = port(b);
        Port ph = port(h);
        LearningSwitch s = fabric(true, 16, pa, pb, ph);

        s.forward(pa, frame(BROADCAST, mac(1), 46), 0);
        s.forward(pb, frame(BROADCAST, mac(2), 46), 1);
        s.forward(pa, frame(mac(2), mac(1), 46), 2);
        s.forward(pb, frame(mac(1), mac(2), 46), 3);
        assertEquals(0, a.got.size(), "a saw nothing of b");
        assertEquals(0, b.got.size(), "b saw nothing of a");
        assertEquals(2, h.got.size(), "the host side saw both broadcasts");
        TagSet tags = TagSet.of("network", net).withTag("reason", "isolated");
        assertEquals(2, count("xenon.network.port.drops", tags.withTag("port", "a")));
        assertEquals(2, count("xenon.network.port.drops", tags.withTag("port", "b")));

        s.forward(ph, frame(mac(1), mac(100), 46), 4);
        s.forward(ph, frame(BROADCAST, mac(100), 46), 5);
        assertEquals(2, a.got.size(), "the host reaches a, unicast and broadcast");
        assertEquals(1, b.got.size());
    }

    @Test
    void aFloodOfSourceAddressesStopsAtTheTableBound() {
        var a = new Frames.Sink("a", PortRole.GUEST);
        var b = new Frames.Sink("b", PortRole.GUEST, 0, 1_000_000);
        Port pa = port(a);
        LearningSwitch s = fabric(false, 8, pa, port(b));
        for (int i = 0; i < 1000; i++) {
            s.forward(pa, frame(BROADCAST, mac(1000 + i), 46), i);
        }
        assertEquals(1000, b.got.size(), "frames still pass");
        assertTrue(count("xenon.network.drops", TagSet.of("network", net).withTag("reason", "mac-table-full")) >= 992);
    }
}
