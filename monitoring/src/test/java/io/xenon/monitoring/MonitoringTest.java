package io.xenon.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import kamon.Kamon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    @BeforeAll
    static void start() {
        Monitoring.start(ConfigFactory.parseString("xenon.metrics.tick-interval = 200ms")
                .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        Monitoring.stop();
    }

    @Test
    void theScrapeFollowsEachTick() throws Exception {
        Kamon.counter("xenon.test.ticks").withoutTags().increment();
        awaitScrape("xenon_test_ticks_total 1.0");
        Kamon.counter("xenon.test.ticks").withoutTags().increment(2);
        awaitScrape("xenon_test_ticks_total 3.0");
    }

    @Test
    void kamonsStatusPageDoesNotListen() throws Exception {
        try (ServerSocket free = new ServerSocket(5266)) {
            assertTrue(free.isBound());
        }
    }

    private static void awaitScrape(String line) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Monitoring.scrape();
            if (text.lines().anyMatch(line::equals)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line \"" + line + "\" in the scrape:\n" + text);
    }
}
