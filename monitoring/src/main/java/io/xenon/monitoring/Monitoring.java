package io.xenon.monitoring;

import com.typesafe.config.Config;
import kamon.Kamon;
import kamon.prometheus.PrometheusReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kamon for the daemon: {@link #start} initialises Kamon from the daemon's configuration, which
 * attaches the bundle's instrumentation (Pekko actors, dispatchers, streams) and starts the
 * Prometheus reporter; {@link #scrape} is the text a Prometheus server reads from
 * {@code /metrics}. Started once per process.
 */
public final class Monitoring {

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

    private Monitoring() {
    }

    /** Initialises Kamon with {@code config} (its {@code kamon} section) and the Prometheus reporter. */
    public static void start(Config config) {
        Kamon.init(config);
        LOG.info("Kamon started; Prometheus reporter {}", PrometheusReporter.latestScrapeData().isDefined()
                ? "ready" : "waiting for the first tick");
    }

    /**
     * The Prometheus exposition text of the last metrics tick; empty before the first tick.
     */
    public static String scrape() {
        scala.Option<String> data = PrometheusReporter.latestScrapeData();
        return data.isDefined() ? data.get() : "";
    }

    /** Stops Kamon's reporters and instrumentation, waiting at most a few seconds. */
    public static void stop() {
        try {
            scala.concurrent.Await.result(Kamon.stop(), scala.concurrent.duration.Duration.create(5, "s"));
        } catch (Exception e) {
            LOG.warn("Kamon did not stop cleanly: {}", e.toString());
        }
    }
}
