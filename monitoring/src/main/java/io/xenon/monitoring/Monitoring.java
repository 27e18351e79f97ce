package io.xenon.monitoring;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
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

    /**
     * What the daemon needs from Kamon whatever the class path's reference.conf files say: its
     * service name, no status page (it would listen on every interface), no embedded Prometheus
     * server (the daemon serves {@code /metrics} on loopback), and the Prometheus reporter
     * registered here rather than as an auto-loaded module, so that {@link #scrape} reads the
     * instance that receives the ticks.
     */
    private static final Config OVERRIDES = ConfigFactory.parseString("""
            kamon.environment.service = "xenon"
            kamon.modules.status-page.enabled = no
            kamon.modules.prometheus-reporter.enabled = no
            kamon.prometheus.start-embedded-http-server = no
            kamon.prometheus.include-environment-tags = no
            """);

    private static volatile PrometheusReporter reporter;

    /**
     * Initialises Kamon with {@code config} (its {@code kamon} section, with the overrides above
     * and {@code xenon.metrics.tick-interval}) and the Prometheus reporter.
     */
    public static synchronized void start(Config config) {
        Config tick = ConfigFactory.parseMap(java.util.Map.of("kamon.metric.tick-interval",
                config.getDuration("xenon.metrics.tick-interval").toMillis() + "ms"));
        Kamon.init(OVERRIDES.withFallback(tick).withFallback(config));
        if (reporter == null) {
            reporter = new PrometheusReporter(PrometheusReporter.DefaultConfigPath(), Kamon.config());
            Kamon.addReporter("Prometheus Reporter", reporter);
        }
        LOG.info("Kamon started; Prometheus reporter ready");
    }

    /**
     * The Prometheus exposition text of the last metrics tick; empty before the first tick.
     */
    public static String scrape() {
        PrometheusReporter r = reporter;
        return r == null ? "" : r.scrapeData();
    }

    /** Stops Kamon's reporters and instrumentation, waiting at most a few seconds. */
    public static synchronized void stop() {
        reporter = null;
        try {
            scala.concurrent.Await.result(Kamon.stop(), scala.concurrent.duration.Duration.create(5, "s"));
        } catch (Exception e) {
            LOG.warn("Kamon did not stop cleanly: {}", e.toString());
        }
    }
}
